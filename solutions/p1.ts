// p1: your answers. Replace each TODO; run `npx grade p1` to check them.
import * as tf from '@tensorflow/tfjs';

export function ramps(n: number): { knots: number[]; weights: number[] } {
  throw new Error('not implemented yet'); // TODO
}

export function approximate(x: tf.Tensor1D, n: number): tf.Tensor1D {
  throw new Error('not implemented yet'); // TODO
}

export function maxError(n: number): number {
  throw new Error('not implemented yet'); // TODO
}

export function neuronsFor(eps: number): number {
  throw new Error('not implemented yet'); // TODO
}

// TODO: N(eps) as a mathjs expression in eps, e.g. 'eps^2' (that one is wrong).
export const order: string | null = null;
