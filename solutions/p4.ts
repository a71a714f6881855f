// p4: your answers. Replace each TODO; run `npx grade p4` to check them.
import * as tf from '@tensorflow/tfjs';

// TODO: 'grow', 'shrink' or 'constant'.
export const trend: 'grow' | 'shrink' | 'constant' | null = null;

// TODO: the factor the variance is multiplied by at each layer.
export const factorPerLayer: number | null = null;

// TODO: the variance after 100 layers, as a number or a mathjs string.
export const varianceAfter: number | string | null = null;

// TODO: the weight variance that fixes it, as a mathjs expression in n_in.
export const fix: string | null = null;

export function activationVariances(x: tf.Tensor2D, weights: tf.Tensor2D[]): number[] {
  throw new Error('not implemented yet'); // TODO
}
