// summary.html's per-student sections: unique anchors linked from the roster, escaping, reviews, failing cases, answers.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anchorPart, pageId } from '../../../grader/class-report/html-escape.js';
import { renderSummaryHtml } from '../../../grader/class-report/summary-html.js';
import { studentFile } from '../../../grader/layouts/student-id.js';
import { summarize } from '../../../grader/class-report/summary.js';
import type { Graded, StaleReview } from '../../../grader/model/student.js';
import type { PartReport } from '../../../grader/model/report.js';
import { compareSubmissions, type SimilarityReport } from '../../../grader/similarity/index.js';
import { fakeReport } from './helpers.js';

type Patch = Partial<PartReport>;

/** A student over e1 (two parts) and e2 (one part); `patch` rewrites parts by "exercise.part" (scores roll up). */
function student(id: string, patch: Record<string, Patch> = {}, name?: string): Graded {
  const report = fakeReport(id, { e1: ['passed', 'failed'], e2: ['passed'] });
  for (const e of report.exercises) {
    e.parts = e.parts.map((p) => ({ ...p, ...patch[`${e.id}.${p.id}`] }));
    e.score = e.parts.reduce((a, p) => a + p.score, 0);
  }
  report.score = report.exercises.reduce((a, e) => a + e.score, 0);
  return { id, file: studentFile(id), identity: name ? { name } : {}, report };
}

const page = (graded: Graded[], stale: StaleReview[] = [], similarity?: SimilarityReport): string =>
  renderSummaryHtml(
    summarize(graded, { unattributed: [], ignored: [], stale, ...(similarity ? { similarity } : {}) }),
    graded,
  );

const ids = (html: string): string[] => [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
const links = (html: string): string[] => [...html.matchAll(/href="#([^"]*)"/g)].map((m) => m[1]);

/** The markup of one part: from its anchor to the next part, exercise heading or student section. */
function partOf(html: string, anchor: string): string {
  const start = html.indexOf(`id="${anchor}"`);
  expect(start, `no part ${anchor}`).toBeGreaterThan(-1);
  const ends = ['<div class="part', '<h4', '</details>'].map((m) => html.indexOf(m, start + 1)).filter((i) => i > 0);
  return html.slice(start, Math.min(...ends));
}

/** Reverses anchorPart, to prove that no two ids share an anchor. */
const decode = (a: string): string =>
  a === '~~'
    ? ''
    : a.replace(/~u([0-9A-F]{4})|(?:~[0-9A-F]{2})+/g, (m, u: string | undefined) =>
        u
          ? String.fromCharCode(parseInt(u, 16))
          : Buffer.from(
              m
                .slice(1)
                .split('~')
                .map((h) => parseInt(h, 16)),
            ).toString('utf8'),
      );

describe('summary.html anchors', () => {
  const tricky = [
    'alice',
    'Alice',
    'a b',
    'a~20b',
    'x.y',
    '_students',
    'students',
    '101',
    'zoë',
    '"><script>x()</script>',
    "o'brien #1 50%",
  ];
  const graded = tricky.map((id) => student(id));
  const html = page(graded);

  it('are unique and valid ids, and every in-page link lands on one', () => {
    const all = ids(html);
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) expect(id).toMatch(/^[A-Za-z0-9_~.-]+$/);
    const targets = new Set(all);
    for (const l of links(html)) expect(targets, l).toContain(l);
  });

  it('give each student a section the roster links to, and each part its own student.exercise.part anchor', () => {
    const roster = html.slice(html.indexOf(`id="${pageId('students')}"`), html.indexOf(`id="${pageId('details')}"`));
    const fromRoster = links(roster);
    expect(fromRoster).toHaveLength(tricky.length);
    expect(fromRoster.map(decode)).toEqual(tricky);
    for (const [i, g] of graded.entries()) {
      expect(html).toMatch(new RegExp(`<details class="student" id="${fromRoster[i]}">`));
      for (const e of g.report.exercises)
        for (const p of e.parts) expect(ids(html)).toContain(`${fromRoster[i]}.${e.id}.${p.id}`);
    }
    expect(fromRoster.slice(0, 2)).toEqual(['alice', 'Alice']);
    expect(fromRoster[5]).toBe('~5Fstudents');
    // The report file is o%27brien%20%231%2050%25.json (studentFile): its link is that name, percent-encoded once more.
    expect(roster).toContain('<a href="o%2527brien%2520%25231%252050%2525.json">JSON</a>');
  });

  it('anchorPart is injective on any UTF-16 string (lone surrogates too) and uses only fragment-safe characters', () => {
    const s = fc.string({
      maxLength: 12,
      unit: fc.oneof(
        fc.constantFrom('.', '~', '_', '%', '#', ' ', '\uD800', '\uDC00'),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      ),
    });
    fc.assert(
      fc.property(s, s, (a, b) => {
        const x = anchorPart(a);
        return /^(?!_)[A-Za-z0-9_~-]+$/.test(x) && decode(x) === a && (a === b || anchorPart(b) !== x);
      }),
      { numRuns: 300 },
    );
  });

  it('a student listed twice still gets two distinct sections', () => {
    const twice = page([student('dup'), student('dup')]);
    expect(ids(twice).filter((x) => x.startsWith('dup') && !x.includes('.'))).toEqual(['dup', 'dup~~2']);
  });
});

