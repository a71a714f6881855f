// Baseline for quiz-linear-collapse: the same parts and fixed-seed inputs tfgrade uses, asserted by hand (see helpers.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, normal, reference, student, useWasm, type Mod } from './helpers.js';

let s: Mod;
let r: Mod;
beforeAll(async () => {
  await useWasm();
  [s, r] = await Promise.all([student('quiz-linear-collapse'), reference('quiz-linear-collapse')]);
});

describe('quiz-linear-collapse', () => {
  it('answer', () => {
    expect(s.answer).toBe('collapses-to-one-linear-map');
  });

  it('collapse', () => {
    for (const [a, b, seed] of [
      [3, 5, 21],
      [5, 2, 23],
      [1, 4, 25],
      [6, 9, 27],
    ]) {
      const args = [normal([a, b], 1, seed), normal([b, a], 1, seed + 1)];
      expectClose(s.collapse(...args), r.collapse(...args), { rtol: 1e-4, atol: 1e-5 });
    }
  });
});
