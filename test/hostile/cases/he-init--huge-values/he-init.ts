// Hostile: answers too big to carry back: an object whose one key is 40 MB (keys used to cost nothing against the
// value budget), and an array of five million numbers. Each is output-too-large; heNormal is honest.
import * as tf from "@tensorflow/tfjs";

export const std: unknown = { ["k".repeat(40_000_000)]: 0.125 };

export function heStd(fanIn: number): number[] {
  return new Array(5_000_000).fill(Math.sqrt(2 / fanIn));
}

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}
