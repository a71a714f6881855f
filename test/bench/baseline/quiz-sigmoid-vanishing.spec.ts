// Baseline for quiz-sigmoid-vanishing: the same parts and fixed-seed inputs tfgrade uses, asserted by hand (see helpers.ts).
import { beforeAll, describe, it } from 'vitest';
import { expectClose, num, reference, student, useWasm, type Mod } from './helpers.js';

let s: Mod;
let r: Mod;
beforeAll(async () => {
  await useWasm();
  [s, r] = await Promise.all([student('quiz-sigmoid-vanishing'), reference('quiz-sigmoid-vanishing')]);
});

describe('quiz-sigmoid-vanishing', () => {
  it('factor', () => {
    for (const k of [0, 1, 2, 10, 20]) expectClose(s.factor(k), r.factor(k));
  });

  it('millionAt', () => {
    expectClose(num(s.millionAt), 10);
  });
});
