// The pure statistics of the statistical kind, in tables: Φ, the KS distance, the DKW and Chernoff bounds, tail counts,
// the truncated normal; and the shape test with its diagnoses on samples of known distributions.
import { describe, expect, it } from 'vitest';
import {
  binomialTailLog,
  countOutside,
  distinctValues,
  dkwBound,
  erfc,
  ksDistance,
  moments,
  normalCdf,
  sortedSample,
  truncatedCdf,
  truncatedStd,
  truncationFor,
} from '../../../grader/checks/normal-tests.js';
import { normalShape, shapeDiagnosis } from '../../../grader/checks/normal-shape.js';
import { boxMuller, constant, plusMinus, studentT, truncated, uniform } from './samplers.js';

describe('normal CDF', () => {
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1, 0.15865525393145707],
    [1.959963984540054, 0.975],
    [2.5, 0.9937903346742238],
    [-3.5, 2.3262907903552504e-4],
    [5, 0.9999997133484281],
  ])('Φ(%d) = %d', (z, want) => {
    expect(Math.abs(normalCdf(z) - want)).toBeLessThan(2e-7 * Math.max(want, 1e-3));
  });

  it.each([
    [0, 1],
    [1, 0.15729920705028513],
    [3, 2.209049699858544e-5],
    [-1, 1.8427007929497148],
  ])('erfc(%d) = %d (relative 1.2e-7)', (x, want) => {
    expect(Math.abs(erfc(x) - want) / want).toBeLessThan(1.2e-7);
  });
});

describe('KS distance of a sorted sample', () => {
  const uniformCdf = (x: number): number => Math.min(1, Math.max(0, x));
  it.each<[string, number[], number]>([
    ['one value at the median', [0.5], 0.5],
    ['two values at the quartiles', [0.25, 0.75], 0.25],
    ['evenly spread, n = 4', [0.125, 0.375, 0.625, 0.875], 0.125],
    ['a tie counts its whole jump', [0.5, 0.5], 0.5],
    ['all below the support', [-1, -1, -1], 1],
    ['shifted up: nothing below the median', [0.5, 0.75, 1], 0.5],
  ])('%s', (_name, xs, want) => {
    expect(ksDistance(sortedSample(xs), uniformCdf)).toBeCloseTo(want, 12);
  });
});

describe('bounds that hold at every n', () => {
  it.each([
    [8192, 1e-6, 0.029758],
    [25088, 1e-6, 0.017005],
    [100, 0.05, 0.13581],
  ])('DKW ε for n = %d at α = %d', (n, alpha, eps) => {
    expect(dkwBound(n, alpha)).toBeCloseTo(eps, 5);
    expect(2 * Math.exp(-2 * n * dkwBound(n, alpha) ** 2)).toBeCloseTo(alpha, 12);
  });

  /** Exact binomial tail by summing the pmf in logs. */
  const exactTail = (k: number, n: number, p: number, upper: boolean): number => {
    let lg = 0;
    const logC: number[] = [0];
    for (let i = 1; i <= n; i++) logC.push((lg += Math.log((n - i + 1) / i)));
    let sum = 0;
    for (let i = upper ? k : 0; upper ? i <= n : i <= k; i++)
      sum += Math.exp(logC[i] + i * Math.log(p) + (n - i) * Math.log(1 - p));
    return sum;
  };
  it.each([
    [0, 1000, 0.0124],
    [30, 1000, 0.0124],
    [5, 1000, 0.0124],
    [0, 200, 0.05],
    [25, 200, 0.05],
    [3, 8192, 4.65e-4],
  ])('Chernoff bounds the exact tail: k = %d, n = %d, p = %d', (k, n, p) => {
    const upper = k >= n * p;
    const exact = exactTail(k, n, p, upper);
    expect(Math.exp(binomialTailLog(k, n, p))).toBeGreaterThanOrEqual(exact * (1 - 1e-9));
  });

  it('is 1 at the mean and tiny at no tail values where 102 are expected', () => {
    expect(binomialTailLog(100, 1000, 0.1)).toBeCloseTo(0, 12);
    expect(binomialTailLog(0, 8192, 0.0124)).toBeCloseTo(8192 * Math.log(1 - 0.0124), 6);
  });
});

