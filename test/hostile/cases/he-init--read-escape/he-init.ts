// Hostile: reads the reference cache (node_modules/.cache/tfgrade: bundled references and expected values, readable
// until the sandbox listed packages one by one), reference/, solutions/, another student's folder, the grader's own
// files, /etc/passwd, /proc. Every read must be denied.
import * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)";

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}

const fs = (process as any).getBuiltinModule("node:fs");

/** The course folder, from where tfjs lives (a stack trace names it). */
function courseRoot(): string {
  try {
    tf.tensor([1, 2]).reshape([5]);
  } catch (e) {
    const m = /(\/[^\s()]*?)\/node_modules\//.exec(String((e as Error).stack));
    if (m) return m[1];
  }
  return "/work/main";
}

export function heStd(fanIn: number): number {
  const root = courseRoot();
  const targets: [string, () => unknown][] = [
    ["reference cache", () => fs.readdirSync(`${root}/node_modules/.cache/tfgrade`)],
    ["node_modules listing", () => fs.readdirSync(`${root}/node_modules`)],
    ["reference", () => fs.readFileSync(`${root}/reference/he-init.ts`, "utf8")],
    ["solutions", () => fs.readFileSync(`${root}/solutions/he-init.ts`, "utf8")],
    ["another student", () => fs.readFileSync(`${root}/test/fixtures/submissions/he-init--wrong-xavier-std/he-init.ts`, "utf8")],
    ["grader bundle", () => fs.readFileSync(`${root}/dist/cli.js`, "utf8")],
    ["grader source", () => fs.readFileSync(`${root}/grader/engine/grade.ts`, "utf8")],
    ["spec", () => fs.readFileSync(`${root}/exercises/he-init.yaml`, "utf8")],
    ["passwd", () => fs.readFileSync("/etc/passwd", "utf8")],
    ["proc environ", () => fs.readFileSync("/proc/1/environ", "utf8")],
    ["tmp listing", () => fs.readdirSync("/tmp")],
    ["async read", () => fs.openAsBlob(`${root}/reference/he-init.ts`)],
  ];
  const denied: string[] = [];
  for (const [what, read] of targets) {
    try {
      read();
    } catch (e) {
      denied.push(`${what}: ${(e as any)?.code ?? "error"}`);
      continue;
    }
    return -1; // something was readable: wrong-value instead of threw
  }
  throw new Error(`denied: ${denied.join("; ")}`);
}
