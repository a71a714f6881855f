// seededNormal is tf.randomNormal bit for bit: a kit regenerates the references' public inputs from their seeds.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { seededNormal } from '../../../grader/model/seeded-normal.js';

const CASES: [number[], number, number, number][] = [
  [[50, 64, 64], 0, Math.sqrt(0.7 / 64), 41], // p3's gradient-flow Jacobians
  [[7], 0, 1, 42], // an odd size: the last pair's second draw is dropped
  [[128, 128], 0, Math.sqrt(2 / (1.0001 * 128)), 702],
  [[3, 5], 1.5, 0.3, 7],
];

describe('seededNormal', () => {
  it.each(CASES)('draws %j (mean %d, std %d, seed %d) exactly as tf.randomNormal', (shape, mean, std, seed) => {
    const theirs = tf.randomNormal(shape, mean, std, 'float32', seed);
    const ours = seededNormal({ shape, mean, stdDev: std, seed });
    expect(Buffer.from(ours.buffer).equals(Buffer.from((theirs.dataSync() as Float32Array).buffer))).toBe(true);
    theirs.dispose();
  });
});
