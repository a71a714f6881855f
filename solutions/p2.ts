// p2: your answers. Replace each TODO; run `npx grade p2` to check them.
import * as tf from '@tensorflow/tfjs';

// TODO: the ids of two changes that help, e.g. ['option-a', 'option-b'] (see `npx grade show p2`).
export const fixes: string[] | null = null;

// TODO: explain in a few sentences why the net fails and why each of your fixes helps.
export const explanation: string | null = null;

export function layerGradNorms(weights: tf.Tensor2D[], x: tf.Tensor2D, y: tf.Tensor2D): number[] {
  throw new Error('not implemented yet'); // TODO
}
