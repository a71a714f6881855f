// The sandbox's lean tfjs must look exactly like @tensorflow/tfjs to a solution, and load the rest only on demand.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { leanTfjs } from '../../../grader/protocol/tf-lean.js';
import { loadTf } from '../../../grader/protocol/tf-loader.js';

const req = createRequire(import.meta.url);
const full = req('@tensorflow/tfjs') as Record<string, unknown>;
const core = req('@tensorflow/tfjs-core') as Record<string, unknown>;
const extras = Object.getOwnPropertyNames(full).filter((k) => !(k in core));

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
    const lean = leanTfjs(req, extras) as unknown as Record<string, unknown>;
    expect(Object.getOwnPropertyNames(lean).sort()).toEqual(Object.getOwnPropertyNames(full).sort());
    for (const k of Object.getOwnPropertyNames(full)) expect(lean[k], k).toBe(full[k]);
  });

  it('loads only tfjs-core until a name beyond it is used, then the full package once', () => {
    const { req: r, asked } = recordingRequire();
    const lean = leanTfjs(r, extras) as unknown as Record<string, unknown>;
    expect(asked).toEqual(['@tensorflow/tfjs-core']);
    expect(lean.matMul).toBe(core.matMul);
    expect(asked).toEqual(['@tensorflow/tfjs-core']);
    expect(typeof lean.sequential).toBe('function');
    expect(lean.layers).toBe(full.layers);
    expect(asked).toEqual(['@tensorflow/tfjs-core', '@tensorflow/tfjs']);
  });

  it('survives what esbuild does to `import * as tf` (its __toESM copies property getters)', () => {
    const lean = leanTfjs(req, extras);
    const ns = Object.create(Object.getPrototypeOf(lean)) as Record<string, unknown>;
    for (const k of Object.getOwnPropertyNames(lean)) Object.defineProperty(ns, k, { get: () => (lean as unknown as Record<string, unknown>)[k], enumerable: true });
    expect(ns.tensor).toBe(core.tensor);
    expect(ns.sequential).toBe(full.sequential);
  });
});

describe('loadTf in lean mode', () => {
  it.each(['cpu', 'wasm'] as const)('runs the %s backend and names tfjs-core\'s version', async (backend) => {
    const loaded = await loadTf(backend, { leanExtras: extras });
    expect(loaded.backend).toBe(backend);
    expect(loaded.version).toBe((req('@tensorflow/tfjs/package.json') as { version: string }).version);
    const y = loaded.tf.tidy(() => loaded.tf.matMul(loaded.tf.tensor2d([[1, 2]]), loaded.tf.tensor2d([[3], [4]])).dataSync()[0]);
    expect(y).toBe(11);
  });
});
