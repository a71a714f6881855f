// Baseline for batchnorm (BatchNorm forward pass): the same parts and fixed-seed inputs tfgrade uses, asserted by hand (see helpers.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, normal, num, reference, student, tf, uniform, useWasm, type Mod } from './helpers.js';

let s: Mod;
let r: Mod;
beforeAll(async () => {
  await useWasm();
  [s, r] = await Promise.all([student('batchnorm'), reference('batchnorm')]);
});

describe('batchnorm', () => {
  it('batchMean, batchVar, zHat', () => {
    expectClose(num(s.batchMean), 4);
    expectClose(num(s.batchVar), 4);
    expectClose(num(s.zHat), 0.5);
  });

  it('batchNorm', () => {
    const z = tf.tensor2d([
      [2, 1],
      [2, -3],
      [6, 0.5],
      [6, 4],
    ]);
    const inputs = [
      [z, tf.tensor1d([1, 1]), tf.tensor1d([0, 0]), 0],
      [z, tf.tensor1d([2, 0.5]), tf.tensor1d([1, -3]), 0],
      [normal([32, 8], 2, 21, 1), uniform([8], 0.5, 2, 22), normal([8], 1, 23), 1e-3],
      [normal([6, 5], 3, 31, -2), uniform([5], -1.5, 1.5, 32), uniform([5], -1, 1, 33), 0],
      [
        tf.tensor2d([
          [0.3, 0.5, -1.2],
          [1.7, 0.5, 0.4],
          [-0.8, 0.5, 2.2],
          [0.1, 0.5, -0.6],
          [2.4, 0.5, 1.1],
          [-1.5, 0.5, 0.0],
          [0.9, 0.5, -2.3],
          [-0.2, 0.5, 0.7],
        ]),
        tf.tensor1d([1.5, 2, -0.7]),
        tf.tensor1d([0.25, -1, 0.5]),
        1e-3,
      ],
    ];
    for (const args of inputs) {
      const out = s.batchNorm(...args);
      expect(out.dtype).toBe('float32');
      expectClose(out, r.batchNorm(...args), { rtol: 1e-4, atol: 1e-4 });
    }
  });
});
