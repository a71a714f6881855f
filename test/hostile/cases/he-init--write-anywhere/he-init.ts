// Hostile: writes and touches files: a canary in /tmp, the reference, the reference cache, tfjs itself, the sandbox
// runtime. Every write must be denied; the test also checks that the tree and /tmp are unchanged.
import * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)";

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}

const fs = (process as any).getBuiltinModule("node:fs");

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
  // Each attempt would be caught twice: by the wrong value below and by the test's before/after snapshot of the tree.
  // None destroys anything if it ever got through (new files, touched times, the canary the test owns).
  const attempts: [string, () => unknown][] = [
    ["tmp canary", () => fs.writeFileSync("/tmp/tfgrade-hostile-canary.txt", "pwned")],
    ["tmp new file", () => fs.writeFileSync("/tmp/tfgrade-pwned.txt", "pwned")],
    ["reference dir", () => fs.writeFileSync(`${root}/reference/pwned.ts`, "export {};")],
    ["touch reference", () => fs.utimesSync(`${root}/reference/he-init.ts`, 1, 1)],
    ["append spec", () => fs.closeSync(fs.openSync(`${root}/exercises/he-init.yaml`, "a"))],
    ["reference cache", () => fs.writeFileSync(`${root}/node_modules/.cache/tfgrade/pwned.bin`, "x")],
    ["tfjs", () => fs.writeFileSync(`${root}/node_modules/@tensorflow/tfjs/pwned.js`, "")],
    ["runtime", () => fs.writeFileSync(`${root}/dist/runtime/pwned.mjs`, "")],
    ["tmp mkdir", () => fs.mkdirSync("/tmp/tfgrade-pwned-dir")],
    ["tmp symlink", () => fs.symlinkSync("/etc/passwd", "/tmp/tfgrade-pwned-link")],
    ["copy reference", () => fs.copyFileSync(`${root}/reference/he-init.ts`, "/tmp/tfgrade-pwned-ref.ts")],
  ];
  const denied: string[] = [];
  for (const [what, attempt] of attempts) {
    try {
      attempt();
    } catch (e) {
      denied.push(`${what}: ${(e as any)?.code ?? "error"}`);
      continue;
    }
    return -1; // a write got through: wrong-value instead of threw
  }
  throw new Error(`denied: ${denied.join("; ")}`);
}
