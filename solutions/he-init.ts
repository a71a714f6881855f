// he-init: your answers. Replace each TODO; run `npx grade he-init` to check them.
import * as tf from '@tensorflow/tfjs';

// TODO: the std for fan-in 128, as a number or a mathjs string.
export const std: number | string | null = null;

export function heStd(fanIn: number): number {
  throw new Error('not implemented yet'); // TODO
}

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  throw new Error('not implemented yet'); // TODO
}
