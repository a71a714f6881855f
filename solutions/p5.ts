// p5: your answers. Replace each TODO; run `npx grade p5` to check them.
import * as tf from '@tensorflow/tfjs';

export function shallowUnits(k: number): number {
  throw new Error('not implemented yet'); // TODO
}

export function tent(x: tf.Tensor1D): tf.Tensor1D {
  throw new Error('not implemented yet'); // TODO
}

export function sawtooth(x: tf.Tensor1D, k: number): tf.Tensor1D {
  throw new Error('not implemented yet'); // TODO
}

export function countPieces(k: number): number {
  throw new Error('not implemented yet'); // TODO
}

// TODO: one option id: 'depth-exponentially-efficient', 'shallow-nets-cannot-approximate',
// 'deep-nets-generalize-always' or 'width-is-free'.
export const argument: string | null = null;
