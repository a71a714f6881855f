// Baseline for quiz-500-layers: value answers asserted by hand (no tensors, so no backend or reference needed).
import { beforeAll, describe, expect, it } from 'vitest';
import { student, type Mod } from './helpers.js';

let s: Mod;
beforeAll(async () => {
  s = await student('quiz-500-layers');
});

describe('quiz-500-layers', () => {
  it('answer', () => {
    expect(s.answer).toBe('no-vanishing-gradients-and-degradation');
  });
});
