// p6: your answers. Replace each TODO; run `npx grade p6` to check them.
import * as tf from '@tensorflow/tfjs';

export function varianceKept(alpha: number): number {
  throw new Error('not implemented yet'); // TODO
}

// TODO: the weight variance, as a mathjs expression in n_in and alpha.
export const heVariance: string | null = null;

// TODO: one option id: 'negligible', 'halves', 'doubles' or 'explodes'.
export const forwardChange: string | null = null;

// TODO: the leaky ReLU's derivative for a negative input.
export const negativeSlopeGradient: number | null = null;

// TODO: true or false.
export const deadUnits: boolean | null = null;

export function leakyVariances(x: tf.Tensor2D, weights: tf.Tensor2D[], alpha: number): number[] {
  throw new Error('not implemented yet'); // TODO
}
