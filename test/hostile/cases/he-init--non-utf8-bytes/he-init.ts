// Hostile: bytes that are not UTF-8 (ÿþÃ() in a comment and in a string. The file still compiles and is
// graded; the string is just a wrong answer.
import * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)"; // À¯í €

export function heStd(fanIn: number): string {
  return "ÿþÃ( " + fanIn;
}

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}
