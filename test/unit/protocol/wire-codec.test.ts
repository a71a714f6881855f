// The wire codec on untrusted values: plain data crosses, anything live or hostile is refused with a stable kind.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromWire, tensorHooks, toWire, WireError } from '../../../grader/protocol/wire-codec.js';
import { isWire, toPlain } from '../../../grader/model/wire.js';

const hooks = tensorHooks(tf);
const kindOf = (v: unknown): string => {
  try {
    toWire(v, hooks);
    return 'ok';
  } catch (e) {
    return e instanceof WireError ? e.kind : `threw ${(e as Error).message}`;
  }
};

describe('toWire', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    [0.125, 0.125],
    ['sqrt(2/128)', 'sqrt(2/128)'],
    [
      [1, [2, 3]],
      [1, [2, 3]],
    ],
    [
      { plain: [1, 0.1], residual: [1, 1.1] },
      { plain: [1, 0.1], residual: [1, 1.1] },
    ],
    [new Float32Array([0.5, 0.25]), [0.5, 0.25]],
    [null, null],
    [-0, -0],
  ])('%j crosses as plain data', (value, plain) => {
    const w = toWire(value, hooks);
    expect(isWire(w)).toBe(true);
    expect(toPlain(w)).toEqual(plain);
  });

  it('tensors cross as shape, dtype and binary data, and come back equal', () => {
    const t = tf.tensor2d([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const w = toWire(t, hooks);
    expect(w).toMatchObject({ t: 'tensor', shape: [2, 3], dtype: 'float32' });
    expect((fromWire(w, tf) as tf.Tensor).arraySync()).toEqual(t.arraySync());
  });

  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const getter = Object.defineProperty({}, 'x', { get: () => Math.random(), enumerable: true });
  it.each([
    ['a BigInt', 10n, 'unserializable'],
    ['a function', () => 1, 'unserializable'],
    ['a Symbol', Symbol('s'), 'unserializable'],
    ['a cyclic object', cyclic, 'unserializable'],
    ['a Proxy whose traps throw', 'proxy', 'unserializable'],
    ['a getter', getter, 'unserializable'],
    ['a class instance', new Map([[1, 2]]), 'unserializable'],
    ['a toJSON trick', { toJSON: () => 0.125 }, 'unserializable'],
    ['nesting deeper than 32', JSON.parse('['.repeat(40) + ']'.repeat(40)), 'unserializable'],
    ['more than 4M values', new Float64Array(4_000_001), 'output-too-large'],
  ])('%s is refused (%s)', (_name, value, kind) => {
    // Built here: vitest would trip over a throwing Proxy while formatting the test title.
    const v =
      value === 'proxy'
        ? new Proxy(
            {},
            {
              get: () => {
                throw new Error('boom');
              },
              ownKeys: () => {
                throw new Error('boom');
              },
            },
          )
        : value;
    expect(kindOf(v)).toBe(kind);
  });
});

describe('isWire (what the grader accepts from the child)', () => {
  it.each([
    [{ t: 'tensor', shape: [2], dtype: 'float32', data: new Float32Array(3) }, false],
    [{ t: 'tensor', shape: [-1], dtype: 'float32', data: new Float32Array(0) }, false],
    [{ t: 'tensor', shape: [2], dtype: 'float32', data: [1, 2] }, false],
    [{ t: 'number', v: '1' }, false],
    [{ t: 'object', entries: [['a']] }, false],
    [{ t: 'exploit' }, false],
    [{ t: 'array', items: [{ t: 'number', v: 1 }, { t: 'null' }] }, true],
  ])('%j -> %s', (w, ok) => {
    expect(isWire(w)).toBe(ok);
  });
});
