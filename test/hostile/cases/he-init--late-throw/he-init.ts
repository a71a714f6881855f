// Hostile: errors after the value was sent. heStd's last call leaves a timer that throws (it used to be blamed on
// heNormal); heNormal leaves an unhandled rejection behind on every call, which decides nothing.
import * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)";

let calls = 0;

export function heStd(fanIn: number): number {
  // heStd has 6 cases: only the last call leaves the throwing timer behind.
  if (++calls === 6) setTimeout(() => { throw new Error("late throw from heStd"); }, 0);
  return Math.sqrt(2 / fanIn);
}

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  void Promise.reject(new Error("a rejection nobody handles"));
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}
