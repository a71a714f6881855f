// TA-side hostile corpus, scores: what Number() would take (0x2, 0b1, +2e0, ' 2', '') is no score anywhere a TA types
// one: the review sheet, the terminal loop and --override share one rule, plain decimals from 0 to the part's points.
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { parseScore } from '../../grader/review/reviews.js';
import { reviewQueue, runReviewSession } from '../../grader/review/review-session.js';
import type { Graded } from '../../grader/model/student.js';
import { gradedOf, reviewReport } from '../unit/batch/review-fixtures.js';

const klass = (): Graded[] => ['ana', 'ben'].map((s) => gradedOf(reviewReport(s, { suggested: 1.5 })));

describe('one score rule for the sheet, the terminal and --override', () => {
  const p = klass()[0].report.exercises[0].parts[1];
  it.each([
    ['0x2', 'BAD_SCORE'],
    ['0b1', 'BAD_SCORE'],
    ['+2e0', 'BAD_SCORE'],
    ['2e0', 'BAD_SCORE'],
    [' 2', 'BAD_SCORE'],
    ['2 ', 'BAD_SCORE'],
    ['', 'BAD_SCORE'],
    ['1_0', 'BAD_SCORE'],
    ['-0', 'BAD_SCORE'],
    ['２', 'BAD_SCORE'],
    ['2.5', 'SCORE_OUT_OF_RANGE'],
    ['99999999999999999999', 'SCORE_OUT_OF_RANGE'],
  ])('%j is refused: %s', (text, problem) => {
    expect(parseScore(text, p)).toEqual({ problem, message: expect.any(String) });
  });
  it.each([
    ['0', 0],
    ['2', 2],
    ['1.5', 1.5],
    ['0.25', 0.25],
    ['2.0', 2],
  ])('%j is %d', (text, score) => {
    expect(parseScore(text, p)).toEqual({ score });
  });
});

describe('the terminal review takes the same scores', () => {
  it('0x2, +2e0 and 0b1 typed at the prompt are refused and decide nothing; 2 then decides', async () => {
    const graded = klass();
    const made: number[] = [];
    let screen = '';
    const input = Readable.from(['0x2', '+2e0', '0b1', '2', '', 'q'].map((l) => `${l}\n`));
    await runReviewSession(reviewQueue(graded), new Map(), { input, write: (s) => (screen += s) }, (d) => {
      made.push(d.score);
      return undefined;
    });
    expect(made).toEqual([2]);
    expect(screen).toMatch(/not '0x2'[\s\S]*not '\+2e0'[\s\S]*not '0b1'/);
  });
});
