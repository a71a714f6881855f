// Compiles one solution with esbuild, in the grader, to a CommonJS string the child evaluates; imports stay inside the job.
import { realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'esbuild';
import { esbuild } from '../util/esbuild.js';

export type Compiled =
  | {
      ok: true;
      code: string;
      filename: string /** esbuild's source map, to report the student's own line numbers. */;
      map?: string;
    }
  | { ok: false; missing: true; filename: string }
  | { ok: false; missing: false; filename: string; message: string };

const TFJS = new Set(['@tensorflow/tfjs', '@tensorflow/tfjs-core']);

/** Bare imports other than tfjs, absolute paths and ../ escapes are refused at compile time, with their location. */
export function confine(jobDir: string): Plugin {
  const real = realpathSync(jobDir);
  const inside = (p: string) => p === jobDir || p.startsWith(jobDir + sep) || p === real || p.startsWith(real + sep);
  return {
    name: 'confine',
    setup(b) {
      // The compile runs in the grader, unsandboxed: a submission's own package.json "main" (or any other resolver
      // indirection) could point esbuild at reference/he-init.ts and bundle the instructor's solution. Whatever the
      // resolver decided, every file actually read must lie inside the job copy.
      b.onLoad({ filter: /.*/ }, (args) => {
        if (args.namespace !== 'file' || inside(args.path)) return undefined;
        return {
          errors: [
            {
              text: `a file outside the submission folder was reached (through a package.json or similar); solutions may import only their own files`,
            },
          ],
        };
      });
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (TFJS.has(args.path)) return { path: args.path, external: true };
        if (args.path.startsWith('./') || args.path.startsWith('../')) {
          const target = resolve(args.resolveDir, args.path);
          if (target === jobDir || target.startsWith(jobDir + sep)) return undefined;
          return { errors: [{ text: `import '${args.path}' points outside the submission folder` }] };
        }
        return {
          errors: [{ text: `solutions may import only '@tensorflow/tfjs' and their own files, not '${args.path}'` }],
        };
      });
    },
  };
}

/** Why `<id>.ts` cannot be compiled before esbuild is asked (absent, or not a regular file); undefined when it can. */
function unreadable(jobDir: string, id: string): Compiled | undefined {
  const filename = `${id}.ts`;
  const st = statSync(join(jobDir, filename), { throwIfNoEntry: false });
  if (!st) return { ok: false, missing: true, filename };
  // A folder (or a fifo, a device) named he-init.ts: say so, instead of esbuild's "could not read".
  if (!st.isFile())
    return {
      ok: false,
      missing: false,
      filename,
      message: `${filename} is ${st.isDirectory() ? 'a folder' : 'not a regular file'}; it must be a TypeScript file`,
    };
  return undefined;
}

/** How a solution is built: bundled CommonJS with an external source map, tfjs left to the child, confined to the job. */
const solutionBuild = (jobDir: string) => ({
  bundle: true,
  write: false as const,
  format: 'cjs' as const,
  platform: 'neutral' as const,
  target: 'node20',
  mainFields: ['main'],
  logLevel: 'silent' as const,
  absWorkingDir: jobDir,
  plugins: [confine(jobDir)],
  sourcemap: 'external' as const,
  // esbuild only strips types; the type-check against the declared types is sandbox/typecheck.ts, beside the run.
  tsconfigRaw: { compilerOptions: { strict: false } },
});

export async function compileSolution(jobDir: string, id: string): Promise<Compiled> {
  const filename = `${id}.ts`;
  const early = unreadable(jobDir, id);
  if (early) return early;
  try {
    const out = await esbuild().build({
      ...solutionBuild(jobDir),
      entryPoints: [join(jobDir, filename)],
      outfile: join(jobDir, `${id}.js`),
    });
    const code = out.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
    return { ok: true, code, filename, map: out.outputFiles.find((f) => f.path.endsWith('.map'))?.text };
  } catch (e) {
    return { ok: false, missing: false, filename, message: buildErrors(jobDir, e) };
  }
}

/**
 * Every solution of a submission, in `ids` order. The readable ones go through one esbuild build with an entry point
 * each (the same output, byte for byte, as a build each: 17 round trips to esbuild's service become 1); when that
 * build fails, each file is built on its own, so one file's error is charged to its own exercise only.
 */
export async function compileSolutions(jobDir: string, ids: readonly string[]): Promise<Compiled[]> {
  const early = ids.map((id) => unreadable(jobDir, id));
  const eachAlone = () => Promise.all(ids.map((id, i) => early[i] ?? compileSolution(jobDir, id)));
  const readable = ids.filter((_, i) => !early[i]);
  if (readable.length < 2) return eachAlone();
  let outputs: Map<string, string>;
  try {
    const out = await esbuild().build({
      ...solutionBuild(jobDir),
      entryPoints: readable.map((id) => join(jobDir, `${id}.ts`)),
      outdir: jobDir,
    });
    outputs = new Map(out.outputFiles.map((f) => [f.path, f.text]));
  } catch {
    return eachAlone();
  }
  return Promise.all(
    ids.map(async (id, i): Promise<Compiled> => {
      if (early[i]) return early[i];
      const code = outputs.get(join(jobDir, `${id}.js`));
      // Every entry point has an output; were one missing, its own build would say why.
      if (code === undefined) return compileSolution(jobDir, id);
      return { ok: true, code, filename: `${id}.ts`, map: outputs.get(join(jobDir, `${id}.js.map`)) };
    }),
  );
}

/** esbuild's first errors, each with its file:line:col inside the job. */
function buildErrors(jobDir: string, e: unknown): string {
  const errors =
    (e as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors ??
    [];
  const lines = errors.slice(0, 3).map((x) => {
    const at = x.location
      ? `${relative(jobDir, resolve(jobDir, x.location.file))}:${x.location.line}:${x.location.column + 1}: `
      : '';
    return `${at}${x.text}`;
  });
  return lines.join('\n') || String((e as Error).message);
}
