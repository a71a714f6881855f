// The child's failure classification: every thrown value maps to one RunFailure kind, with a readable message.
import { describe, expect, it } from 'vitest';
import { ExitCalled, failure, importFailure, WrongType } from '../../../grader/runtime/classify.js';
import { WireError } from '../../../grader/protocol/wire-codec.js';
import type { RunFailure } from '../../../grader/protocol/messages.js';

/** An Error whose stack names a frame in the solution file, as V8 writes it. */
const at = (message: string, frame: string): Error =>
  Object.assign(new Error(message), { stack: `Error: ${message}\n    at f (${frame})\n    at node:internal/x:1:1` });

// Values are built inside the tests: vitest would trip over a throwing Proxy while formatting a title.
const thrown: Record<string, () => unknown> = {
  'a Proxy whose traps throw': () =>
    new Proxy(
      {},
      {
        getPrototypeOf: () => {
          throw new Error('trap');
        },
      },
    ),
  'process.exit': () => new ExitCalled('process.exit(3) was called'),
  'an output over the budget': () => new WireError('output-too-large', 'output has more than 4000000 values'),
  'an unserializable output': () =>
    new WireError('unserializable', 'the value is a function; return its result instead'),
  'a function read as a value': () => new WrongType("'heStd' should be a value, not a function"),
  'the exercise stub': () => new Error('heStd: not implemented yet'),
  'the stub, in other case': () => new Error('Not Implemented Yet'),
  'an ArrayBuffer allocation (Node 20, 22)': () => new RangeError('Array buffer allocation failed'),
  'an ArrayBuffer allocation (Node 24)': () => new RangeError('Failed to allocate memory'),
  "tfjs' wasm heap": () => new Error('Out of memory'),
  'a wasm memory that cannot be made': () =>
    new RangeError('WebAssembly.Memory(): could not allocate memory: Cannot allocate Wasm memory for new instance'),
  'a wasm memory that cannot grow': () => new RangeError('WebAssembly.Memory.grow(): Unable to grow instance memory'),
  'a typed array beyond the limit (Node 20)': () => new RangeError('Invalid typed array length: 10000000000'),
  'a typed array within the limit': () => new RangeError('Invalid typed array length: 1000'),
  'a missing kernel': () => new Error("Kernel 'Einsum' not registered for backend 'wasm'"),
  'a plain Error with its frame': () => at('bad shape', 'he-init.ts:12:7'),
  'an Error without a solution frame': () => at('bad shape', 'other.ts:1:1'),
  'a string': () => 'just a string',
  null: () => null,
  'a number': () => 42,
  'an Error whose name getter throws': () =>
    Object.defineProperty(new Error('x'), 'name', {
      get: () => {
        throw new Error('getter');
      },
    }),
};

describe('failure', () => {
  it.each<[string, RunFailure]>([
    ['a Proxy whose traps throw', { kind: 'threw', message: 'a Proxy was thrown; throw an Error' }],
    ['process.exit', { kind: 'exited', message: 'process.exit(3) was called' }],
    ['an output over the budget', { kind: 'output-too-large', message: 'output has more than 4000000 values' }],
    [
      'an unserializable output',
      { kind: 'unserializable', message: 'the value is a function; return its result instead' },
    ],
    ['a function read as a value', { kind: 'wrong-type', message: "'heStd' should be a value, not a function" }],
    ['the exercise stub', { kind: 'not-implemented', message: 'heStd: not implemented yet' }],
    ['the stub, in other case', { kind: 'not-implemented', message: 'Not Implemented Yet' }],
    [
      'an ArrayBuffer allocation (Node 20, 22)',
      { kind: 'out-of-memory', message: 'RangeError: Array buffer allocation failed' },
    ],
    [
      'an ArrayBuffer allocation (Node 24)',
      { kind: 'out-of-memory', message: 'RangeError: Failed to allocate memory' },
    ],
    ["tfjs' wasm heap", { kind: 'out-of-memory', message: 'Out of memory' }],
    [
      'a wasm memory that cannot be made',
      { kind: 'out-of-memory', message: expect.stringMatching(/Cannot allocate Wasm memory/) },
    ],
    [
      'a wasm memory that cannot grow',
      { kind: 'out-of-memory', message: expect.stringMatching(/Unable to grow instance memory/) },
    ],
    [
      'a typed array beyond the limit (Node 20)',
      { kind: 'out-of-memory', message: 'RangeError: Invalid typed array length: 10000000000' },
    ],
    ['a typed array within the limit', { kind: 'threw', message: 'RangeError: Invalid typed array length: 1000' }],
    [
      'a missing kernel',
      { kind: 'threw', message: "Kernel 'Einsum' not registered for backend 'wasm'", kernelMissing: true },
    ],
    ['a plain Error with its frame', { kind: 'threw', message: 'bad shape', stack: 'he-init.ts:12:7' }],
    ['an Error without a solution frame', { kind: 'threw', message: 'bad shape' }],
    ['a string', { kind: 'threw', message: 'just a string' }],
    ['null', { kind: 'threw', message: 'a non-Error value was thrown (null)' }],
    ['a number', { kind: 'threw', message: 'a non-Error value was thrown (number)' }],
    ['an Error whose name getter throws', { kind: 'threw', message: 'an unreadable value was thrown' }],
  ])('%s -> %j', (name, expected) => {
    const f = failure(thrown[name](), 'he-init.ts', 512);
    expect(f).toEqual(expected);
    // kernelMissing is only ever true or absent: the grader reads it as a flag.
    expect(f.kernelMissing === undefined || f.kernelMissing === true).toBe(true);
  });

  it('a length beyond the limit is only out of memory when the limit is known', () => {
    const e = new RangeError('Invalid typed array length: 10000000000');
    expect(failure(e, 'he-init.ts', undefined).kind).toBe('threw');
    expect(failure(e, 'he-init.ts', 16 * 1024).kind).toBe('threw');
    expect(failure(e, 'he-init.ts', 1024).kind).toBe('out-of-memory');
  });

  it('long messages are cut', () => {
    const f = failure(new Error('x'.repeat(2000)), 'he-init.ts', 512);
    expect(f.message.length).toBeLessThanOrEqual(501);
  });
});

describe('importFailure', () => {
  it.each<[string, RunFailure['kind']]>([
    ['a plain Error with its frame', 'import-error'],
    ['a string', 'import-error'],
    ['a missing kernel', 'import-error'],
    ['a Proxy whose traps throw', 'import-error'],
    // anything with a kind of its own keeps it
    ['process.exit', 'exited'],
    ['the exercise stub', 'not-implemented'],
    ['an ArrayBuffer allocation (Node 24)', 'out-of-memory'],
    ['a function read as a value', 'wrong-type'],
  ])('%s at the top level -> %s', (name, kind) => {
    const f = importFailure(thrown[name](), 'he-init.ts', 512);
    expect(f.kind).toBe(kind);
    expect(f.message).toBe(failure(thrown[name](), 'he-init.ts', 512).message);
  });

  it('keeps the frame and the kernel flag of a plain throw', () => {
    expect(importFailure(at('boom', 'he-init.ts:2:3'), 'he-init.ts', 512)).toEqual({
      kind: 'import-error',
      message: 'boom',
      stack: 'he-init.ts:2:3',
    });
  });
});
