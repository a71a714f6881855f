// Running a part in the child: one read or one call per argument list, each announced, stopping at the first failure.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPart, type CallDeps, type CallTf } from '../../../grader/runtime/calls.js';
import { loadModule, solutionRequire, type Modules } from '../../../grader/runtime/modules.js';
import { ExitCalled } from '../../../grader/runtime/classify.js';
import { tensorHooks } from '../../../grader/protocol/wire-codec.js';
import { toPlain, type Wire } from '../../../grader/model/wire.js';
import type { InputRef, InputWire, WorkerResponse } from '../../../grader/protocol/messages.js';

const num = (v: number): Wire => ({ t: 'number', v });
const vec = (...xs: number[]): Wire => ({
  t: 'tensor',
  shape: [xs.length],
  dtype: 'float32',
  data: new Float32Array(xs),
});

/** A run against `exports` (as exercise 'ex'), with the messages it sent and a clock the solution can move. */
function harness(exports: Record<string, unknown>, over: Partial<CallDeps> = {}) {
  const sent: WorkerResponse[] = [];
  const clock = { t: 1000 };
  const modules: Modules = new Map([['ex', exports]]);
  const deps: CallDeps = {
    tf,
    hooks: tensorHooks(tf),
    send: (m) => sent.push(m),
    now: () => clock.t,
    memoryMb: 512,
    readInput: noInputFile,
    ...over,
  };
  const run = (part: string, calls?: InputWire[][]) =>
    runPart({ type: 'run', id: 41, exercise: 'ex', part, ...(calls ? { calls } : {}) }, modules, deps);
  return { sent, clock, run };
}

const plain = (values: Wire[]) => values.map((w) => toPlain(w));

