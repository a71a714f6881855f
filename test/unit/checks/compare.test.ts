import { describe, expect, it } from 'vitest';
import { allclose, close, describeTolerance, elementError, fmtTol, unravel } from '../../../grader/checks/compare.js';

describe('close: |a-e| <= atol + rtol*|e|', () => {
  it.each<[number, number, number, number, boolean]>([
    [1, 1, 0, 0, true],
    [1.0000009, 1, 1e-6, 0, true],
    [1.0000011, 1, 1e-6, 0, false],
    [0.9999991, 1, 1e-6, 0, true],
    [0.9999989, 1, 1e-6, 0, false],
    [5e-10, 0, 1e-6, 1e-9, true],
    [2e-9, 0, 1e-6, 1e-9, false],
    [-0, 0, 0, 0, true],
    [0, -0, 0, 0, true],
    [-1, 1, 1e-6, 1e-9, false],
    // rtol scales with the expected value, not the actual one
    [2, 1, 1, 0, true],
    [1, 2, 0.4, 0, false],
    [NaN, NaN, 1, 1, false],
    [NaN, 1, 1, 1, false],
    [1, NaN, 1, 1, false],
    [Infinity, Infinity, 1, 1, false],
    [-Infinity, -Infinity, 1, 1, false],
    [Infinity, 1, 1, 1, false],
  ])('close(%s, %s, rtol %s, atol %s) = %s', (a, e, rtol, atol, want) => {
    expect(close(a, e, rtol, atol)).toBe(want);
  });
});

describe('elementError in log10 space', () => {
  it.each<[number, number, number, number, boolean]>([
    [1e-30, 1e-30, 0, 0, true],
    [1.1e-30, 1e-30, 0, 0.05, true],
    [1.2e-30, 1e-30, 0, 0.05, false],
    [1e-29, 1e-30, 0.01, 0, false],
    [-1e-3, -1e-3, 0, 0, true],
    [-1e-3, 1e-3, 1, 1, false],
    [0, 0, 0, 0, true],
    [-0, 0, 0, 0, true],
    [0, 1e-300, 1, 1, false],
    [1e-300, 0, 1, 1, false],
    [NaN, 1, 1, 1, false],
    [Infinity, 1e308, 1, 1, false],
  ])('log10 compare of %s and %s, rtol %s, atol %s: ok = %s', (a, e, rtol, atol, want) => {
    expect(elementError(a, e, { rtol, atol, log10: true }).ok).toBe(want);
  });
});

describe('allclose', () => {
  const tol = { rtol: 1e-4, atol: 1e-5 };

  it('passes equal arrays with zero error', () => {
    expect(allclose([1, 2, 3], [1, 2, 3], [3], tol)).toMatchObject({
      pass: true,
      badCount: 0,
      maxAbsError: 0,
      maxRelError: 0,
    });
  });

  it('passes empty arrays', () => {
    expect(allclose([], [], [0, 3], tol)).toMatchObject({ pass: true, count: 0, worstIndex: undefined });
  });

  it('finds the worst element by how far it misses its own allowance, as a multi-dim index', () => {
    // [1][0] is off by 0.5 but allowed 1.001 (passes); [0][1] is off by only 0.1 but allowed 1e-3: it is the worst.
    const r = allclose([1, 0.1, 100.5, 4], [1, 0, 100, 4], [2, 2], { rtol: 1e-2, atol: 1e-3 });
    expect(r.pass).toBe(false);
    expect(r.badCount).toBe(1);
    expect(r.worstIndex).toEqual([0, 1]);
    expect(r.maxAbsError).toBeCloseTo(0.5, 12);
    expect(r.maxRelError).toBe(Infinity);
  });

  it('flags non-finite actual values and non-finite expected values separately', () => {
    const r = allclose([1, NaN, 3], [1, 2, Infinity], [3], tol);
    expect(r.firstNonFinite).toBe(1);
    expect(r.expectedNonFinite).toBe(2);
    expect(r.pass).toBe(false);
  });

  it('compares in log10 space when asked', () => {
    expect(allclose([1.01e-30, 0], [1e-30, 0], [2], { rtol: 0, atol: 0.01, log10: true }).pass).toBe(true);
    expect(allclose([1e-29], [1e-30], [1], { rtol: 0, atol: 0.01, log10: true }).maxAbsError).toBeCloseTo(1, 12);
  });

  it('refuses arrays of different lengths (callers check shapes first)', () => {
    expect(() => allclose([1], [1, 2], [2], tol)).toThrow();
  });
});

describe('helpers', () => {
  it.each<[number, number[], number[]]>([
    [0, [3, 4], [0, 0]],
    [5, [3, 4], [1, 1]],
    [11, [3, 4], [2, 3]],
    [7, [2, 2, 2], [1, 1, 1]],
    [0, [], []],
    [99, [3, 4], [99]],
  ])('unravel(%s, %j) = %j', (flat, shape, want) => {
    expect(unravel(flat, shape)).toEqual(want);
  });

  it.each<[Parameters<typeof describeTolerance>[0], string]>([
    [{ rtol: 1e-4, atol: 1e-5 }, 'rtol 1e-4, atol 1e-5'],
    [{ rtol: 1e-6, atol: 1e-9 }, 'rtol 1e-6, atol 1e-9'],
    [{ rtol: 0.05, atol: 0 }, 'rtol 0.05, atol 0'],
    [{ rtol: 2.5e-3, atol: 0.1, log10: true }, 'log10: rtol 2.5e-3, atol 0.1 decades'],
  ])('describeTolerance(%j) = %s', (tol, want) => {
    expect(describeTolerance(tol)).toBe(want);
  });

  it('formats large tolerances without e+', () => {
    expect(fmtTol(1e6)).toBe('1e6');
  });
});
