import { describe, expect, it } from 'vitest';
import numericCheck from '../../../grader/checks/numeric.js';
import type { CheckOf } from '../../../grader/spec/model.js';
import type { CaseInput } from '../../../grader/model/outcome.js';
import type { Wire } from '../../../grader/model/wire.js';
import { arr, bool, ctx, nul, num, nums, obj, one, str, tensor } from './helpers.js';

/** The kind's grade function, as the registry calls it. */
const numeric = numericCheck.grade;

const dflt: CheckOf<'numeric'> = { kind: 'numeric' };
const log: CheckOf<'numeric'> = { kind: 'numeric', log10: true, rtol: 1e-3, atol: 1e-3 };

describe('numeric: single numbers (rtol 1e-6, atol 1e-9 by default)', () => {
  it.each<[string, Wire, Wire, string]>([
    ['exact', num(0.125), num(0.125), 'correct'],
    ['mathjs string', num(0.125), str('sqrt(2/128)'), 'correct'],
    ['expected given as a string', str('2^-100'), num(2 ** -100), 'correct'],
    ['Xavier instead of He', num(0.125), str('1/sqrt(128)'), 'wrong-value'],
    ['just inside rtol', num(1), num(1 + 0.99e-6), 'correct'],
    ['just outside rtol', num(1), num(1 + 1.02e-6), 'wrong-value'],
    ['just inside atol at 0', num(0), num(0.9e-9), 'correct'],
    ['just outside atol at 0', num(0), num(1.1e-9), 'wrong-value'],
    ['-0 vs 0', num(0), num(-0), 'correct'],
    ['0 vs -0', num(-0), num(0), 'correct'],
    ['NaN', num(0.125), num(NaN), 'not-finite'],
    ['NaN never passes, even against 1', num(1), num(NaN), 'not-finite'],
    ['Infinity', num(1), num(Infinity), 'not-finite'],
    ['string NaN-producing', num(1), str('sqrt(-1)'), 'not-finite'],
    ['unparsable string', num(0.125), str('0.125abc'), 'invalid-answer'],
    ['forbidden string', num(0.125), str('import({}, {})'), 'invalid-answer'],
    ['variable in string', num(0.125), str('sqrt(2/n)'), 'invalid-answer'],
    ['boolean', num(1), bool(true), 'wrong-type'],
    ['null', num(1), nul, 'wrong-type'],
    ['array for a number', num(1), nums(1), 'wrong-type'],
    ['scalar tensor', num(1), tensor([], [1]), 'wrong-type'],
  ])('%s', async (_n, expected, actual, reason) => {
    const r = await numeric(dflt, one(expected, actual), ctx);
    expect(r.reason).toBe(reason);
    expect(r.fraction).toBe(reason === 'correct' ? 1 : 0);
  });

  it('throws when the expected value itself is not finite (reference bug)', () => {
    expect(() => numeric(dflt, one(num(NaN), num(NaN)), ctx)).toThrow(/finite/);
  });

  it('says expected, got and the tolerance', async () => {
    const r = await numeric(dflt, one(num(0.125), num(0.0883883)), ctx);
    expect(r.message).toBe('expected 0.125, got 0.0883883 (rtol 1e-6, atol 1e-9)');
  });

  it('shows enough digits to see a near-boundary difference', async () => {
    const r = await numeric(dflt, one(num(1), num(1.000002)), ctx);
    expect(r.message).toContain('1.000002');
  });
});

