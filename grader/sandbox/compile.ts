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

export async function compileSolution(jobDir: string, id: string): Promise<Compiled> {
  const filename = `${id}.ts`;
  const entry = join(jobDir, filename);
  const st = statSync(entry, { throwIfNoEntry: false });
  if (!st) return { ok: false, missing: true, filename };
  // A folder (or a fifo, a device) named he-init.ts: say so, instead of esbuild's "could not read".
  if (!st.isFile())
    return {
      ok: false,
      missing: false,
      filename,
      message: `${filename} is ${st.isDirectory() ? 'a folder' : 'not a regular file'}; it must be a TypeScript file`,
    };
  try {
    const out = await esbuild().build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'neutral',
      target: 'node20',
      mainFields: ['main'],
      logLevel: 'silent',
      absWorkingDir: jobDir,
      plugins: [confine(jobDir)],
      sourcemap: 'external',
      outfile: join(jobDir, `${id}.js`),
      // esbuild only strips types; the type-check against the declared types is sandbox/typecheck.ts, beside the run.
      tsconfigRaw: { compilerOptions: { strict: false } },
    });
    const code = out.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
    return { ok: true, code, filename, map: out.outputFiles.find((f) => f.path.endsWith('.map'))?.text };
  } catch (e) {
    const errors =
      (e as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors ??
      [];
    const lines = errors.slice(0, 3).map((x) => {
      const at = x.location
        ? `${relative(jobDir, resolve(jobDir, x.location.file))}:${x.location.line}:${x.location.column + 1}: `
        : '';
      return `${at}${x.text}`;
    });
    return { ok: false, missing: false, filename, message: lines.join('\n') || String((e as Error).message) };
  }
}