describe('summary.html student sections', () => {
  const evil = '"><script>alert(1)</script>';
  const graded = [
    student(
      'bob',
      {
        'e1.p2': {
          message: `6 of 8 values are off <img src=x onerror=alert(1)>`,
          warnings: [`leaked 3 tensors ${evil}`],
          cases: [
            {
              label: 'gamma [2, 0.5]',
              passed: false,
              expected: '[3, -2.92]',
              actual: '[1, 0.15]',
              tolerance: 'rtol 1e-4, atol 1e-5',
              maxAbsError: 3.679,
              worstIndex: [3, 1],
              hint: 'scale by gamma',
              diagnosis: { code: 'scaled', message: 'your values are the expected ones times 0.5' },
            },
            {
              label: 'random batch',
              passed: false,
              expected: '[1]',
              actual: '[2]',
              hint: 'scale by gamma',
              diagnosis: { code: 'scaled', message: 'your values are the expected ones times 0.5' },
            },
            { label: 'worked example', passed: true, expected: '[0]', actual: '[0]' },
          ],
        },
        'e2.p1': {
          score: 0.5,
          status: 'partial',
          reason: 'overridden',
          message: 'correct',
          review: {
            kind: 'override',
            by: 'ta@uni.edu',
            at: '2024-05-02T09:30:00.000Z',
            reason: 'copied from a classmate',
            comment: `see ${evil}`,
            automatic: { score: 1, status: 'passed', reason: 'correct' },
          },
        },
      },
      `Bob ${evil}`,
    ),
    student(evil, {
      'e1.p2': {
        status: 'needs-review',
        reason: 'needs-review',
        score: 0,
        suggestedScore: 0.5,
        message: 'needs human review; suggested 50%',
        answer: `Sigmoids saturate. </blockquote><script>steal()</script> 'quoted' "double"`,
        cases: [{ label: 'explanation', passed: false, actual: '"Sigmoids…"', note: '40 words' }],
      },
    }),
  ];
  const stale: StaleReview[] = [
    { student: evil, exercise: 'e1', part: 'p2', by: 'ta2', at: '2024-05-01T08:00:00.000Z' },
  ];
  const html = page(graded, stale, compareSubmissions([]));
  const evilAnchor = anchorPart(evil);

  it('escapes every string from a student or a file: ids, names, messages, answers, warnings, review comments', () => {
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(html).toContain('&lt;script&gt;steal()&lt;/script&gt; &#39;quoted&#39; &quot;double&quot;');
    expect(html).toContain('6 of 8 values are off &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('</blockquote>');
    expect(html.match(/<\/blockquote>/g)).toHaveLength(1);
  });

  it('a failed part shows its message, each failing case expected vs got, the tolerance, and the diagnosis and hint once', () => {
    const part = partOf(html, 'bob.e1.p2');
    expect(part).toMatch(/<span class="st failed">failed<\/span> <strong>0\/1<\/strong>/);
    expect(part).toContain('expected <code>[3, -2.92]</code>');
    expect(part).toContain('got <code>[1, 0.15]</code>');
    expect(part).toContain('tolerance rtol 1e-4, atol 1e-5 · max abs error 3.68 · worst at [3, 1]');
    expect(part).toContain('expected <code>[1]</code>');
    expect(part).not.toContain('worked example');
    expect(part.match(/looks like<\/strong> your values are the expected ones times 0.5/g)).toHaveLength(1);
    expect(part.match(/hint<\/strong> scale by gamma/g)).toHaveLength(1);
    expect(part).toContain('leaked 3 tensors &quot;&gt;&lt;script&gt;');
  });

  it('a reviewed or overridden part shows the decision and both scores: the one given and the automatic one it replaced', () => {
    const part = partOf(html, 'bob.e2.p1');
    expect(part).toMatch(/<strong>0\.5\/1<\/strong>/);
    const decision = /<div class="review">([^<]*)<\/div>/.exec(part)?.[1] ?? '';
    // Worded by decisionNote (shared with the text report): kind, who, when, the score given and the automatic one.
    expect(decision).toMatch(/^Overridden by ta@uni\.edu on 2024-05-02: 0\.5\/1 \(automatic 1\/1, passed\)/);
    expect(decision).toContain('copied from a classmate');
    expect(decision).toContain('see &quot;&gt;&lt;script&gt;');
    const reviewed = partOf(
      page([
        student('r', {
          'e1.p2': {
            score: 1,
            status: 'passed',
            reason: 'reviewed',
            review: {
              kind: 'review',
              by: 'ta',
              at: '2024-06-01T00:00:00.000Z',
              comment: 'good',
              automatic: { score: 0, status: 'needs-review', reason: 'needs-review' },
            },
          },
        }),
      ]),
      'r.e1.p2',
    );
    expect(reviewed).toMatch(/Reviewed by ta on 2024-06-01: 1\/1 \(automatic 0\/1, needs-review\)\. good/);
  });

  it('a needs-review part shows the suggested score and the answer in full; a full-marks part is one line', () => {
    const part = partOf(html, `${evilAnchor}.e1.p2`);
    expect(part).toContain('the rubric suggests 0.5 of 1 points');
    expect(part).toMatch(/<blockquote>Sigmoids saturate\. &lt;\/blockquote&gt;/);
    expect(part).not.toContain('40 words');
    expect(partOf(html, 'bob.e1.p1')).toMatch(/^id="bob\.e1\.p1"><div class="head">.*<\/div><\/div>$/);
  });

  it('the section lists the points not earned, links the JSON report, and hides no hidden-part evidence', () => {
    const bob = html.slice(html.indexOf('<details class="student" id="bob">'));
    expect(bob).toMatch(
      /Points not earned: <a href="#bob\.e1\.p2">e1\.p2<\/a> −1, <a href="#bob\.e2\.p1">e2\.p1<\/a> −0.5\./,
    );
    expect(bob).toContain('<a href="bob.json">bob.json</a>');
    const hidden = student('h', {
      'e1.p2': {
        visibility: 'hidden',
        cases: [{ label: 'secret', passed: false, expected: '[42]', actual: '[1]', hint: 'the answer is 42' }],
      },
    });
    const part = partOf(page([hidden]), 'h.e1.p2');
    expect(part).toContain('Hidden test: failed.');
    expect(part).not.toMatch(/42|secret/);
  });

  it('lists stale reviews with a link to the part, and puts the similar pairs after the roster', () => {
    expect(html).toContain(
      `<a href="#${evilAnchor}.e1.p2">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;: e1.p2</a>, by ta2 at 2024-05-01T08:00:00.000Z`,
    );
    const at = (s: string): number => html.indexOf(s);
    expect(at('id="_students"')).toBeLessThan(at('id="_similarity"'));
    expect(at('id="_similarity"')).toBeLessThan(at('id="_stale-reviews"'));
    expect(at('id="_stale-reviews"')).toBeLessThan(at('<details class="student"'));
    expect(page([student('a')])).not.toContain('_stale-reviews');
  });

  it('is the same page for the same reports: no creation time, no duration', () => {
    const later = graded.map((g) => ({
      ...g,
      report: { ...g.report, createdAt: '2031-01-01T00:00:00.000Z', durationMs: 12345 },
    }));
    expect(page(later, stale)).toBe(page(graded, stale));
    expect(page(graded)).not.toMatch(/durationMs|2024-01-01T00:00:00/);
  });

  it("fences a student's multi-line message and output: first line inline, the rest in a quoted pre, blank runs collapsed", () => {
    const threw = `p2 threw: Error: ${'\n'.repeat(50)}Total 3/3 <b>passed</b>`;
    const g = student('ana', { 'e1.p2': { message: threw } });
    g.report.exercises[0].output = `a${'\n'.repeat(30)}b\n${Array.from({ length: 40 }, (_, i) => `out ${i}`).join('\n')}`;
    const html = page([g]);
    expect(partOf(html, 'ana.e1.p2')).toContain(
      '<span class="msg">p2 threw: Error:<pre class="fenced">… 49 blank lines\nTotal 3/3 &lt;b&gt;passed&lt;/b&gt;</pre></span>',
    );
    expect(html).toMatch(/<pre class="fenced">a\n… 29 blank lines\nb\nout 0\n[^<]*\n… 23 more lines<\/pre>/);
  });
});
