// The tfjs floor: the wall time of floor-child.mjs on the same solutions, measured beside `grade <id>` so that both see
// the same machine. The issue's unit: `grade p3` as a multiple of p3's floor, a batch as a number of floor units.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { OUT_DIR, ROOT, median, runTimed } from './util.mjs';

const CHILD = join(ROOT, 'scripts', 'bench', 'floor-child.mjs');

/** Compiles the solutions of `ids` in `dir` and their references once, as the grader would (CommonJS, packages external). */
export async function prepareFloor(ids, dir, label) {
  const work = join(OUT_DIR, 'floor', label);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const common = {
    bundle: true,
    write: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
    absWorkingDir: ROOT,
  };
  for (const id of ids) {
    await build({ ...common, entryPoints: [join(dir, `${id}.ts`)], outfile: join(work, `${id}.solution.cjs`) });
    await build({
      ...common,
      entryPoints: [join(ROOT, 'reference', `${id}.ts`)],
      outfile: join(work, `${id}.reference.cjs`),
    });
  }
  return { work, ids };
}

/** One floor run: spawn to exit, in ms. */
export async function floorOnce({ work, ids }, backend = 'wasm') {
  const r = await runTimed(process.execPath, [CHILD, work, backend, ...ids]);
  if (r.code !== 0) throw new Error(`the tfjs floor failed (exit ${r.code}): ${r.stderr.slice(-1500)}`);
  return r.ms;
}

export function summarizeFloor(ms) {
  return { n: ms.length, wallMs: median(ms), minWallMs: Math.min(...ms), maxWallMs: Math.max(...ms) };
}
