// Baseline for p4 (Xavier init in a deep ReLU MLP): the same parts and fixed-seed inputs tfgrade uses, asserted by hand (see helpers.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, formula, normal, num, reference, student, useWasm, type Mod } from './helpers.js';

let s: Mod;
let r: Mod;
beforeAll(async () => {
  await useWasm();
  [s, r] = await Promise.all([student('p4'), reference('p4')]);
});

function net(depth: number, width: number, batch: number, gain: number, seed: number) {
  return [
    normal([batch, width], 1, seed),
    Array.from({ length: depth }, (_, l) => normal([width, width], Math.sqrt(gain / width), seed + 1 + l)),
  ];
}

describe('p4', () => {
  it('trend, factorPerLayer, varianceAfter', () => {
    expect(s.trend).toBe('shrink');
    expectClose(num(s.factorPerLayer), 0.5);
    expectClose(num(s.varianceAfter), 2 ** -100, { rtol: 0, atol: 0.01, log10: true });
  });

  it('fix: the same formula as 2/n_in', () => {
    for (const n_in of [1, 3, 64, 128, 1000, 4096])
      expectClose(formula(s.fix, { n_in }), formula(r.fix, { n_in }), { rtol: 1e-6, atol: 1e-12 });
  });

  it('activationVariances', () => {
    for (const args of [net(30, 128, 256, 1, 401), net(30, 128, 256, 2, 501), net(3, 16, 32, 2, 601)]) {
      expectClose(s.activationVariances(...args), r.activationVariances(...args), { rtol: 0, atol: 0.01, log10: true });
    }
  });
});
