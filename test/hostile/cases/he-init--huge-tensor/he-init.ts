// Hostile: a 10^10-element tensor (tf.zeros([1e5, 1e5])): out of memory for that part on every Node, never a grader crash.
import * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)";

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}

export function heStd(fanIn: number): number {
  return tf.zeros([1e5, 1e5]).sum().dataSync()[0] + Math.sqrt(2 / fanIn);
}
