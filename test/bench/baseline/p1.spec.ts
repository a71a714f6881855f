// Baseline for p1 (x squared from ReLU ramps): the same parts and fixed-seed inputs tfgrade uses, asserted by hand (see helpers.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, formula, reference, student, tf, uniform, useWasm, type Mod } from './helpers.js';

let s: Mod;
let r: Mod;
beforeAll(async () => {
  await useWasm();
  [s, r] = await Promise.all([student('p1'), reference('p1')]);
});

describe('p1', () => {
  it('ramps', () => {
    for (const n of [1, 3, 4, 10]) expectClose(s.ramps(n), r.ramps(n));
  });

  it('approximate', () => {
    const inputs = [
      [tf.linspace(0, 1, 101), 4],
      [tf.tensor1d([0, 0.25, 0.5, 0.75, 1]), 4],
      [uniform([64], 0, 1, 17), 7],
      [tf.linspace(-0.5, 1.5, 21), 3],
      [tf.linspace(0, 1, 11), 1],
    ];
    for (const args of inputs) expectClose(s.approximate(...args), r.approximate(...args), { rtol: 1e-4, atol: 1e-5 });
  });

  it('maxError', () => {
    for (const n of [1, 3, 4, 10]) expectClose(s.maxError(n), r.maxError(n), { rtol: 1e-2, atol: 0 });
  });

  it('neuronsFor', () => {
    for (const eps of [0.25, 1 / 64, 0.015, 0.02, 1e-3, 1e-5]) expect(s.neuronsFor(eps)).toBe(r.neuronsFor(eps));
  });

  it('order: grows like the reference (ratio over a 100x smaller eps)', () => {
    for (const eps of [1e-2, 1e-4, 1e-6]) {
      const growth = (f: unknown) => formula(f, { eps: eps / 100 }) / formula(f, { eps });
      expectClose(growth(s.order), growth(r.order), { rtol: 1e-3, atol: 0 });
    }
  });
});
