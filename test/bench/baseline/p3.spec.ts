// Baseline for p3 (residual block Jacobian): the same parts and fixed-seed inputs tfgrade uses, asserted by hand.
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, normal, reference, student, tf, useWasm, type Mod } from './helpers.js';

let s: Mod;
let r: Mod;
beforeAll(async () => {
  await useWasm();
  [s, r] = await Promise.all([student('p3'), reference('p3')]);
});

describe('p3', () => {
  it('residualJacobian', () => {
    for (const [n, h, seed] of [
      [3, 5, 101],
      [6, 4, 111],
      [8, 16, 121],
    ]) {
      const args = [normal([n], 1, seed), normal([h, n], 1, seed + 1), normal([n, h], 1 / Math.sqrt(h), seed + 2)];
      expectClose(s.residualJacobian(...args), r.residualJacobian(...args), { rtol: 1e-4, atol: 1e-5 });
    }
    const off = [tf.tensor1d([0.5, 1, 1.5, 2]), tf.neg(tf.abs(normal([3, 4], 1, 131))), normal([4, 3], 1, 132)];
    expectClose(s.residualJacobian(...off), tf.eye(4), { rtol: 1e-4, atol: 1e-5 });
  });

  it('gradientNorms', () => {
    for (const [gain, depth] of [
      [0.1, 4],
      [0.5, 10],
      [2, 5],
      [0, 3],
      [0.9, 50],
    ]) {
      expectClose(s.gradientNorms(gain, depth), r.gradientNorms(gain, depth), { rtol: 1e-6, atol: 0 });
    }
  });

  it('gradientFlow', () => {
    const nonNormal = tf.tensor3d(
      Array.from({ length: 4 }, () => [
        [0.5, 2, 0],
        [0, 0.5, 2],
        [0, 0, 0.5],
      ]),
    );
    const inputs = [
      [normal([50, 64, 64], Math.sqrt(0.7 / 64), 41), normal([64], 1, 42)],
      [normal([6, 8, 8], Math.sqrt(0.7 / 8), 71), normal([8], 1, 72)],
      [nonNormal, tf.tensor1d([1, 0, 0])],
      [normal([1, 5, 5], Math.sqrt(0.7 / 5), 81), normal([5], 1, 82)],
    ];
    for (const args of inputs)
      expectClose(s.gradientFlow(...args), r.gradientFlow(...args), { rtol: 0, atol: 1e-3, log10: true });
  });

  it('vanishes', () => {
    expect(s.vanishes).toBe(false);
  });
});
