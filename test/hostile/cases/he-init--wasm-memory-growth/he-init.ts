// Hostile: WebAssembly.Memory grown until it cannot grow (run with --memory 512).
import * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)";

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}

export function heStd(fanIn: number): number {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536 });
  for (;;) memory.grow(1024);
}
