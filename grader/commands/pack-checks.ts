// What `grade pack` checks in each solution before zipping it: it compiles as the grader compiles it, and exports every part.
import { join, relative, resolve, sep } from 'node:path';
import { esbuild } from '../util/esbuild.js';
import { compileSolution, confine } from '../sandbox/compile.js';
import type { ExerciseSpec, PartSpec } from '../spec/model.js';

/** One warning: what is wrong and what to do about it. */
export interface PackProblem {
  what: string;
  fix: string;
  /** The file does not compile: grading it would only say so again. */
  compileError?: boolean;
}

type Inspected =
  | {
      ok: true /** Runtime export names: a type-only export is erased, so it is (rightly) not one. */;
      exports: string[];
      localImports: string[];
    }
  | { ok: false; message: string };

/**
 * Bundles `dir/<file>` as ESM under the grader's own import rules (compile.ts's confine plugin): esbuild's metafile
 * then lists the entry's exports (re-exports and `export *` resolved) and every file it read. Nothing of the student's
 * code runs, and nothing is written.
 */
async function inspectSolution(dir: string, file: string): Promise<Inspected> {
  const entry = resolve(dir, file);
  try {
    const out = await esbuild().build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      target: 'node20',
      mainFields: ['main'],
      logLevel: 'silent',
      absWorkingDir: dir,
      plugins: [confine(dir)],
      metafile: true,
      outfile: join(dir, `${file}.inspect.mjs`),
      tsconfigRaw: { compilerOptions: { strict: false } },
    });
    const output = Object.values(out.metafile.outputs)[0];
    const localImports = Object.keys(out.metafile.inputs)
      .map((p) => resolve(dir, p))
      .filter((p) => p !== entry)
      .map((p) => relative(dir, p).split(sep).join('/'))
      .sort();
    return { ok: true, exports: output?.exports ?? [], localImports };
  } catch (e) {
    const errors =
      (e as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors ??
      [];
    const lines = errors
      .slice(0, 3)
      .map(
        (x) =>
          `${x.location ? `${relative(dir, resolve(dir, x.location.file))}:${x.location.line}:${x.location.column + 1}: ` : ''}${x.text}`,
      );
    return { ok: false, message: lines.join('\n') || String((e as Error).message) };
  }
}

/** `export function heStd(...)` or `export const std: number | string = ...`, from the part's contract. */
function exportLine(p: PartSpec): string {
  return p.mode === 'call' && p.type.trim().startsWith('(')
    ? `export const ${p.id}: ${p.type} = (…) => { … }`
    : `export const ${p.id}: ${p.type} = …`;
}

/**
 * The problems of `dir/<id>.ts`: a compile error (checked with the grader's own compile, so pack and grading agree),
 * then exports the spec asks for and local imports the zip would not hold (`packed`: the file names it does hold).
 */
export async function checkSolution(
  dir: string,
  spec: ExerciseSpec,
  packed: ReadonlySet<string>,
): Promise<PackProblem[]> {
  const compiled = await compileSolution(dir, spec.id);
  if (!compiled.ok) {
    const why = compiled.missing ? 'the file is gone' : compiled.message.split('\n').join('; ');
    return [
      {
        compileError: true,
        what: `does not compile: ${why}`,
        fix: `fix it (\`npx grade ${spec.id}\` shows the same error); until then every part of ${spec.id} scores 0`,
      },
    ];
  }
  const inspected = await inspectSolution(dir, `${spec.id}.ts`);
  if (!inspected.ok)
    return [
      {
        compileError: true,
        what: `does not compile as a module: ${inspected.message.split('\n').join('; ')}`,
        fix: `fix it, then run \`npx grade ${spec.id}\``,
      },
    ];
  const problems: PackProblem[] = [];
  for (const file of inspected.localImports.filter((f) => !packed.has(f))) {
    problems.push({
      what: `imports ${file}, which the zip does not hold (only solutions/<exercise>.ts files are packed)`,
      fix: `move what you use from ${file} into ${spec.id}.ts`,
    });
  }
  for (const p of spec.parts) {
    if (inspected.exports.includes(p.id)) continue;
    const role = p.mode === 'call' ? 'a function the grader calls' : 'a value the grader reads';
    problems.push({
      what: `does not export '${p.id}' (${role}, of type ${p.type}): that part will score 0`,
      fix: `add \`${exportLine(p)}\` (see \`npx grade show ${spec.id}\`)`,
    });
  }
  return problems;
}
