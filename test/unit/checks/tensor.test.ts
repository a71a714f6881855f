import { describe, expect, it } from 'vitest';
import tensorKind from '../../../grader/checks/tensor.js';
import type { CheckOf } from '../../../grader/spec/model.js';
import type { Wire } from '../../../grader/model/wire.js';
import { ctx, nums, one, str, tensor } from './helpers.js';

/** The kind's grade function, as the registry calls it. */
const tensorCheck = tensorKind.grade;

const dflt: CheckOf<'tensor'> = { kind: 'tensor' };
const m34 = Array.from({ length: 12 }, (_, i) => i / 7);
const E = tensor([3, 4], m34);
const with1 = (i: number, v: number): number[] => m34.map((x, k) => (k === i ? v : x));

describe('tensor (rtol 1e-4, atol 1e-5 by default)', () => {
  it.each<[string, CheckOf<'tensor'>, Wire, Wire, string]>([
    ['identical', dflt, E, tensor([3, 4], m34), 'correct'],
    [
      'float32 rounding of the same values',
      dflt,
      E,
      tensor(
        [3, 4],
        m34.map((x) => x * (1 + 1e-6)),
      ),
      'correct',
    ],
    ['just inside the bound', dflt, tensor([1], [1]), tensor([1], [1 + 1.05e-4]), 'correct'],
    ['just outside the bound', dflt, tensor([1], [1]), tensor([1], [1 + 1.15e-4]), 'wrong-value'],
    ['transposed', dflt, E, tensor([4, 3], m34), 'wrong-shape'],
    ['rank mismatch', dflt, E, tensor([12], m34), 'wrong-shape'],
    ['int32 for float32', dflt, tensor([2], [1, 2]), tensor([2], [1, 2], 'int32'), 'wrong-dtype'],
    [
      'dtype any accepts int32',
      { kind: 'tensor', dtype: 'any' },
      tensor([2], [1, 2]),
      tensor([2], [1, 2], 'int32'),
      'correct',
    ],
    [
      'spec dtype overrides expected dtype',
      { kind: 'tensor', dtype: 'int32' },
      tensor([2], [1, 2]),
      tensor([2], [1, 2]),
      'wrong-dtype',
    ],
    ['one NaN', dflt, E, tensor([3, 4], with1(5, NaN)), 'not-finite'],
    ['one Infinity', dflt, E, tensor([3, 4], with1(5, Infinity)), 'not-finite'],
    ['one value off', dflt, E, tensor([3, 4], with1(6, 5)), 'wrong-value'],
    ['-0 vs 0', dflt, tensor([2], [0, 1]), tensor([2], [-0, 1]), 'correct'],
    ['empty tensors', dflt, tensor([0, 3], []), tensor([0, 3], []), 'correct'],
    ['scalar', dflt, tensor([], [2]), tensor([], [2]), 'correct'],
    ['array instead of tensor', dflt, tensor([2], [1, 2]), nums(1, 2), 'wrong-type'],
    ['string instead of tensor', dflt, tensor([2], [1, 2]), str('tensor'), 'wrong-type'],
    ['malformed tensor', dflt, tensor([2], [1, 2]), tensor([3], [1, 2]), 'wrong-shape'],
    [
      'log10 within decades',
      { kind: 'tensor', log10: true, rtol: 0, atol: 0.01 },
      tensor([2], [1e-30, 1e5]),
      tensor([2], [1.01e-30, 0.99e5]),
      'correct',
    ],
    [
      'log10 zero vs tiny',
      { kind: 'tensor', log10: true, rtol: 0, atol: 0.01 },
      tensor([2], [0, 1]),
      tensor([2], [1e-30, 1]),
      'wrong-value',
    ],
  ])('%s', async (_n, spec, expected, actual, reason) => {
    const r = await tensorCheck(spec, one(expected, actual), ctx);
    expect(r.reason).toBe(reason);
    expect(r.fraction).toBe(reason === 'correct' ? 1 : 0);
  });

  it('names both shapes', async () => {
    const r = await tensorCheck(dflt, one(E, tensor([4, 3], m34)), ctx);
    expect(r.message).toBe('expected shape [3, 4], got [4, 3] (transposed?)');
  });

  it('names both dtypes', async () => {
    const r = await tensorCheck(dflt, one(tensor([1], [1]), tensor([1], [1], 'int32')), ctx);
    expect(r.message).toMatch(/expected dtype float32, got int32/);
  });

  it('reports the multi-dim worst index and the errors', async () => {
    const r = await tensorCheck(dflt, one(E, tensor([3, 4], with1(6, 5))), ctx);
    const d = r.cases![0];
    expect(d.worstIndex).toEqual([1, 2]);
    expect(d.maxAbsError).toBeCloseTo(5 - 6 / 7, 5);
    expect(d.tolerance).toBe('rtol 1e-4, atol 1e-5');
    expect(r.message).toMatch(/^1 of 12 values are off; worst at \[1, 2\]: expected 0\.857143, got 5/);
  });

  it('points at the first non-finite value', async () => {
    const r = await tensorCheck(dflt, one(E, tensor([3, 4], with1(5, NaN))), ctx);
    expect(r.message).toMatch(/NaN at \[1, 1\]/);
  });

  it('throws when the reference tensor holds NaN (reference bug)', () => {
    expect(() => tensorCheck(dflt, one(tensor([1], [NaN]), tensor([1], [NaN])), ctx)).toThrow(/finite/);
  });
});
