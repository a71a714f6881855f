// Hostile: heStd is right for every fan-in but one, where it loops forever. The part times out and the report names
// that input, though the grader sends all of a part's calls in one request.
import * as tf from '@tensorflow/tfjs';

export const std: number | string = "sqrt(2/128)";

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}

export function heStd(fanIn: number): number {
  while (fanIn === 784) fanIn = 784;
  return Math.sqrt(2 / fanIn);
}
