// batchnorm: your answers. Replace each TODO; run `npx grade batchnorm` to check them.
import * as tf from '@tensorflow/tfjs';

// TODO: the batch mean of {2, 2, 6, 6}.
export const batchMean: number | null = null;

// TODO: the batch variance of {2, 2, 6, 6} as BatchNorm computes it.
export const batchVar: number | null = null;

// TODO: the normalized value of z = 5 (eps = 0), before gamma and beta.
export const zHat: number | null = null;

export function batchNorm(z: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps: number): tf.Tensor2D {
  throw new Error('not implemented yet'); // TODO
}