describe('runPart', () => {
  beforeAll(async () => {
    tf.env().set('PROD', true); // no "install the node backend" banner
    await tf.setBackend('cpu');
  });

  it('reads a value export once, with no further announcement', async () => {
    const { sent, run } = harness({ answer: 'b', stds: [0.5, 0.25] });
    expect(await run('answer')).toEqual({
      type: 'result',
      id: 41,
      values: [{ t: 'string', v: 'b' }],
      ms: 0,
      leakedTensors: 0,
    });
    expect(plain((await run('stds')).values)).toEqual([[0.5, 0.25]]);
    expect(sent).toEqual([]);
  });

  it('calls a function once per argument list, in order, announcing every call after the first', async () => {
    const seen: number[] = [];
    const { sent, run } = harness({ double: (x: number) => (seen.push(x), x * 2) });
    const res = await run('double', [[num(1)], [num(2)], [num(3)]]);
    expect(res.failure).toBeUndefined();
    expect(plain(res.values)).toEqual([2, 4, 6]);
    expect(seen).toEqual([1, 2, 3]);
    expect(sent).toEqual([
      { type: 'started', id: 41, call: 1 },
      { type: 'started', id: 41, call: 2 },
    ]);
  });

  it('announces each call before it runs, so a hang is charged to the right one', async () => {
    const order: string[] = [];
    const { run } = harness(
      { f: (x: number) => (order.push(`call ${x}`), x) },
      { send: (m) => order.push(`started ${m.call}`) },
    );
    await run('f', [[num(0)], [num(1)], [num(2)]]);
    expect(order).toEqual(['call 0', 'started 1', 'call 1', 'started 2', 'call 2']);
  });

  it('awaits a promise a call returns, and a rejection fails that call', async () => {
    const { run } = harness({
      later: async (x: number) => x + 1,
      refuse: async () => Promise.reject(new Error('nope')),
    });
    expect(plain((await run('later', [[num(1)], [num(2)]])).values)).toEqual([2, 3]);
    expect(await run('refuse', [[]])).toMatchObject({ values: [], failure: { kind: 'threw', message: 'nope' } });
  });

  it('takes each value at once: a later call cannot change an earlier answer', async () => {
    const shared = [0];
    const { run } = harness({ f: (x: number) => ((shared[0] = x), shared) });
    expect(plain((await run('f', [[num(1)], [num(2)]])).values)).toEqual([[1], [2]]);
  });

  it.each<[string, Record<string, unknown>, string, Wire[][] | undefined, string]>([
    ['an export the module lacks', { heStd: () => 1 }, 'heVar', [[num(1)]], "ex.ts has no export named 'heVar'"],
    ['an inherited name', {}, 'toString', undefined, "ex.ts has no export named 'toString'"],
    ['__proto__', {}, '__proto__', undefined, "ex.ts has no export named '__proto__'"],
  ])('%s is a missing export', async (_name, exports, part, calls, message) => {
    const { sent, run } = harness(exports);
    expect(await run(part, calls)).toEqual({
      type: 'result',
      id: 41,
      values: [],
      failure: { kind: 'missing-export', message },
      ms: 0,
      leakedTensors: 0,
    });
    expect(sent).toEqual([]);
  });

  it('an exercise that never loaded has no exports', async () => {
    const res = await runPart({ type: 'run', id: 3, exercise: 'p9', part: 'f' }, new Map(), harnessDeps());
    expect(res.failure).toEqual({ kind: 'missing-export', message: "p9.ts has no export named 'f'" });
  });

  it.each<[string, unknown, Wire[][] | undefined, string]>([
    ['a function read as a value', () => 0.5, undefined, "'p' should be a value, not a function"],
    ['a number called as a function', 0.5, [[num(1)]], "'p' should be a function, but it is number"],
    ['null called as a function', null, [[num(1)]], "'p' should be a function, but it is null"],
    ['a string called as a function', 'f', [[num(1)]], "'p' should be a function, but it is string"],
    ['an object called as a function', { call: () => 1 }, [[num(1)]], "'p' should be a function, but it is object"],
  ])('%s is the wrong type', async (_name, value, calls, message) => {
    const { run } = harness({ p: value });
    expect((await run('p', calls)).failure).toEqual({ kind: 'wrong-type', message });
  });

  it('a call that throws stops the run: the earlier values stay, later calls never run or get announced', async () => {
    const ran: number[] = [];
    const { sent, run } = harness({
      f: (x: number) => {
        ran.push(x);
        if (x === 2) throw new RangeError('x must not be 2');
        return x * 10;
      },
    });
    const res = await run('f', [[num(1)], [num(2)], [num(3)]]);
    expect(plain(res.values)).toEqual([10]);
    expect(res.failure).toEqual({ kind: 'threw', message: 'RangeError: x must not be 2', stack: undefined });
    expect(ran).toEqual([1, 2]);
    expect(sent).toEqual([{ type: 'started', id: 41, call: 1 }]);
  });

  it.each<[string, string, () => unknown]>([
    [
      'process.exit',
      'exited',
      () => {
        throw new ExitCalled('process.exit(1) was called');
      },
    ],
    ['a returned function', 'unserializable', () => () => 1],
    ['a returned Map', 'unserializable', () => new Map()],
    ['too many values', 'output-too-large', () => new Float32Array(4_000_001)],
    [
      'the stub',
      'not-implemented',
      () => {
        throw new Error('f: not implemented yet');
      },
    ],
    [
      'a caught allocation failure',
      'out-of-memory',
      () => {
        throw new RangeError('Array buffer allocation failed');
      },
    ],
  ])('%s fails the call as %s', async (_name, kind, f) => {
    const { run } = harness({ f });
    const res = await run('f', [[]]);
    expect(res.values).toEqual([]);
    expect(res.failure?.kind).toBe(kind);
  });

  it("a throw is located in the solution's own file", async () => {
    const modules: Modules = new Map();
    const code = "exports.f = (x) => {\n  if (x > 1) throw new Error('too big');\n  return x;\n};";
    expect(
      loadModule({ type: 'load', id: 1, exercise: 'ex', code, filename: 'ex.ts' }, modules, solutionRequire(tf), 512)
        .ok,
    ).toBe(true);
    const res = await runPart(
      { type: 'run', id: 2, exercise: 'ex', part: 'f', calls: [[num(1)], [num(2)]] },
      modules,
      harnessDeps(),
    );
    expect(plain(res.values)).toEqual([1]);
    expect(res.failure).toEqual({ kind: 'threw', message: 'too big', stack: 'ex.ts:2:20' });
  });

  it('a missing tfjs kernel is flagged for a re-run on cpu', async () => {
    const { run } = harness({
      f: () => {
        throw new Error("Kernel 'Einsum' not registered for backend 'wasm'");
      },
    });
    expect((await run('f', [[]])).failure).toMatchObject({ kind: 'threw', kernelMissing: true });
  });

  it('disposes inputs and returned tensors; what a call leaves behind is counted', async () => {
    const kept: tf.Tensor[] = [];
    const left: tf.Tensor[] = [];
    const before = tf.memory().numTensors;
    const { run } = harness({
      scale: (t: tf.Tensor) => (kept.push(t), t.mul(2)),
      leaky: (t: tf.Tensor) => (left.push(tf.scalar(1), tf.scalar(2)), t.size),
    });
    const clean = await run('scale', [[vec(1, 2)], [vec(3)]]);
    expect(clean.values).toMatchObject([
      { t: 'tensor', shape: [2], dtype: 'float32', data: new Float32Array([2, 4]) },
      { t: 'tensor', shape: [1] },
    ]);
    expect(clean.leakedTensors).toBe(0);
    expect(kept.map((t) => t.isDisposed)).toEqual([true, true]);
    expect(tf.memory().numTensors).toBe(before);

    const leaky = await run('leaky', [[vec(1, 2)], [vec(3)], [vec(4)]]);
    expect(plain(leaky.values)).toEqual([2, 1, 1]);
    expect(leaky.leakedTensors).toBe(6);
    expect(left.every((t) => !t.isDisposed)).toBe(true);
    tf.dispose(left);
  });

  it('inputs are disposed even when the call throws; its intermediates count as leaked', async () => {
    const kept: tf.Tensor[] = [];
    const { run } = harness({
      f: (t: tf.Tensor) => {
        kept.push(t);
        tf.zeros([2]);
        throw new Error('after allocating');
      },
    });
    const res = await run('f', [[vec(1, 2, 3)]]);
    expect(res.failure?.kind).toBe('threw');
    expect(kept[0].isDisposed).toBe(true);
    expect(res.leakedTensors).toBe(1);
  });

  it('a structure holding tensors crosses, and its tensors are disposed', async () => {
    const made: tf.Tensor[] = [];
    const { run } = harness({
      pair: () => {
        const a = tf.scalar(1);
        const b = tf.tensor1d([2, 3]);
        made.push(a, b);
        return { a, rest: [b] };
      },
    });
    const res = await run('pair', [[]]);
    expect(res.values[0]).toEqual({
      t: 'object',
      entries: [
        ['a', { t: 'tensor', shape: [], dtype: 'float32', data: new Float32Array([1]) }],
        ['rest', { t: 'array', items: [vec(2, 3)] }],
      ],
    });
    expect(made.every((t) => t.isDisposed)).toBe(true);
    expect(res.leakedTensors).toBe(0);
  });

  it('an input in the inputs file is read through the reader, nested or not, and disposed like any input', async () => {
    const file = new Float32Array([1, 2, 3, 4, 5, 6]);
    const asked: InputRef[] = [];
    const readInput = (r: InputRef) => {
      asked.push(r);
      return file.slice(r.offset / 4, (r.offset + r.bytes) / 4);
    };
    const ref = (offset: number, shape: number[]): InputRef => ({
      t: 'input-ref',
      shape,
      dtype: 'float32',
      array: 'float32',
      offset,
      bytes: 4 * shape.reduce((a, b) => a * b, 1),
    });
    const seen: tf.Tensor[] = [];
    const { run } = harness(
      {
        sum: (x: tf.Tensor, ws: tf.Tensor[]) => {
          seen.push(x, ...ws);
          return [x, ...ws].map((t) => t.sum().arraySync() as number);
        },
      },
      { readInput },
    );
    const res = await run('sum', [[ref(0, [2]), { t: 'array', items: [ref(8, [2, 2])] }]]);
    expect(plain(res.values)).toEqual([[3, 18]]);
    expect(asked.map((r) => r.offset)).toEqual([0, 8]);
    expect(seen.map((t) => t.shape)).toEqual([[2], [2, 2]]);
    expect(seen.every((t) => t.isDisposed)).toBe(true);
  });

  it('ms is the time from the request to the answer, on the given clock', async () => {
    const h = harness({
      slow: (x: number) => {
        h.clock.t += 40;
        return x;
      },
    });
    expect((await h.run('slow', [[num(1)], [num(2)]])).ms).toBe(80);
  });

  it('with a fake tfjs: a value tfjs cannot dispose is only a leak, and leaks are never negative', async () => {
    let numTensors = 10;
    const fake: CallTf = {
      tensor: () => {
        throw new Error('no tensors in this test');
      },
      memory: () => ({ numTensors }),
      dispose: () => {
        throw new Error('tfjs cannot walk this');
      },
    };
    const { run } = harness(
      { grow: (x: number) => ((numTensors += 2), x), shrink: (x: number) => ((numTensors -= 5), x) },
      { tf: fake },
    );
    expect(await run('grow', [[num(1)], [num(2)]])).toMatchObject({ values: [num(1), num(2)], leakedTensors: 4 });
    expect(await run('shrink', [[num(1)]])).toMatchObject({ values: [num(1)], leakedTensors: 0 });
  });
});

function harnessDeps(): CallDeps {
  return { tf, hooks: tensorHooks(tf), send: () => true, now: () => 0, memoryMb: 512, readInput: noInputFile };
}

function noInputFile(): never {
  throw new Error('no inputs file in this test');
}