describe('counts and moments', () => {
  const s = sortedSample([3, -2, 0, 2, -3, 1, 2]);
  it.each([
    [-2, 2, 2],
    [-2.5, 2.5, 2],
    [-1, 1, 5],
    [-3, 3, 0],
    [0, 0, 6],
  ])('outside [%d, %d]: %d values', (lo, hi, want) => {
    expect(countOutside(s, lo, hi)).toBe(want);
  });
  it.each([
    [[1, 1, 1], 1],
    [[1, -1, 1, -1], 2],
    [[1, 2, 3, 4], 3],
  ])('distinct values of %j (capped at 3): %d', (xs, want) => {
    expect(distinctValues(sortedSample(xs), 3)).toBe(want);
  });
  it('population moments', () => {
    expect(moments([1, -1, 1, -1])).toEqual({ mean: 0, std: 1 });
    expect(moments([2, 4, 4, 4, 5, 5, 7, 9]).std).toBe(2);
  });
});

describe('truncated normal', () => {
  it.each([
    [2, 0.87962566103423978],
    [1, 0.53956],
    [3, 0.986578],
  ])('std of a normal cut at ±%d', (k, want) => {
    expect(truncatedStd(k)).toBeCloseTo(want, 5);
  });
  it.each([2, 2.5, 1])('the cut is recovered from the largest value (k = %d)', (k) => {
    expect(truncationFor(k / truncatedStd(k))).toBeCloseTo(k, 6);
  });
  it('no cut for a uniform or a normal', () => {
    expect(truncationFor(Math.sqrt(3))).toBeUndefined();
    expect(truncationFor(50)).toBeUndefined();
  });
  it('its CDF runs from 0 at the cut to 1, in std units', () => {
    const f = truncatedCdf(2);
    expect(f(-2 / 0.87962566)).toBeCloseTo(0, 6);
    expect(f(0)).toBeCloseTo(0.5, 6);
    expect(f(2 / 0.87962566)).toBeCloseTo(1, 6);
  });
});

describe('normal shape and its diagnosis (8192 draws at σ = 0.125)', () => {
  const n = 8192;
  const std = 0.125;
  it.each<[string, number[], string | undefined]>([
    ['Box–Muller', boxMuller(n, std, 7), undefined],
    ['uniform with the right std', uniform(n, std, 7), 'uniform'],
    ['±σ pattern', plusMinus(n, std, 7), 'two-values'],
    ['Student-t, 3 degrees of freedom', studentT(3)(n, std, 7), 'heavy-tails'],
    ['Student-t, 5 degrees of freedom', studentT(5)(n, std, 7), 'heavy-tails'],
    ['a normal cut at 2σ and rescaled to σ', truncated(true)(n, std, 7), 'truncated-normal'],
    ['a normal cut at 2σ, not rescaled', truncated(false)(n, std, 7), 'truncated-normal'],
    ['constant', constant(n, std, 7), 'constant'],
  ])('%s', (_name, xs, code) => {
    const sorted = sortedSample(xs);
    const m = moments(sorted);
    if (m.std > 0) expect(normalShape(sorted, m.mean, m.std).passed).toBe(code === undefined);
    expect(shapeDiagnosis(sorted, { mean: 0, std })?.code).toBe(code);
  });

  it('says ±σ only when the two values are the mean ± the target std', () => {
    expect(shapeDiagnosis(sortedSample(plusMinus(n, std, 1)), { mean: 0, std })?.message).toMatch(
      /^only two values: ±σ/,
    );
    expect(shapeDiagnosis(sortedSample(plusMinus(n, 0.3, 1)), { mean: 0, std })?.message).toMatch(
      /^only two values: a fixed pattern/,
    );
  });
});
