// The end-of-batch table: similar code counted as distinct pairs of students (with how many exercises), not exercise × pair.
import { describe, expect, it } from 'vitest';
import { renderSummaryTable } from '../../../grader/class-report/table.js';
import type { Summary } from '../../../grader/class-report/summary.js';

const pair = (a: string, b: string) => ({ a, b, similarity: 0.95, regions: [] });
function summary(pairsPerExercise: [string, string][][]): Summary {
  return {
    summaryVersion: 1,
    students: 3,
    allPassed: 0,
    maxScore: 9,
    mean: 1,
    median: 1,
    min: 0,
    max: 2,
    exercises: [],
    roster: [],
    unattributed: [],
    ignored: [],
    reviews: { decided: 0, pending: 0, stale: [] },
    similarity: {
      threshold: 0.9,
      method: 'winnowing',
      exercises: pairsPerExercise.map((ps, i) => ({
        exercise: `p${i + 1}`,
        students: 3,
        tooShort: [],
        pairs: ps.map(([a, b]) => pair(a, b)),
      })),
    },
  } as unknown as Summary;
}

describe('renderSummaryTable: similar code', () => {
  it.each<[string, [string, string][][], string]>([
    ['none', [[], []], '0 pairs of students with similar code (at or above 90%)'],
    [
      '3 students, all pairs on 3 exercises',
      Array.from(
        { length: 3 },
        () =>
          [
            ['ana', 'ben'],
            ['ana', 'chen'],
            ['ben', 'chen'],
          ] as [string, string][],
      ),
      '3 pairs of students with similar code in 3 exercises (at or above 90%)',
    ],
    [
      'one pair, named in either order',
      [[['ana', 'ben']], [['ben', 'ana']], []],
      '1 pair of students with similar code in 2 exercises (at or above 90%)',
    ],
  ])('%s', (_name, pairs, line) => {
    expect(renderSummaryTable(summary(pairs), { out: 'out' })).toContain(line);
  });
});
