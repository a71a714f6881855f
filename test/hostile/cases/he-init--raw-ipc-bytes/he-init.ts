// Hostile: writes raw garbage bytes to its IPC pipe. Node's parser used to throw inside the grader (the whole run
// exited); now only this part crashes.
import * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)";

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}

export function heStd(fanIn: number): number {
  const channel = (process as any).channel;
  const fd: number = channel?.fd ?? 3;
  const fs = (process as any).getBuiltinModule("node:fs");
  fs.writeSync(fd, Buffer.from([0, 0, 0, 8, 0xff, 0x0f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
  return Math.sqrt(2 / fanIn);
}
