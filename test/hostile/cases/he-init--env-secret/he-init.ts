// Hostile: reads environment variables. heStd's right answer needs a secret the TA's shell has (the test sets
// TFGRADE_HOSTILE_SCALE=1); the child's environment is empty, so it gets NaN. std returns the variable names it sees.
import * as tf from "@tensorflow/tfjs";

// Everything but Node's own IPC variables: must be [] (a wrong-type answer whose "got" shows the list).
export const std: unknown = Object.keys(process.env).filter((k) => !k.startsWith("NODE_CHANNEL"));

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}

export function heStd(fanIn: number): number {
  return Math.sqrt(2 / fanIn) * Number(process.env.TFGRADE_HOSTILE_SCALE);
}
