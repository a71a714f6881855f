// reviews.csv: export, fill in, import; a bad sheet names each bad row and column and yields no decision at all.
import { describe, expect, it } from 'vitest';
import { applyDecisions } from '../../../grader/review/reviews.js';
import { CSV_COLUMNS, exportCsv, importCsv } from '../../../grader/review/reviews-csv.js';
import { readCsv } from '../../../grader/util/csv.js';
import { reviewQueue } from '../../../grader/review/review-session.js';
import { decision, gradedOf, reviewReport } from './review-fixtures.js';

function parseCsv(text: string): string[][] {
  const r = readCsv(text);
  if ('error' in r) throw new Error(r.error.message);
  return r.rows;
}

const klass = () =>
  ['ana', 'ben'].map((s) =>
    gradedOf(reviewReport(s, { suggested: 1.5, answer: `ReLU, "quoted", and a comma,\nover two lines (${s})` })),
  );

/** The exported sheet with `score` (and more) set on the row of `student`. */
function filled(fill: Record<string, Record<string, string>>): string {
  const graded = klass();
  const rows = parseCsv(exportCsv(reviewQueue(graded), graded));
  const head = rows[0];
  for (const r of rows.slice(1)) for (const [k, v] of Object.entries(fill[r[0]] ?? {})) r[head.indexOf(k)] = v;
  return `${rows.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join('\r\n')}\r\n`;
}

describe('reviews.csv', () => {
  it('exports every part to review with its answer, quoted so a spreadsheet reads it back whole', () => {
    const graded = klass();
    const rows = parseCsv(exportCsv(reviewQueue(graded), graded));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.slice(1).map((r) => [r[0], r[2], r[4], r[5]])).toEqual([
      ['ana', 'p2', '1.5', ''],
      ['ben', 'p2', '1.5', ''],
    ]);
    expect(rows[1][CSV_COLUMNS.indexOf('answer')]).toBe('ReLU, "quoted", and a comma,\nover two lines (ana)');
  });

  it('imports the filled-in scores and comments; rows left empty are not decided', () => {
    const { decisions, problems } = importCsv(filled({ ana: { score: '2', comment: 'complete' } }), klass());
    expect(problems).toEqual([]);
    expect(decisions).toEqual([
      {
        student: 'ana',
        exercise: 'e1',
        part: 'p2',
        kind: 'review',
        score: 2,
        comment: 'complete',
        answerHash: 'hash-ana',
      },
    ]);
  });

  it('imports an override of a part that needed no review, with its reason', () => {
    const sheet = `${CSV_COLUMNS.join(',')}\nben,e1,p1,1,,0,override,,copied from ana,,\n`;
    const { decisions, problems } = importCsv(sheet, klass());
    expect(problems).toEqual([]);
    expect(decisions[0]).toMatchObject({
      student: 'ben',
      part: 'p1',
      kind: 'override',
      score: 0,
      reason: 'copied from ana',
    });
  });

  it.each([
    ['a score above the part', { ana: { score: '3' } }, 2, 'score'],
    ['a score that is not a number', { ana: { score: 'two' } }, 2, 'score'],
    ['an unknown student', { ana: { score: '1', student: 'zed' } }, 2, 'student'],
    ['an unknown exercise', { ben: { score: '1', exercise: 'e9' } }, 3, 'exercise'],
    ['an unknown part', { ben: { score: '1', part: 'p9' } }, 3, 'part'],
    ['an unknown kind', { ana: { score: '1', kind: 'regrade' } }, 2, 'kind'],
    ['an override without a reason', { ana: { score: '1', kind: 'override' } }, 2, 'reason'],
    ['an answer changed since the export', { ana: { score: '1', answer_hash: 'older' } }, 2, 'answer_hash'],
  ])(
    'refuses %s, naming row and column, and imports nothing',
    (_, fill: Record<string, Record<string, string>>, row, column) => {
      const { decisions, problems } = importCsv(
        filled({ ana: { score: '2', ...fill.ana }, ben: { score: '2', ...fill.ben } }),
        klass(),
      );
      expect(problems.map((p) => [p.row, p.column])).toContainEqual([row, column]);
      // The good row of the same sheet is reported as a decision, but the command writes nothing when any row is bad.
      expect(problems.length + decisions.length).toBe(2);
    },
  );

  it('refuses a review of a part that needs none (an override is the way), and a sheet missing a column', () => {
    const sheet = `${CSV_COLUMNS.join(',')}\nana,e1,p1,1,,0,review,,,,\n`;
    expect(importCsv(sheet, klass()).problems).toEqual([
      { row: 2, column: 'kind', code: 'NEEDS_NO_REVIEW', message: expect.stringMatching(/override/) },
    ]);
    expect(importCsv('student,exercise,part\nana,e1,p2\n', klass()).problems).toEqual([
      { row: 1, column: 'score', code: 'MISSING_COLUMN', message: 'the column is missing' },
    ]);
  });

  it('exports a decided part with its decision, so a sheet can be edited and imported again', () => {
    const graded = klass().map((g) => ({
      ...g,
      report: applyDecisions(g.report, [decision('ana', { score: 1, comment: 'half' })]).report,
    }));
    const rows = parseCsv(exportCsv(reviewQueue(graded), graded));
    expect(rows[1].slice(5, 8)).toEqual(['1', 'review', 'half']);
  });
});
