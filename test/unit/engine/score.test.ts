// Rolling part statuses up into an exercise (and report) status.
import { describe, expect, it } from 'vitest';
import { rollUp } from '../../../grader/engine/score.js';
import type { PartStatus } from '../../../grader/model/outcome.js';

describe('rollUp', () => {
  it.each([
    [['passed', 'passed'], 2, 'passed'],
    [['missing', 'missing'], 0, 'missing'],
    [['passed', 'needs-review'], 1, 'needs-review'],
    [['timeout'], 0, 'timeout'],
    [['error', 'timeout'], 0, 'error'],
    [['passed', 'failed'], 1, 'partial'],
    [['failed', 'missing'], 0, 'failed'],
    [['partial'], 0.5, 'partial'],
    [['passed', 'timeout'], 1, 'partial'],
  ] as [PartStatus[], number, string][])('%j (score %d) -> %s', (statuses, score, want) => {
    expect(rollUp(statuses, score)).toBe(want);
  });
});
