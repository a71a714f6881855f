// Baseline for quiz-param-budget: the same parts and fixed-seed inputs tfgrade uses, asserted by hand (see helpers.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, num, reference, student, useWasm, type Mod } from './helpers.js';

let s: Mod;
let r: Mod;
beforeAll(async () => {
  await useWasm();
  [s, r] = await Promise.all([student('quiz-param-budget'), reference('quiz-param-budget')]);
});

describe('quiz-param-budget', () => {
  it('wideParams, deepParams, more, ratio', () => {
    expect(num(s.wideParams)).toBe(1_628_170);
    expect(num(s.deepParams)).toBe(217_354);
    expect(s.more).toBe('wide');
    expectClose(num(s.ratio), 1_628_170 / 217_354, { rtol: 1e-2, atol: 0 });
  });

  it('countParams', () => {
    const deep = [784, 128, 128, 128, 128, 128, 128, 128, 128, 10];
    for (const sizes of [[784, 2048, 10], deep, [784, 256, 256, 256, 10], [784, 768, 10], [2, 3, 1]])
      expect(s.countParams(sizes)).toBe(r.countParams(sizes));
  });
});
