// The tfjs floor: the wall time of floor-child.mjs on the same solutions, measured beside `grade <id>` so that both see
// the same machine. The issue's unit: `grade p3` as a multiple of p3's floor, a batch as a number of floor units.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { OUT_DIR, ROOT, median, runTimed } from './util.mjs';

const CHILD = join(ROOT, 'scripts', 'bench', 'floor-child.mjs');

/** A case argument as JSON: a tensor as its bytes (the floor's child makes it again with tf.tensor), also in arrays. */
async function plain(tf, a) {
  // Base64 of the typed array: the floor must not pay a JSON float parse that the grader's binary wire never pays.
  // A list of tensors (p2's weights) goes element by element.
  if (Array.isArray(a)) return Promise.all(a.map((x) => plain(tf, x)));
  if (!(a instanceof tf.Tensor)) return a;
  const data = await a.data();
  return {
    tensor: {
      shape: a.shape,
      dtype: a.dtype,
      base64: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'),
    },
  };
}

/**
 * Compiles the solutions of `ids` in `dir` as the grader would (CommonJS, packages external), and writes every case's
 * inputs (public and hidden) computed once by the references, as the grader's reference cache holds them.
 */
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
    const require = createRequire(join(ROOT, 'package.json'));
    const tf = require('@tensorflow/tfjs');
    const reference = require(join(work, `${id}.reference.cjs`));
    const inputs = {};
    for (const [part, make] of [
      ...Object.entries(reference.cases ?? {}),
      ...Object.entries(reference.hiddenCases ?? {}),
    ]) {
      for (const c of make(tf)) (inputs[part] ??= []).push(await Promise.all(c.args.map((a) => plain(tf, a))));
    }
    writeFileSync(join(work, `${id}.inputs.json`), JSON.stringify(inputs));
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
