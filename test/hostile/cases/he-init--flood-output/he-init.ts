// Hostile: 300 MB on stdout and stderr, then a correct value; then an endless stream without a single newline. The
// grader drains, caps and survives.
import type * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)";

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  const chunk = "y".repeat(1 << 16); // no newline, ever
  for (;;) process.stdout.write(chunk);
}

let flooded = false;

export function heStd(fanIn: number): number {
  if (!flooded) {
    flooded = true;
    const mb = "x".repeat(1 << 20);
    for (let i = 0; i < 150; i++) {
      process.stdout.write(mb);
      process.stderr.write(mb);
    }
  }
  return Math.sqrt(2 / fanIn);
}
