// Hostile: a synchronous sleep on Atomics.wait that never wakes. The sandbox is killed at the time limit.
import * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)";

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}

export function heStd(fanIn: number): number {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  return Math.sqrt(2 / fanIn);
}
