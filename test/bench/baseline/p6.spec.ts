// Baseline for p6 (leaky ReLU in a deep net): the same parts and fixed-seed inputs tfgrade uses, asserted by hand (see helpers.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, formula, normal, num, reference, student, useWasm, type Mod } from './helpers.js';

let s: Mod;
let r: Mod;
beforeAll(async () => {
  await useWasm();
  [s, r] = await Promise.all([student('p6'), reference('p6')]);
});

function net(depth: number, width: number, batch: number, wVar: number, seed: number, alpha: number) {
  return [
    normal([batch, width], 1, seed),
    Array.from({ length: depth }, (_, l) => normal([width, width], Math.sqrt(wVar), seed + 1 + l)),
    alpha,
  ];
}

describe('p6', () => {
  it('varianceKept', () => {
    for (const alpha of [0, 0.01, 0.2, 1]) expectClose(s.varianceKept(alpha), r.varianceKept(alpha));
  });

  it('heVariance: the same formula as the reference', () => {
    for (const n_in of [1, 16, 128, 4096]) {
      for (const alpha of [0, 0.01, 0.5, 1])
        expectClose(formula(s.heVariance, { n_in, alpha }), formula(r.heVariance, { n_in, alpha }), {
          rtol: 1e-6,
          atol: 1e-12,
        });
    }
  });

  it('forwardChange, negativeSlopeGradient, deadUnits', () => {
    expect(s.forwardChange).toBe('negligible');
    expectClose(num(s.negativeSlopeGradient), 0.01);
    expect(s.deadUnits).toBe(false);
  });

  it('leakyVariances', () => {
    const inputs = [
      net(50, 128, 256, 2 / (1.0001 * 128), 701, 0.01),
      net(30, 128, 256, 2 / 128, 801, 0.2),
      net(30, 128, 256, 1 / 128, 851, 0.2),
      net(30, 128, 256, 1 / 128, 901, 1),
      net(3, 16, 32, 2 / 16, 1001, 0),
    ];
    for (const args of inputs)
      expectClose(s.leakyVariances(...args), r.leakyVariances(...args), { rtol: 0, atol: 0.01, log10: true });
  });
});
