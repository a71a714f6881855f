// The sandbox's lean tfjs must look exactly like @tensorflow/tfjs to a solution, and load the rest only on demand.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leanTfjs } from '../../../grader/tf/lean.js';
import { loadTf } from '../../../grader/tf/loader.js';

const req = createRequire(import.meta.url);
const full = req('@tensorflow/tfjs') as Record<string, unknown>;
const core = req('@tensorflow/tfjs-core') as Record<string, unknown>;
const fullOnly = Object.getOwnPropertyNames(full).filter((k) => !(k in core));
// In this process the full package is loaded already (above), so registering again changes nothing here; the fresh
// process below is where the extras bundle has to do its job alone.
const parts = { fullOnly, register: () => {} };
const extrasBundle = join(import.meta.dirname, '../../../dist/runtime/tfjs-extras.cjs');

/** A require that records which packages were asked for, to see what the facade loads and when. */
function recordingRequire(): { req: NodeJS.Require; asked: string[] } {
  const asked: string[] = [];
  const r = ((id: string) => {
    asked.push(id);
    return req(id);
  }) as NodeJS.Require;
  return { req: r, asked };
}

describe('leanTfjs', () => {
  it('has every name of the full package, and the same value for each', () => {
    const lean = leanTfjs(req, parts) as unknown as Record<string, unknown>;
    expect(Object.getOwnPropertyNames(lean).sort()).toEqual(Object.getOwnPropertyNames(full).sort());
    for (const k of Object.getOwnPropertyNames(full)) expect(lean[k], k).toBe(full[k]);
  });

  it('loads only tfjs-core until a name beyond it is used, then the full package once', () => {
    const { req: r, asked } = recordingRequire();
    const lean = leanTfjs(r, parts) as unknown as Record<string, unknown>;
    expect(asked).toEqual(['@tensorflow/tfjs-core']);
    expect(lean.matMul).toBe(core.matMul);
    expect(asked).toEqual(['@tensorflow/tfjs-core']);
    expect(typeof lean.sequential).toBe('function');
    expect(lean.layers).toBe(full.layers);
    expect(asked).toEqual(['@tensorflow/tfjs-core', '@tensorflow/tfjs']);
  });

  it('survives what esbuild does to `import * as tf` (its __toESM copies property getters)', () => {
    const lean = leanTfjs(req, parts);
    const ns = Object.create(Object.getPrototypeOf(lean)) as Record<string, unknown>;
    for (const k of Object.getOwnPropertyNames(lean))
      Object.defineProperty(ns, k, { get: () => (lean as unknown as Record<string, unknown>)[k], enumerable: true });
    expect(ns.tensor).toBe(core.tensor);
    expect(ns.sequential).toBe(full.sequential);
  });
});

describe('dist/runtime/tfjs-extras.cjs', () => {
  it('gives bare tfjs-core what @tensorflow/tfjs adds: chained ops and gradients', () => {
    const script = `
      const tf = require('@tensorflow/tfjs-core');
      require('@tensorflow/tfjs-backend-cpu');
      const before = typeof tf.tensor1d([1]).add;
      require(${JSON.stringify(extrasBundle)});
      const x = tf.tensor1d([1, 2, 3]);
      const grad = tf.grad((v) => v.square().sum())(x).arraySync();
      console.log(JSON.stringify({ before, sum: x.add(x).sum().arraySync(), grad }));`;
    const out = execFileSync(process.execPath, ['-e', script], {
      cwd: join(import.meta.dirname, '../../..'),
      encoding: 'utf8',
    });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ before: 'undefined', sum: 12, grad: [2, 4, 6] });
  });
});

describe('loadTf in lean mode', () => {
  it.each(['cpu', 'wasm'] as const)("runs the %s backend and names tfjs-core's version", async (backend) => {
    const loaded = await loadTf(backend, { lean: parts });
    expect(loaded.backend).toBe(backend);
    expect(loaded.version).toBe((req('@tensorflow/tfjs/package.json') as { version: string }).version);
    const y = loaded.tf.tidy(
      () => loaded.tf.matMul(loaded.tf.tensor2d([[1, 2]]), loaded.tf.tensor2d([[3], [4]])).dataSync()[0],
    );
    expect(y).toBe(11);
  });
});
