// Reference for p1: x² on [0, 1] as a sum of ReLU ramps, its worst-case error, and the neurons needed for error eps.
import * as tf from '@tensorflow/tfjs';
import type { ReferenceExtras } from '../grader/model/reference.js';

/** Ramp i (1-based) turns on at (i-1)/n; the first has slope 1/n, each later one adds 2/n. */
export function ramps(n: number): { knots: number[]; weights: number[] } {
  const knots = Array.from({ length: n }, (_, i) => i / n);
  const weights = Array.from({ length: n }, (_, i) => (i === 0 ? 1 / n : 2 / n));
  return { knots, weights };
}

export function approximate(x: tf.Tensor1D, n: number): tf.Tensor1D {
  const { knots, weights } = ramps(n);
  return tf.tidy(() => {
    const m = x.shape[0];
    const shifted = tf.relu(tf.sub(tf.reshape(x, [m, 1]), tf.tensor2d(knots, [1, n]))); // [m, n]
    return tf.reshape(tf.matMul(shifted, tf.tensor2d(weights, [n, 1])), [m]) as tf.Tensor1D;
  });
}

/** Linear interpolation of f on a grid of step h errs by at most h²/8·max|f''|; here h = 1/n and f'' = 2. */
export function maxError(n: number): number {
  return 1 / (4 * n * n);
}

/** Smallest n with 1/(4n²) <= eps. */
export function neuronsFor(eps: number): number {
  return Math.ceil(1 / (2 * Math.sqrt(eps)));
}

export const order: string = '1/(2*sqrt(eps))';

/** The n ramps with the knots one step late (at i/n for i = 1..n), the common slip of counting from 1. */
function lateRamps(n: number): { knots: number[]; weights: number[] } {
  const { weights } = ramps(n);
  return { knots: weights.map((_, i) => (i + 1) / n), weights };
}

/** Common wrong versions of the call parts, each named by a hint in exercises/p1.yaml. */
export const mistakes: ReferenceExtras['mistakes'] = {
  rampsKnotsLate: lateRamps,
  approximateKnotsLate: (x: tf.Tensor1D, n: number) =>
    tf.tidy(() => {
      const { knots, weights } = lateRamps(n);
      return tf.addN(knots.map((b, i) => tf.mul(tf.relu(tf.sub(x, b)), weights[i])));
    }),
  maxErrorWithoutF2: (n: number) => 1 / (8 * n * n),
  neuronsWithoutF2: (eps: number) => Math.ceil(1 / Math.sqrt(8 * eps)),
  neuronsFloorPlusOne: (eps: number) => Math.floor(1 / (2 * Math.sqrt(eps))) + 1,
};

export const cases: ReferenceExtras['cases'] = {
  ramps: () => [1, 3, 4, 10].map((n) => ({ label: n === 4 ? 'n 4 (the worked table)' : `n ${n}`, args: [n] })),
  approximate: (tf) => [
    { label: 'n 4 on a 101-point grid of [0, 1]', args: [tf.linspace(0, 1, 101), 4] },
    { label: 'n 4 at its knots and at 1, where it equals x²', args: [tf.tensor1d([0, 0.25, 0.5, 0.75, 1]), 4] },
    // Seed 17 is fixed and non-zero: 64 unsorted points in [0, 1].
    { label: 'n 7 at 64 random points of [0, 1] (seed 17)', args: [tf.randomUniform([64], 0, 1, 'float32', 17), 7] },
    { label: 'n 3 on [-0.5, 1.5]: zero left of 0, still linear right of 1', args: [tf.linspace(-0.5, 1.5, 21), 3] },
    { label: 'n 1: a single ramp, relu(x)', args: [tf.linspace(0, 1, 11), 1] },
  ],
  maxError: () => [1, 3, 4, 10].map((n) => ({ label: n === 4 ? 'n 4 (1/64 in the lecture)' : `n ${n}`, args: [n] })),
  neuronsFor: () =>
    [
      [0.25, 'eps 1/4: one ramp is exactly enough'],
      [1 / 64, 'eps 1/64: exactly the four ramps of the lecture'],
      [0.015, 'eps 0.015: just below 1/64, so five'],
      [0.02, 'eps 0.02: 3.54 rounds up to 4'],
      [1e-3, 'eps 1e-3'],
      [1e-5, 'eps 1e-5'],
    ].map(([eps, label]) => ({ label: label as string, args: [eps] })),
};

/** Never in a student kit: other sizes, grids and seeds, and another eps where 1/(2·sqrt(eps)) is a whole number. */
export const hiddenCases: ReferenceExtras['hiddenCases'] = {
  ramps: () => [2, 5, 8].map((n) => ({ label: `n ${n}`, args: [n] })),
  approximate: (tf) => [
    { label: 'n 5 on a 41-point grid of [0, 1]', args: [tf.linspace(0, 1, 41), 5] },
    { label: 'n 6 at 48 random points of [0, 1] (seed 29)', args: [tf.randomUniform([48], 0, 1, 'float32', 29), 6] },
    {
      label: 'n 2 on [-1, 2], largest x first: still linear right of 1, zero left of 0',
      args: [tf.linspace(2, -1, 31), 2],
    },
  ],
  // These n keep a 101-point grid estimate within 0.2%, like the public sizes.
  maxError: () => [2, 5, 6].map((n) => ({ label: `n ${n}`, args: [n] })),
  neuronsFor: () =>
    [
      [1 / 16, 'eps 1/16: exactly two ramps'],
      [0.003, 'eps 0.003: 9.13 rounds up to 10'],
      [2e-6, 'eps 2e-6'],
    ].map(([eps, label]) => ({ label: label as string, args: [eps] })),
};
