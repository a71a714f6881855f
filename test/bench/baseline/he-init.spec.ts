// Baseline for he-init (He initialization): the same parts and fixed-seed inputs tfgrade uses, asserted by hand (see helpers.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, num, reference, student, tf, useWasm, type Mod } from './helpers.js';

let s: Mod;
let r: Mod;
beforeAll(async () => {
  await useWasm();
  [s, r] = await Promise.all([student('he-init'), reference('he-init')]);
});

describe('he-init', () => {
  it('std', () => {
    expectClose(num(s.std), Math.sqrt(2 / 128));
  });

  it('heStd', () => {
    for (const n of [1, 3, 64, 128, 784, 4096]) expectClose(s.heStd(n), r.heStd(n));
  });

  it('heNormal: shape, mean and std within 5 standard errors, repeatable with its seed', () => {
    for (const [fanIn, fanOut, seed] of [
      [128, 64, 7],
      [784, 32, 11],
    ]) {
      const w = s.heNormal(fanIn, fanOut, seed);
      expect(w.shape).toEqual([fanIn, fanOut]);
      const data = Array.from(w.dataSync() as Float32Array);
      const n = data.length;
      const mean = data.reduce((a, b) => a + b, 0) / n;
      const std = Math.sqrt(data.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
      const sigma = Math.sqrt(2 / fanIn);
      expect(Math.abs(mean)).toBeLessThanOrEqual((5 * sigma) / Math.sqrt(n));
      expect(Math.abs(std - sigma)).toBeLessThanOrEqual((5 * sigma) / Math.sqrt(2 * n));
    }
    const again = s.heNormal(128, 64, 7).dataSync();
    expect(Array.from(again)).toEqual(Array.from(s.heNormal(128, 64, 7).dataSync()));
    expect(Array.from(again)).not.toEqual(Array.from(s.heNormal(128, 64, 8).dataSync()));
    tf.disposeVariables();
  });
});
