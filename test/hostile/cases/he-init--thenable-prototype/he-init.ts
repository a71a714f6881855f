// Hostile: Object.prototype.then makes every object a thenable, the harness's own response objects included
// (an async function resolving with one calls it). Also replaces process.send and the message listeners' view.
// Only this submission's own answers can suffer; the grader and other submissions see nothing.
import * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)";

export function heStd(fanIn: number): number {
  // Installed on the first call only, so the load and std are unaffected and the effect on later requests shows.
  if (!(Object.prototype as any).then) {
    Object.defineProperty(Object.prototype, "then", {
      configurable: true,
      value(resolve: (v: unknown) => void) {
        resolve({ type: "result", id: -1, ok: true, value: { t: "number", v: 0.125 }, ms: 0, leakedTensors: 0 });
      },
    });
    (process as any).send = () => true;
  }
  return Math.sqrt(2 / fanIn);
}

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}