describe('numeric: arrays and objects', () => {
  it.each<[string, Wire, Wire, string]>([
    ['equal arrays', nums(1, 2, 3), nums(1, 2, 3), 'correct'],
    ['empty arrays', nums(), nums(), 'correct'],
    ['strings inside arrays', nums(0.5, 0.25), arr(str('1/2'), str('2^-2')), 'correct'],
    ['length mismatch', nums(1, 2, 3), nums(1, 2), 'wrong-shape'],
    ['nested length mismatch', arr(nums(1, 2), nums(3, 4)), arr(nums(1, 2), nums(3)), 'wrong-shape'],
    ['one value off', nums(1, 2, 3), nums(1, 2.1, 3), 'wrong-value'],
    ['NaN inside', nums(1, 2, 3), nums(1, NaN, 3), 'not-finite'],
    ['tensor for an array', nums(1, 2), tensor([2], [1, 2]), 'wrong-type'],
    [
      'object ok',
      obj({ plain: nums(1, 0.1), residual: nums(1, 1.1) }),
      obj({ residual: nums(1, 1.1), plain: nums(1, 0.1), extra: num(3) }),
      'correct',
    ],
    ['object missing key', obj({ plain: nums(1), residual: nums(1) }), obj({ plain: nums(1) }), 'wrong-type'],
    ['array for an object', obj({ plain: nums(1) }), nums(1), 'wrong-type'],
  ])('%s', async (_n, expected, actual, reason) => {
    const r = await numeric(dflt, one(expected, actual), ctx);
    expect(r.reason).toBe(reason);
  });

  it('reports the worst index and errors', async () => {
    const r = await numeric(dflt, one(arr(nums(1, 2), nums(3, 4)), arr(nums(1, 2.5), nums(3, 4.1))), ctx);
    expect(r.cases![0].worstIndex).toEqual([0, 1]);
    expect(r.cases![0].maxAbsError).toBeCloseTo(0.5, 12);
    expect(r.cases![0].maxRelError).toBeCloseTo(0.25, 12);
    expect(r.message).toMatch(/^2 of 4 values are off; worst at \[0\]\[1\]/);
  });

  it('names the missing key and reports object paths as strings', async () => {
    const miss = await numeric(dflt, one(obj({ plain: nums(1), residual: nums(1) }), obj({ plain: nums(1) })), ctx);
    expect(miss.message).toContain("missing key 'residual'");
    const off = await numeric(dflt, one(obj({ plain: nums(1, 0.1) }), obj({ plain: nums(1, 0.2) })), ctx);
    expect(off.cases![0].worstIndex).toBe('plain[1]');
  });
});

describe('numeric: log10 mode', () => {
  it.each<[string, Wire, Wire, string]>([
    ['2^-100 exactly', str('2^-100'), num(7.888609052210118e-31), 'correct'],
    ['0.2% off in value is within 1e-3 decades', num(1e-30), num(1.002e-30), 'correct'],
    ['an order of magnitude off', num(1e-30), num(1e-29), 'wrong-value'],
    ['sign mismatch', num(-1e-3), num(1e-3), 'wrong-value'],
    ['zero vs zero', num(0), num(-0), 'correct'],
    ['zero vs tiny', num(0), num(1e-300), 'wrong-value'],
    ['tiny vs zero', num(1e-300), num(0), 'wrong-value'],
    ['linear mode would pass this, log does not', num(7.9e-31), num(0), 'wrong-value'],
  ])('%s', async (_n, expected, actual, reason) => {
    const r = await numeric(log, one(expected, actual), ctx);
    expect(r.reason).toBe(reason);
  });

  it('names log10 in the tolerance', async () => {
    const r = await numeric(log, one(num(1e-30), num(1e-29)), ctx);
    expect(r.message).toContain('log10: rtol 1e-3, atol 1e-3 decades');
  });
});

describe('numeric: call parts with several cases', () => {
  const heStd = (fanIn: number, actual: number): CaseInput => ({
    label: `heStd(${fanIn})`,
    args: [num(fanIn)],
    expected: num(Math.sqrt(2 / fanIn)),
    actual: num(actual),
  });

  it('passes only when every case passes, reason and message from the first failure', async () => {
    const all = await numeric(
      dflt,
      [1, 3, 64].map((n) => heStd(n, Math.sqrt(2 / n))),
      ctx,
    );
    expect(all.status).toBe('passed');
    const r = await numeric(dflt, [heStd(1, Math.SQRT2), heStd(3, Math.sqrt(1 / 3)), heStd(64, NaN)], ctx);
    expect(r.status).toBe('failed');
    expect(r.reason).toBe('wrong-value');
    expect(r.message).toMatch(/^heStd\(3\): expected 0\.816497, got 0\.57735 .*\(2 of 3 cases fail\)$/);
    expect(r.cases!.map((c) => c.passed)).toEqual([true, false, false]);
  });

  it('caps details at 20 but keeps the first failing case', async () => {
    const cases = Array.from({ length: 30 }, (_, i) => heStd(i + 1, i === 25 ? 0 : Math.sqrt(2 / (i + 1))));
    const r = await numeric(dflt, cases, ctx);
    expect(r.cases).toHaveLength(20);
    expect(r.cases![19].label).toBe('heStd(26)');
    expect(r.message).toMatch(/^heStd\(26\)/);
  });
});
