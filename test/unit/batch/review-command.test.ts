// `grade review` without a terminal, on a synthetic batch folder: decisions reach every report and aggregate, bad input none.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reviewCommand, type ReviewArgs } from '../../../grader/commands/review.js';
import { mergeCommand } from '../../../grader/commands/merge.js';
import { writeAggregates } from '../../../grader/class-report/outputs.js';
import type { Summary } from '../../../grader/class-report/summary.js';
import type { Graded } from '../../../grader/model/student.js';
import type { Report } from '../../../grader/model/report.js';
import { renderReport } from '../../../grader/report/formats.js';
import { TfgradeError } from '../../../grader/util/errors.js';
import { writeFileAtomic } from '../../../grader/util/atomic-write.js';
import { captureIo, makeTree, removeTrees } from './helpers.js';
import { gradedOf, partOf, reviewReport } from './review-fixtures.js';

afterAll(removeTrees);

/** A batch --out folder `name` under `base` with students ana (suggested 2), ben (suggested 0.5), cho (no suggestion). */
function batchOut(
  base: string,
  name = 'out',
  students: Graded[] = [
    gradedOf(reviewReport('ana', { suggested: 2 })),
    gradedOf(reviewReport('ben', { suggested: 0.5 })),
    gradedOf(reviewReport('cho')),
  ],
): string {
  const out = join(base, name);
  for (const g of students) writeFileAtomic(join(out, `${g.file}.json`), renderReport(g.report, 'json'));
  writeAggregates(out, students, { unattributed: [], ignored: [] }, []);
  return out;
}

const read = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const report = (out: string, s: string) => read<Report>(join(out, `${s}.json`));

async function review(
  base: string,
  args: Omit<ReviewArgs, 'out'>,
  out = 'out',
): Promise<{ code: number; text: string }> {
  const { io, out: text } = captureIo(base, base);
  return { code: await reviewCommand({ out, by: 'ta1', ...args }, io), text: text() };
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TfgradeError) return e.code;
    throw e;
  }
  return undefined;
}

describe('grade review, non-interactive', () => {
  it('--accept-suggested --min-suggested decides only suggestions worth that fraction, everywhere at once', async () => {
    const base = makeTree({});
    const out = batchOut(base);
    const { code, text } = await review(base, { acceptSuggested: true, minSuggested: 0.5 });
    expect(code).toBe(0);
    expect(text).toMatch(/1 part decided, 2 still to review/);
    expect(partOf(report(out, 'ana'))).toMatchObject({
      score: 2,
      status: 'passed',
      reason: 'reviewed',
      review: { by: 'ta1', automatic: { score: 0, status: 'needs-review' } },
    });
    expect(partOf(report(out, 'ben')).status).toBe('needs-review');
    // The exercise column holds the decided score (gradebook.csv has no Total column: Canvas imported it as an assignment).
    expect(readFileSync(join(out, 'gradebook.csv'), 'utf8')).toMatch(/^ana,,,,,3$/m);
    expect(read<Summary>(join(out, 'summary.json')).reviews).toEqual({ decided: 1, pending: 2, stale: [] });
    expect(read<{ gradingProgress: string }[]>(join(out, 'lti-scores.json'))[0].gradingProgress).toBe('FullyGraded');
    expect(read<{ decisions: unknown[] }>(join(out, 'reviews.json')).decisions).toHaveLength(1);
  });

  it('--override sets any part with a reason, kept apart from the automatic score; without --reason it refuses', async () => {
    const base = makeTree({});
    const out = batchOut(base);
    expect(await codeOf(review(base, { override: ['ben', 'e1.p1', '0'] }))).toBe('USAGE');
    expect(await codeOf(review(base, { override: ['ben', 'e1.p1', '5'], reason: 'x' }))).toBe('USAGE');
    expect(await codeOf(review(base, { override: ['zed', 'e1.p1', '0'], reason: 'x' }))).toBe('USAGE');
    expect(existsSync(join(out, 'reviews.json'))).toBe(false);
    await review(base, { override: ['ben', 'e1.p1', '0'], reason: 'identical to ana' });
    expect(partOf(report(out, 'ben'), 'p1')).toMatchObject({
      score: 0,
      status: 'failed',
      reason: 'overridden',
      review: { kind: 'override', reason: 'identical to ana', automatic: { score: 1, status: 'passed' } },
    });
  });

  it('--import with one bad row writes nothing and names it; --export then --import decides', async () => {
    const base = makeTree({});
    const out = batchOut(base);
    expect((await review(base, { export: 'sheet.csv' })).text).toMatch(/3 parts to review/);
    const sheet = readFileSync(join(base, 'sheet.csv'), 'utf8').split('\n');
    const withScore = (line: string, score: string) => line.replace(/^([^,]*,[^,]*,[^,]*,[^,]*,[^,]*,)/, `$1${score}`);
    writeFileSync(
      join(base, 'bad.csv'),
      [sheet[0], withScore(sheet[1], '2'), withScore(sheet[2], '9'), ...sheet.slice(3)].join('\n'),
    );
    const before = readFileSync(join(out, 'ana.json'), 'utf8');
    let err: TfgradeError | undefined;
    await review(base, { import: 'bad.csv' }).catch((e: TfgradeError) => (err = e));
    expect(err?.code).toBe('REVIEWS_INVALID');
    expect(err?.problems.map((p) => p.path)).toEqual(['row 3, column score']);
    expect(readFileSync(join(out, 'ana.json'), 'utf8')).toBe(before);
    expect(existsSync(join(out, 'reviews.json'))).toBe(false);
    writeFileSync(
      join(base, 'good.csv'),
      [sheet[0], withScore(sheet[1], '2'), withScore(sheet[2], '1'), ...sheet.slice(3)].join('\n'),
    );
    expect((await review(base, { import: 'good.csv' })).text).toMatch(/2 parts decided, 1 still to review/);
  });

  it('refuses a folder that is not a batch output, and the interactive mode without an input', async () => {
    const base = makeTree({ 'empty/readme.txt': 'x' });
    expect(await codeOf(review(base, {}, 'empty'))).toBe('USAGE');
    batchOut(base);
    expect(await codeOf(review(base, {}))).toBe('USAGE');
  });
});

describe('grade merge with reviews', () => {
  it("carries each shard's decisions into the merged folder and its aggregates", async () => {
    const base = makeTree({});
    batchOut(base, 's1', [gradedOf(reviewReport('ana', { suggested: 2 }))]);
    batchOut(base, 's2', [gradedOf(reviewReport('ben', { suggested: 2 }))]);
    await review(base, { acceptSuggested: true }, 's1');
    const { io } = captureIo(base, base);
    await mergeCommand({ dirs: ['s1', 's2'], out: 'merged' }, io);
    const merged = join(base, 'merged');
    expect(
      read<{ decisions: { student: string }[] }>(join(merged, 'reviews.json')).decisions.map((d) => d.student),
    ).toEqual(['ana']);
    expect(partOf(report(merged, 'ana')).reason).toBe('reviewed');
    expect(read<Summary>(join(merged, 'summary.json')).reviews).toEqual({ decided: 1, pending: 1, stale: [] });
  });
});
