// Hostile: heStd's last call leaves a message listener behind that hangs the child when heNormal's first request
// arrives, before the harness can acknowledge it. The hang is not heNormal's doing: heNormal is re-run in a fresh
// sandbox (with its time given back) and passes.
import * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)";

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}

let calls = 0;

export function heStd(fanIn: number): number {
  if (++calls === 6) {
    // Prepended: it runs before the harness's own listener, so the request is never acknowledged.
    process.prependListener("message", (m: any) => {
      if (m?.type === "run" && m.part === "heNormal") for (;;);
    });
  }
  return Math.sqrt(2 / fanIn);
}
