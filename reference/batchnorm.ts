// Reference for batchnorm: the worked {2, 2, 6, 6} answers and a training-mode BatchNorm forward pass.
import * as tf from '@tensorflow/tfjs';
import type { ReferenceExtras } from '../grader/model/reference.js';

export const batchMean: number = 4;
export const batchVar: number = 4;
export const zHat: number = 0.5;

export function batchNorm(z: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps: number): tf.Tensor2D {
  return tf.tidy(() => {
    // Per-feature statistics over the batch axis; tf.moments returns the biased (1/m) variance.
    const { mean, variance } = tf.moments(z, 0);
    const zHatAll = tf.div(tf.sub(z, mean), tf.sqrt(tf.add(variance, eps)));
    return tf.add(tf.mul(zHatAll, gamma), beta) as tf.Tensor2D;
  });
}

/** ẑ of every element, with the statistics over `axis` (0: per feature over the batch, as BatchNorm does). */
function normalized(z: tf.Tensor2D, eps: number, axis = 0, unbiased = false): tf.Tensor {
  const { mean, variance } = tf.moments(z, axis, true);
  const m = z.shape[axis];
  const v = unbiased ? tf.mul(variance, m / (m - 1)) : variance;
  return tf.div(tf.sub(z, mean), tf.sqrt(tf.add(v, eps)));
}

/** The common wrong versions of batchNorm, each named by a hint in exercises/batchnorm.yaml. */
export const mistakes: ReferenceExtras['mistakes'] = {
  forgetsGammaBeta: (z: tf.Tensor2D, _gamma: tf.Tensor1D, _beta: tf.Tensor1D, eps: number) => normalized(z, eps),
  ignoresEps: (z: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D) => tf.add(tf.mul(normalized(z, 0), gamma), beta),
  overFeatures: (z: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps: number) =>
    tf.add(tf.mul(normalized(z, eps, 1), gamma), beta),
  unbiasedVariance: (z: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps: number) =>
    tf.add(tf.mul(normalized(z, eps, 0, true), gamma), beta),
};

export const cases: ReferenceExtras['cases'] = {
  batchNorm: (tf) => [
    {
      // Hand-made, not the worked {2, 2, 6, 6}: its outputs would print ẑ of the quiz's batch, from which its variance
      // and ẑ(5) follow (the worked column is a hidden case). A second column exercises the per-feature reduction.
      label: 'hand-made [4, 2] batch, gamma [1.5, 2], beta [-0.75, 0.25], eps 0',
      args: [
        tf.tensor2d([
          [1, 2],
          [3, -1],
          [5, 0.25],
          [11, 3],
        ]),
        tf.tensor1d([1.5, 2]),
        tf.tensor1d([-0.75, 0.25]),
        0,
      ],
    },
    {
      // Seeds 21-23 are fixed and non-zero (seed 0 would mean unseeded in tfjs).
      label: 'random [32, 8] batch (mean 1, std 2), random gamma and beta, eps 1e-3',
      args: [
        tf.randomNormal([32, 8], 1, 2, 'float32', 21),
        tf.randomUniform([8], 0.5, 2, 'float32', 22),
        tf.randomNormal([8], 0, 1, 'float32', 23),
        1e-3,
      ],
    },
    {
      label: 'random [6, 5] batch (batch size differs from feature count), eps 0',
      args: [
        tf.randomNormal([6, 5], -2, 3, 'float32', 31),
        tf.randomUniform([5], -1.5, 1.5, 'float32', 32),
        tf.randomUniform([5], -1, 1, 'float32', 33),
        0,
      ],
    },
    {
      // Feature 1 is constant (0.5 eight times: its float32 mean is exact), so its output must be exactly beta.
      label: '[8, 3] batch whose middle feature is constant, eps 1e-3 keeps it finite',
      args: [
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
    },
  ],
};

/** Never in a student kit: other shapes, seeds, eps and another constant feature. */
/** Never in a student kit: the worked column (its outputs give the quiz's answers away), other shapes, seeds and eps. */
export const hiddenCases: ReferenceExtras['hiddenCases'] = {
  batchNorm: (tf) => [
    {
      // The worked column, plus a second column so the per-feature reduction is exercised.
      label: 'worked column {2, 2, 6, 6} beside a second feature, gamma [2, 0.5], beta [1, -3], eps 0',
      args: [
        tf.tensor2d([
          [2, 1],
          [2, -3],
          [6, 0.5],
          [6, 4],
        ]),
        tf.tensor1d([2, 0.5]),
        tf.tensor1d([1, -3]),
        0,
      ],
    },
    {
      // Seeds 41-43 are fixed and non-zero.
      label: 'random [16, 4] batch (mean -1, std 0.5), random gamma and beta, eps 1e-3',
      args: [
        tf.randomNormal([16, 4], -1, 0.5, 'float32', 41),
        tf.randomUniform([4], 0.5, 2, 'float32', 42),
        tf.randomNormal([4], 0, 1, 'float32', 43),
        1e-3,
      ],
    },
    {
      // Feature 0 is constant (-1.25 four times: its float32 mean is exact), so its output must be exactly beta.
      label: '[4, 3] batch whose first feature is constant, eps 1e-2 keeps it finite',
      args: [
        tf.tensor2d([
          [-1.25, 0.4, 2.0],
          [-1.25, -0.9, 1.1],
          [-1.25, 1.6, -0.3],
          [-1.25, 0.2, 0.7],
        ]),
        tf.tensor1d([0.8, -1.2, 2.5]),
        tf.tensor1d([-0.5, 0.3, 1]),
        1e-2,
      ],
    },
  ],
};
