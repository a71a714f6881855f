// Baseline for quiz-xor: the same parts and fixed-seed inputs tfgrade uses, asserted by hand (see helpers.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { plain, reference, student, tf, useWasm, type Mod } from './helpers.js';

let s: Mod;
let r: Mod;
beforeAll(async () => {
  await useWasm();
  [s, r] = await Promise.all([student('quiz-xor'), reference('quiz-xor')]);
});

describe('quiz-xor', () => {
  it('answer', () => {
    expect(s.answer).toBe(r.answer);
  });

  it('xorNet classifies the four points', () => {
    const net = plain(s.xorNet) as { w1: number[][]; b1: number[]; w2: number[]; b2: number };
    expect(net.w1.length).toBe(2);
    expect(net.w1.every((row) => row.length === 3)).toBe(true);
    expect(net.b1.length).toBe(3);
    expect(net.w2.length).toBe(3);
    expect(typeof net.b2).toBe('number');
    const x = tf.tensor2d([
      [1, 1],
      [1, -1],
      [-1, 1],
      [-1, -1],
    ]);
    const h = tf.relu(tf.add(tf.matMul(x, tf.tensor2d(net.w1)), tf.tensor1d(net.b1)));
    const y = tf
      .add(tf.matMul(h, tf.tensor2d(net.w2, [3, 1])), net.b2)
      .reshape([4])
      .arraySync() as number[];
    expect(y.map((v) => v > 0)).toEqual([false, true, true, false]);
  });
});
