// Hostile: a setInterval that spins forever once the part has returned its (correct) value. The part is charged with
// the timeout, not the next part.
import * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)";

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}

export function heStd(fanIn: number): number {
  setInterval(() => {
    const t = Date.now();
    while (Date.now() - t < 1e9);
  }, 0);
  return Math.sqrt(2 / fanIn);
}
