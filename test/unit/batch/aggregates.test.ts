// Aggregates of a batch from reports alone: the gradebook CSV, summary statistics, the self-contained HTML page, LTI scores.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderGradebook } from '../../../grader/class-report/gradebook.js';
import { readCsv } from '../../../grader/util/csv.js';
import { median, summarize } from '../../../grader/class-report/summary.js';
import type { Graded } from '../../../grader/model/student.js';
import { escapeHtml, histogram, renderSummaryHtml } from '../../../grader/class-report/summary-html.js';
import { writeAggregates } from '../../../grader/class-report/outputs.js';
import { fakeReport, makeTree, removeTrees } from './helpers.js';

afterAll(removeTrees);

/** The cells as tfgrade's own reader (csv-parse, strict) gets them back. */
function parseCsv(text: string): string[][] {
  const r = readCsv(text);
  if ('error' in r) throw new Error(r.error.message);
  return r.rows;
}

const g = (id: string, ex: Parameters<typeof fakeReport>[1], identity: Graded['identity'] = {}): Graded => ({
  id,
  file: id,
  identity,
  report: fakeReport(id, ex),
});
const batch: Graded[] = [
  g('a', { e1: ['passed', 'passed'], e2: ['passed'] }, { name: 'Smith, "Al"', userId: '11', section: 'L01' }),
  g('b', { e1: ['passed', 'failed'], e2: ['timeout'] }, { name: '=cmd|calc', sisUserId: 'S2', email: 'b@x.edu' }),
  g('c', { e1: ['error', 'missing'], e2: ['needs-review'] }, { name: '<script>alert(1)</script>' }),
];

describe('gradebook.csv', () => {
  it('has identity columns, one column per exercise, no total (Canvas would import it as an assignment), and reads back to the same values', () => {
    const rows = parseCsv(
      renderGradebook(batch, [
        { id: 'e1', maxScore: 2 },
        { id: 'e2', maxScore: 1 },
      ]),
    );
    expect(rows).toEqual([
      ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'e1', 'e2'],
      ['Points Possible', '', '', '', '', '2', '1'],
      ['Smith, "Al"', '11', '', '', 'L01', '2', '1'],
      ["'=cmd|calc", '', 'S2', 'b@x.edu', '', '1', '0'],
      ['<script>alert(1)</script>', '', '', '', '', '0', '0'],
    ]);
  });
});

describe('summary', () => {
  it.each([
    [[], null],
    [[3], 3],
    [[1, 5], 3],
    [[5, 1, 3], 3],
    [[0, 0, 4, 1], 0.5],
  ])('median %j = %j', (xs, want) => {
    expect(median(xs as number[])).toBe(want);
  });

  it('counts per exercise and per part: mean, median, pass rate, review, errors, timeouts, missing', () => {
    const s = summarize(batch, { layout: 'folders', unattributed: [{ path: 'x.txt', reason: 'r' }], ignored: [] });
    expect(s).toMatchObject({
      students: 3,
      allPassed: 1,
      maxScore: 3,
      mean: 1.333333,
      median: 1,
      min: 0,
      max: 3,
      layout: 'folders',
    });
    const [e1, e2] = s.exercises;
    expect(e1).toMatchObject({
      id: 'e1',
      title: 'Exercise e1',
      maxScore: 2,
      passed: 1,
      passRate: 0.333333,
      errors: 1,
      timeouts: 0,
      missing: 1,
      needsReview: 0,
      mean: 1,
      median: 1,
    });
    expect(e1.parts.map((p) => [p.id, p.passed, p.passRate, p.errors, p.missing, p.mean])).toEqual([
      ['p1', 2, 0.666667, 1, 0, 0.666667],
      ['p2', 1, 0.333333, 0, 1, 0.333333],
    ]);
    expect(e2).toMatchObject({ passed: 1, timeouts: 1, needsReview: 1 });
    expect(s.roster.map((r) => [r.id, r.report, r.passed])).toEqual([
      ['a', 'a.json', true],
      ['b', 'b.json', false],
      ['c', 'c.json', false],
    ]);
    expect(s.unattributed).toEqual([{ path: 'x.txt', reason: 'r' }]);
  });

  it('holds no time or duration, so reruns and merges compare equal', () => {
    const later = batch.map((x) => ({
      ...x,
      report: { ...x.report, createdAt: '2030-01-01T00:00:00.000Z', durationMs: 99999 },
    }));
    const extra = { unattributed: [], ignored: [] };
    expect(summarize(later, extra)).toEqual(summarize(batch, extra));
    expect(renderSummaryHtml(summarize(later, extra), later)).toBe(renderSummaryHtml(summarize(batch, extra), batch));
  });

  it('refuses reports that graded different exercises', () => {
    expect(() =>
      summarize([...batch, g('d', { e1: ['passed', 'passed'] })], { unattributed: [], ignored: [] }),
    ).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });

  it('is defined for zero students', () => {
    expect(summarize([], { unattributed: [], ignored: [] })).toMatchObject({
      students: 0,
      mean: null,
      median: null,
      exercises: [],
    });
  });
});

describe('summary.html', () => {
  it('is self-contained and escapes every student-provided string', () => {
    const evil = g(
      '<img src=x onerror=alert(1)>',
      { e1: ['passed', 'passed'], e2: ['passed'] },
      { name: '"><script>x()</script>' },
    );
    const all = [...batch, evil].sort((x, y) => (x.id < y.id ? -1 : 1));
    const html = renderSummaryHtml(
      summarize(all, { unattributed: [{ path: '<b>x</b>', reason: 'r&d' }], ignored: [] }),
      all,
    );
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    // No external asset: no src=, no http(s) link except the SVG namespace, no stylesheet link.
    expect(html).not.toMatch(/<[^>]*\ssrc=|<link|<script|<img|<iframe/i);
    expect(html.match(/https?:\/\/[^"]+/g)).toEqual(['http://www.w3.org/2000/svg']);
    expect(html).toMatch(/<svg[^>]*>.*<rect/s);
  });

  it.each([
    [[0, 1, 1, 3], 3, [1, 2, 0, 1]],
    [[0, 2.5, 50, 100], 100, [2, 0, 0, 0, 0, 1, 0, 0, 0, 1]],
  ])('histogram of %j out of %i', (scores, max, counts) => {
    expect(histogram(scores, max).map((b) => b.count)).toEqual(counts);
  });

  it('escapeHtml escapes the five characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('writeAggregates', () => {
  it('writes summary.json, gradebook.csv, summary.html and one LTI score per student (Canvas user id when known)', () => {
    const out = makeTree({});
    writeAggregates(out, batch, { unattributed: [], ignored: [] }, []);
    const lti = JSON.parse(readFileSync(join(out, 'lti-scores.json'), 'utf8')) as {
      userId: string;
      scoreGiven: number;
      scoreMaximum: number;
      gradingProgress: string;
    }[];
    expect(lti.map((x) => [x.userId, x.scoreGiven, x.scoreMaximum, x.gradingProgress])).toEqual([
      ['11', 3, 3, 'FullyGraded'],
      ['b', 1, 3, 'FullyGraded'],
      ['c', 0, 3, 'PendingManual'],
    ]);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).students).toBe(3);
    expect(readFileSync(join(out, 'gradebook.csv'), 'utf8').split('\r\n')).toHaveLength(6);
    expect(readFileSync(join(out, 'summary.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });
});
