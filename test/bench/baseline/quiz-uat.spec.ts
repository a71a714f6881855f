// Baseline for quiz-uat: value answers asserted by hand (no tensors, so no backend or reference needed).
import { beforeAll, describe, expect, it } from 'vitest';
import { student, type Mod } from './helpers.js';

let s: Mod;
beforeAll(async () => {
  s = await student('quiz-uat');
});

describe('quiz-uat', () => {
  it('answer', () => {
    expect(s.answer).toBe(false);
  });

  it('reasons: all three, nothing else', () => {
    expect([...s.reasons].sort()).toEqual([
      'existence-not-findability',
      'no-generalization-guarantee',
      'width-can-be-exponential',
    ]);
  });
});
