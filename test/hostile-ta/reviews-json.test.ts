// TA-side hostile corpus, reviews.json: a hand-edited or damaged decision file stops review, batch and merge with
// REVIEWS_INVALID naming the file, the JSON path and the fix, before anything in the folder is rewritten.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reviewCommand, type ReviewArgs } from '../../grader/commands/review.js';
import { mergeCommand } from '../../grader/commands/merge.js';
import { writeAggregates } from '../../grader/class-report/outputs.js';
import { readDecisions } from '../../grader/review/reviews.js';
import type { Graded } from '../../grader/model/student.js';
import { renderReport } from '../../grader/report/formats.js';
import { TfgradeError } from '../../grader/util/errors.js';
import { writeFileAtomic } from '../../grader/util/atomic-write.js';
import { captureIo, makeTree, removeTrees } from '../unit/batch/helpers.js';
import { gradedOf, reviewReport } from '../unit/batch/review-fixtures.js';

afterAll(removeTrees);

const good = {
  student: 'ana',
  exercise: 'e1',
  part: 'p2',
  kind: 'review',
  score: 2,
  answerHash: 'hash-ana',
  by: 'ta',
  at: '2026-01-01T00:00:00.000Z',
};
const file = (decisions: unknown[], more: Record<string, unknown> = {}) =>
  JSON.stringify({ reviewsVersion: 1, decisions, ...more });
const one = (change: Record<string, unknown>) => file([{ ...good, ...change }]);

// Each hostile reviews.json, and the JSON path its problem must name.
const HOSTILE: [string, string, string][] = [
  ['a score written as a word (was NaN in the gradebook)', one({ score: 'two' }), 'decisions[0].score'],
  ['a score in quotes', one({ score: '2' }), 'decisions[0].score'],
  ['a negative score', one({ score: -1 }), 'decisions[0].score'],
  [
    'an infinite score (1e999 parses to Infinity)',
    file([good]).replace('"score":2', '"score":1e999'),
    'decisions[0].score',
  ],
  ['a null score', one({ score: null }), 'decisions[0].score'],
  ['no reviewer', JSON.stringify({ reviewsVersion: 1, decisions: [{ ...good, by: undefined }] }), 'decisions[0]'],
  ['a misspelled field', one({ scor: 1 }), 'decisions[0].scor'],
  ['an unknown kind', one({ kind: 'regrade' }), 'decisions[0].kind'],
  ['a date that is no date', one({ at: 'yesterday' }), 'decisions[0].at'],
  ['an empty student id', one({ student: '' }), 'decisions[0].student'],
  ['a student id that is a number', one({ student: 7 }), 'decisions[0].student'],
  ['another version', JSON.stringify({ reviewsVersion: 2, decisions: [] }), 'reviewsVersion'],
  ['decisions that are not a list', JSON.stringify({ reviewsVersion: 1, decisions: { ana: 2 } }), 'decisions'],
  ['a list instead of the file object', '[]', '(top)'],
  [
    'a second decision bad, the first fine',
    file([good, { ...good, student: 'ben', score: 'x' }]),
    'decisions[1].score',
  ],
];

/** A batch --out folder of ana, ben, cho (p2 awaiting review), with `reviews` as its reviews.json. */
function folder(reviews: string): { base: string; out: string; snapshot: () => Record<string, string> } {
  const base = makeTree({});
  const out = join(base, 'out');
  const students: Graded[] = ['ana', 'ben', 'cho'].map((s) => gradedOf(reviewReport(s, { suggested: 2 })));
  for (const g of students) writeFileAtomic(join(out, `${g.file}.json`), renderReport(g.report, 'json'));
  writeAggregates(out, students, { unattributed: [], ignored: [] }, []);
  writeFileSync(join(out, 'reviews.json'), reviews);
  const snapshot = () =>
    Object.fromEntries(
      readdirSync(out)
        .sort()
        .map((n) => [n, readFileSync(join(out, n), 'utf8')]),
    );
  return { base, out, snapshot };
}

async function refusal(run: () => Promise<unknown>): Promise<TfgradeError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof TfgradeError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('a hostile reviews.json is refused before anything is written', () => {
  it.each(HOSTILE)('%s', async (_, text, path) => {
    const { base, snapshot } = folder(text);
    const before = snapshot();
    const { io } = captureIo(base, base);
    const args: ReviewArgs = { out: 'out', acceptSuggested: true, by: 'ta2' };
    const err = await refusal(() => reviewCommand(args, io));
    expect(err.code).toBe('REVIEWS_INVALID');
    expect(err.problems.map((p) => p.path)).toContain(path);
    expect(err.problems.every((p) => p.file === 'out/reviews.json' && p.fix)).toBe(true);
    expect(err.message).toMatch(/^out\/reviews\.json /);
    // Not one report, aggregate or the decision file itself changed.
    expect(snapshot()).toEqual(before);
  });

  it('a file that is not JSON at all', () => {
    const { out } = folder('{ "reviewsVersion": 1, "decisions": [');
    expect(() => readDecisions(out)).toThrow(expect.objectContaining({ code: 'REVIEWS_INVALID' }));
  });

  it('a field name carrying a terminal escape is shown escaped in the error', () => {
    const { out } = folder(one({ '\u001b[2J\u202e': 1 }));
    let err: TfgradeError | undefined;
    try {
      readDecisions(out);
    } catch (e) {
      err = e as TfgradeError;
    }
    expect(err?.code).toBe('REVIEWS_INVALID');
    expect(err?.message).toContain('\\u{1B}[2J\\u{202E}');
    // eslint-disable-next-line no-control-regex
    expect(err?.message).not.toMatch(/[\u001b\u202e]/);
  });

  it('grade merge refuses a shard with a bad reviews.json and leaves --out unwritten', async () => {
    const { base } = folder(one({ score: 'two' }));
    const { io } = captureIo(base, base);
    const err = await refusal(() => mergeCommand({ dirs: ['out'], out: 'merged' }, io));
    expect(err.code).toBe('REVIEWS_INVALID');
    expect(existsSync(join(base, 'merged'))).toBe(false);
  });

  it('a valid file is read as it is', () => {
    const { out } = folder(
      file([good, { ...good, student: 'ben', kind: 'override', score: 0.5, reason: 'r', comment: 'c' }]),
    );
    expect(readDecisions(out).map((d) => [d.student, d.score])).toEqual([
      ['ana', 2],
      ['ben', 0.5],
    ]);
  });
});
