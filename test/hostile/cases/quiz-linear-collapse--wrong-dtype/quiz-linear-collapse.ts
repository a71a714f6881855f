// Hostile: the right product in the wrong dtype (int32: every value truncated toward zero). A wrong dtype is a
// failed part with its own reason, not an error and not a pass.
import * as tf from '@tensorflow/tfjs';

export const answer: string = 'collapses-to-one-linear-map';

export function collapse(w1: tf.Tensor2D, w2: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(w1, w2).toInt() as tf.Tensor2D);
}
