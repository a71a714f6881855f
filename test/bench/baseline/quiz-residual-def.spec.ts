// Baseline for quiz-residual-def: value answers asserted by hand (no tensors, so no backend or reference needed).
import { beforeAll, describe, expect, it } from 'vitest';
import { student, type Mod } from './helpers.js';

let s: Mod;
beforeAll(async () => {
  s = await student('quiz-residual-def');
});

describe('quiz-residual-def', () => {
  it('answer', () => {
    expect(s.answer).toBe(true);
  });
});
