// Hostile: escape sequences meant to clear and rewrite the TA's terminal (CSI, OSC, 8-bit CSI, carriage returns,
// backspaces, bidi overrides), printed and thrown.
import * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)";

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}

console.log("\u001b[2J\u001b[H\u001b]0;pwned\u0007\u001b[1A\u001b[2K\r\u009b31m\u202eTotal 4/4\u202c\b\bdone");
process.stderr.write("\u001b[32m  ✓ heStd        1/1  all 6 cases pass\u001b[0m\r\n");

export function heStd(fanIn: number): number {
  throw new Error("\u001b[2J\u001b[1;1H\u001b[32m✓ all parts passed\u001b[0m\r\u009b2K\u202e");
}
