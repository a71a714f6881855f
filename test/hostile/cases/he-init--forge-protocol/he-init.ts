// Hostile: speaks the harness's own protocol: a forged 'ready', garbage messages, results for requests not yet sent,
// and a listener that answers every heStd request first with a malformed value. Nothing crashes the grader and a forged
// answer is never better than a returned one.
import * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)";

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}

const send = (m: unknown) => process.send!(m);
send({ type: "ready", backend: "cpu", version: "0", loadMs: 0 });
for (const junk of [null, 42, "result", [], { type: "result" }, { type: "result", id: "1" }, { type: "loaded", id: -1, ok: true }]) send(junk);
// Guess ids (they used to count up from 1) and answer requests before they exist, with heStd(1)'s right value.
for (let id = 1; id < 100; id++) send({ type: "result", id, ok: true, value: { t: "number", v: Math.SQRT2 }, ms: 0, leakedTensors: 0 });

process.prependListener("message", (m: any) => {
  if (m?.type === "run" && m.part === "heStd") {
    // Claims a [1e9] tensor holding one number: a malformed value the grader must refuse, not trust or crash on.
    send({ type: "result", id: m.id, ok: true, value: { t: "tensor", shape: [1e9], dtype: "float32", data: new Float32Array(1) }, ms: 0, leakedTensors: 0 });
  }
});

export function heStd(fanIn: number): number {
  return Math.sqrt(2 / fanIn);
}
