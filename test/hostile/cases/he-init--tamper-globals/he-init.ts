// Hostile: patches what a naive in-process comparison would use (Math, Number.isFinite, JSON, Array/TypedArray
// methods, Object.prototype, tfjs' Tensor.prototype and ops) and returns wrong values. It gains nothing: the child
// only produces values, and every comparison runs in the grader. std ("sqrt(2/128)") still passes: mathjs runs there.
import * as tf from "@tensorflow/tfjs";

const xavier = (fanIn: number) => 1 / Math.sqrt(fanIn); // wrong on purpose, computed before the patches
const wrongTensor = (fanIn: number, fanOut: number, seed: number) => tf.randomNormal([fanIn, fanOut], 0, 1, "float32", seed);

const M = Math as any;
M.abs = () => 0;
M.sqrt = () => 0.125;
M.max = () => 0;
Number.isFinite = () => true;
Number.isNaN = () => false;
JSON.stringify = () => '{"status":"passed"}';
JSON.parse = () => ({ status: "passed", score: 4 });
(Array.prototype as any).every = function () { return true; };
(Array.prototype as any).some = function () { return false; };
(Float32Array.prototype as any).every = function () { return true; };
(Object.prototype as any).passed = true;
(Object.prototype as any).score = 4;
(Object.prototype as any).status = "passed";
const T = tf.Tensor.prototype as any;
const realDataSync = T.dataSync;
T.dataSync = function () { const d = realDataSync.call(this); return d.map((_: number, i: number) => (i % 2 ? 0.125 : -0.125)); };
T.arraySync = () => [[0.125]];
const ns: any = tf; // a computed key: esbuild refuses a direct assignment to an import
try { ns["mo" + "ments"] = () => ({ mean: tf.scalar(0), variance: tf.scalar(2 / 128) }); } catch { /* the module namespace is frozen */ }

export const std: number | string = "sqrt(2/128)";

export function heStd(fanIn: number): number {
  return xavier(fanIn);
}

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return wrongTensor(fanIn, fanOut, seed) as tf.Tensor2D;
}
