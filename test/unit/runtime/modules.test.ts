// Loading a compiled solution in the child: its top level runs once, its exports are kept, and only tfjs is requirable.
import { describe, expect, it } from 'vitest';
import {
  loadModule,
  MAX_EXPORT_NAMES,
  solutionRequire,
  type LoadRequest,
  type Modules,
} from '../../../grader/runtime/modules.js';

/** Stands for the loaded tfjs: the module gets exactly this object back. */
const tf = { tfjs: true };
const requireFor = solutionRequire(tf);
const request = (code: string, over: Partial<LoadRequest> = {}): LoadRequest => ({
  type: 'load',
  id: 7,
  exercise: 'he-init',
  code,
  filename: 'he-init.ts',
  ...over,
});
const load = (code: string, modules: Modules = new Map()) => loadModule(request(code), modules, requireFor, 512);

describe('loadModule', () => {
  it('runs the top level once and keeps the exports by exercise, listing their names', () => {
    const modules: Modules = new Map();
    const res = load(
      "exports.heStd = (n) => Math.sqrt(2 / n); exports.answer = 'b'; module.exports.seen = __filename + ' ' + __dirname;",
      modules,
    );
    expect(res).toEqual({ type: 'loaded', id: 7, ok: true, exports: ['heStd', 'answer', 'seen'] });
    const exports = modules.get('he-init')!;
    expect((exports.heStd as (n: number) => number)(8)).toBe(0.5);
    expect(exports.seen).toBe('he-init.ts /');
  });

  it('gives tfjs under both of its names, and `this` is module.exports as in Node', () => {
    const modules: Modules = new Map();
    load(
      "exports.a = require('@tensorflow/tfjs'); exports.b = require('@tensorflow/tfjs-core'); exports.self = this === exports;",
      modules,
    );
    expect(modules.get('he-init')).toEqual({ a: tf, b: tf, self: true });
  });

  it('a module that replaces module.exports is kept as it left it', () => {
    const modules: Modules = new Map();
    expect(load('module.exports = { x: 1 };', modules)).toMatchObject({ ok: true, exports: ['x'] });
    expect(modules.get('he-init')).toEqual({ x: 1 });
  });

  it.each([['fs'], ['node:child_process'], ['../reference/he-init'], ['@tensorflow/tfjs-node']])(
    "requiring '%s' is an import error that names it",
    (name) => {
      const modules: Modules = new Map();
      const res = load(`const x = require(${JSON.stringify(name)}); exports.x = x;`, modules);
      expect(res).toEqual({
        type: 'loaded',
        id: 7,
        ok: false,
        failure: {
          kind: 'import-error',
          message: `solutions may import only '@tensorflow/tfjs' and their own files, not '${name}'`,
          stack: 'he-init.ts:1:11',
        },
      });
      expect(modules.has('he-init')).toBe(false);
    },
  );

  it.each([
    [
      'a throw at the top level',
      "exports.a = 1;\nthrow new TypeError('no tensors at import');",
      { kind: 'import-error', message: 'TypeError: no tensors at import', stack: 'he-init.ts:2:7' },
    ],
    ['a thrown string', "throw 'stop';", { kind: 'import-error', message: 'stop' }],
    [
      'a syntax error esbuild let through',
      'exports.a = ;',
      { kind: 'import-error', message: "SyntaxError: Unexpected token ';'" },
    ],
    [
      'the stub, run at import',
      "throw new Error('heStd: not implemented yet');",
      { kind: 'not-implemented', message: 'heStd: not implemented yet' },
    ],
    [
      'an allocation beyond the limit',
      'new Uint8Array(1e15);',
      {
        kind: 'out-of-memory',
        message: expect.stringMatching(
          /RangeError: (Invalid typed array length: 1000000000000000|Array buffer allocation failed|Failed to allocate memory)/,
        ),
      },
    ],
    // Object.keys(null) throws after the top level ran: the names cannot be listed, so it is no module
    [
      'module.exports = null',
      'module.exports = null;',
      {
        kind: 'import-error',
        message: expect.stringMatching(/^TypeError: Cannot convert undefined or null to object/),
      },
    ],
  ])('%s fails the load', (_name, code, failure) => {
    const res = load(code);
    expect(res).toEqual({ type: 'loaded', id: 7, ok: false, failure });
  });

  it(`lists at most ${MAX_EXPORT_NAMES} export names, in order`, () => {
    const modules: Modules = new Map();
    const res = load('for (let i = 0; i < 5000; i++) exports[`e${i}`] = i;', modules);
    expect(res.ok && res.exports.length).toBe(MAX_EXPORT_NAMES);
    expect(res.ok && [res.exports[0], res.exports[199]]).toEqual(['e0', 'e199']);
    // all of them are still callable/readable: only the message is capped
    expect(Object.keys(modules.get('he-init')!)).toHaveLength(5000);
  });

  it('a second load of an exercise replaces its exports; other exercises keep theirs', () => {
    const modules: Modules = new Map();
    loadModule(request('exports.v = 1;'), modules, requireFor, 512);
    loadModule(request('exports.q = 1;', { exercise: 'quiz-xor', filename: 'quiz-xor.ts' }), modules, requireFor, 512);
    loadModule(request('exports.v = 2;'), modules, requireFor, 512);
    expect(modules.get('he-init')).toEqual({ v: 2 });
    expect(modules.get('quiz-xor')).toEqual({ q: 1 });
  });
});
