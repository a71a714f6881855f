// Hostile: starts a worker, loads a native addon, calls process.binding, changes uid/gid, opens the inspector, enables
// trace events (which wrote node_trace.1.log past the permission model), sets V8 flags, spawns a shell.
import * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)";

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}

const mod = (id: string) => (process as any).getBuiltinModule(id);

export function heStd(fanIn: number): number {
  const p = process as any;
  const attempts: [string, () => unknown][] = [
    ["worker", () => new (mod("node:worker_threads").Worker)("1", { eval: true })],
    ["dlopen", () => p.dlopen({ exports: {} }, "/usr/lib/x86_64-linux-gnu/libc.so.6")],
    ["binding", () => p.binding("fs")],
    ["setuid", () => p.setuid(0)],
    ["setgid", () => p.setgid(0)],
    ["inspector", () => mod("node:inspector").open(0)],
    ["trace_events", () => mod("node:trace_events").createTracing({ categories: ["node.perf"] }).enable()],
    ["v8 flags", () => mod("node:v8").setFlagsFromString("--allow-natives-syntax")],
    ["spawn", () => mod("node:child_process").execFileSync("/bin/sh", ["-c", "true"])],
    ["wasi", () => new (mod("node:wasi").WASI)({ version: "preview1", preopens: { "/": "/" } })],
  ];
  const denied: string[] = [];
  for (const [what, attempt] of attempts) {
    try {
      attempt();
    } catch (e) {
      denied.push(`${what}: ${(e as any)?.code ?? "error"}`);
      continue;
    }
    return -1; // got through: wrong-value instead of threw
  }
  throw new Error(`denied: ${denied.join("; ")}`);
}
