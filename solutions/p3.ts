// p3: your answers. Replace each TODO; run `npx grade p3` to check them.
import * as tf from '@tensorflow/tfjs';

export function residualJacobian(x: tf.Tensor1D, w1: tf.Tensor2D, w2: tf.Tensor2D): tf.Tensor2D {
  throw new Error('not implemented yet'); // TODO
}

export function gradientNorms(gain: number, depth: number): { plain: number[]; residual: number[] } {
  throw new Error('not implemented yet'); // TODO
}

export function gradientFlow(jacobians: tf.Tensor3D, grad: tf.Tensor1D): { plain: number[]; residual: number[] } {
  throw new Error('not implemented yet'); // TODO
}

// TODO: does the gradient through a deep stack of residual blocks vanish? true or false.
export const vanishes: boolean | null = null;
