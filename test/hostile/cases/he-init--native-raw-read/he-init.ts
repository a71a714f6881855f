// Hostile, native backend only: TensorFlow's own ReadFile and MatchingFiles ops, reached through tf.backend(), read
// files in C++ where Node's permission model never looks (the reference, the reference cache, other students).
// With basic isolation they worked; the native backend now runs only under bubblewrap, where none of it is visible.
import * as tf from "@tensorflow/tfjs";

export const std: number | string = "sqrt(2/128)";

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed) as tf.Tensor2D;
}

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

const op = (name: string, path: string) => (tf.backend() as any).executeSingleOutput(name, [], [tf.scalar(path, "string")]);

export function heStd(fanIn: number): number {
  const root = courseRoot();
  const targets: [string, () => unknown][] = [
    ["reference", () => op("ReadFile", `${root}/reference/he-init.ts`)],
    ["reference cache", () => op("MatchingFiles", `${root}/node_modules/.cache/tfgrade/*`)],
    ["spec", () => op("ReadFile", `${root}/exercises/he-init.yaml`)],
    ["another student", () => op("ReadFile", `${root}/test/fixtures/submissions/he-init--wrong-xavier-std/he-init.ts`)],
    ["passwd", () => op("ReadFile", "/etc/passwd")],
    // Other students' job folders (the course itself may live under /tmp: its own path is no secret).
    ["other jobs", () => op("MatchingFiles", "/tmp/tfgrade-job-*")],
  ];
  const denied: string[] = [];
  for (const [what, read] of targets) {
    let found: any;
    try {
      found = read();
    } catch (e) {
      denied.push(`${what}: ${/NotFound|No such file|not found/i.test(String((e as Error)?.message)) ? "NotFound" : "error"}`);
      continue;
    }
    // MatchingFiles finds nothing rather than failing: an empty list is a denial too.
    if (found.size === 0) {
      denied.push(`${what}: NotFound`);
      continue;
    }
    return -1; // something was readable: wrong-value instead of threw
  }
  throw new Error(`denied: ${denied.join("; ")}`);
}
