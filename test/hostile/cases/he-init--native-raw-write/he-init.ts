// Hostile, native backend only: TensorFlow's WriteFile op writes in C++, past Node's permission model: into the
// course, over the /tmp canary, into tfjs itself, or onto the sandbox's own tmpfs root and /dev/shm (memory that no
// rlimit counts, and a place to put a .so). Under bubblewrap every one of them must fail.
import * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)";

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}

function courseRoot(): string {
  try {
    tf.tensor([1, 2]).reshape([5]);
  } catch (e) {
    const m = /(\/[^\s()]*?)\/node_modules\//.exec(String((e as Error).stack));
    if (m) return m[1];
  }
  return "/work/main";
}

const write = (path: string) => (tf.backend() as any).executeMultipleOutputs("WriteFile", [], [tf.scalar(path, "string"), tf.scalar("pwned", "string")], 0);

export function heStd(fanIn: number): number {
  const root = courseRoot();
  const targets: [string, string][] = [
    ["reference dir", `${root}/reference/pwned.ts`],
    ["tmp new file", "/tmp/tfgrade-pwned.txt"],
    ["tmp canary", "/tmp/tfgrade-hostile-canary.txt"],
    ["tfjs", `${root}/node_modules/@tensorflow/tfjs/pwned.js`],
    ["sandbox root", "/tfgrade-pwned"],
    ["dev shm", "/dev/shm/tfgrade-pwned"],
    ["dev", "/dev/tfgrade-pwned"],
  ];
  const denied: string[] = [];
  for (const [what, path] of targets) {
    try {
      write(path);
    } catch (e) {
      const m = String((e as Error)?.message);
      denied.push(`${what}: ${/Read-only|read-only/.test(m) ? "ReadOnly" : /NotFound|No such file|not found/i.test(m) ? "NotFound" : /Permission denied|PermissionDenied/i.test(m) ? "PermissionDenied" : "error"}`);
      continue;
    }
    return -1; // a write went through: wrong-value instead of threw
  }
  throw new Error(`denied: ${denied.join("; ")}`);
}
