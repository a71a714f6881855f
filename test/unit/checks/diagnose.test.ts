// Diagnoses are claimed only when the named transformation really explains every element: tables for each code, and
// properties over random values (no "transposed" on noise or on a symmetric matrix, no factor on a zero tensor).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnose, permute, type Values } from '../../../grader/checks/diagnose.js';
import { elementError } from '../../../grader/checks/compare.js';
import statistical from '../../../grader/checks/statistical.js';
import { ctx, obj, num, nums, one } from './helpers.js';

const tol = { rtol: 1e-4, atol: 1e-5 };
const close = (a: number, e: number) => elementError(a, e, tol).ok;
const v = (data: number[], shape = [data.length]): Values => ({ data, shape });
const code = (a: Values, e: Values, sizes: number[] = []) => diagnose(a, e, { close, sizes })?.code;

const E = v([1, 2, 3, 4, 5, 6], [2, 3]);

describe('diagnose: the catalog, one transformation at a time', () => {
  it.each<[string, Values, Values, string | undefined, number[]?]>([
    ['transposed matrix', permute(E, [1, 0]), E, 'transposed'],
    ['transposed square matrix', v([1, 3, 2, 4], [2, 2]), v([1, 2, 3, 4], [2, 2]), 'transposed'],
    ['same values, another shape', v([1, 2, 3, 4, 5, 6], [6]), E, 'reshaped'],
    [
      '3-D axes swapped',
      permute(
        v(
          [...Array(24).keys()].map((x) => x + 1),
          [2, 3, 4],
        ),
        [2, 0, 1],
      ),
      v(
        [...Array(24).keys()].map((x) => x + 1),
        [2, 3, 4],
      ),
      'axes-permuted',
    ],
    ['reversed list', v([5, 4, 3, 2, 1]), v([1, 2, 3, 4, 5]), 'reversed'],
    ['first element missing', v([2, 3, 4, 5]), v([1, 2, 3, 4, 5]), 'missing-first'],
    ['last element missing', v([1, 2, 3, 4]), v([1, 2, 3, 4, 5]), 'missing-last'],
    ['sign flipped', v([-1, 2, -3]), v([1, -2, 3]), 'sign-flipped'],
    ['squared (a variance for a std)', v([0.04, 0.09, 0.25]), v([0.2, 0.3, 0.5]), 'squared'],
    ['square root (a std for a variance)', v([0.2, 0.3, 0.5]), v([0.04, 0.09, 0.25]), 'square-root'],
    ['log of the expected', v([Math.log(2), Math.log(5), Math.log(9)]), v([2, 5, 9]), 'log-of-expected'],
    ['scaled by 1/√2', v([1, 2, 3].map((x) => x * Math.SQRT1_2)), v([1, 2, 3]), 'scaled'],
    ['scaled by n/(n-1) of a batch of 4', v([4, 8, 12].map((x) => (x * 4) / 3)), v([4, 8, 12]), 'scaled', [4]],
    ['a single number times 2', v([0.25], []), v([0.125], []), 'scaled'],
    // nothing is said without evidence
    ['noise', v([0.3, -1.2, 2.2, 0.7]), v([1, 2, 3, 4]), undefined],
    ['one number an unnamed factor away', v([0.37], []), v([0.125], []), undefined],
    ['ambiguous: 0.5 for 0.25 is both a square root and a double', v([0.5], []), v([0.25], []), undefined],
    ['exp of values near zero is 1 whatever they are', v([1, 1]), v([1e-30, 2e-30]), undefined],
  ])('%s', (_name, actual, expected, want, sizes) => {
    expect(code(actual, expected, sizes)).toBe(want);
  });

  it('float32 values a float64 part rejects: off only at float32 precision (and exactly float32 numbers)', () => {
    const numericClose = (a: number, e: number) => elementError(a, e, { rtol: 1e-6, atol: 1e-9 }).ok;
    const xs = [1 / 3, 2 / 3, 1 / 7];
    const e = v(xs);
    expect(diagnose(v(xs.map((x) => Math.fround(x * (1 + 4e-6)))), e, { close: numericClose })?.code).toBe(
      'float32-precision',
    );
    // the same error in float64 numbers is not float32's doing
    expect(diagnose(v(xs.map((x) => x * (1 + 4e-6 + 1e-12))), e, { close: numericClose })).toBeUndefined();
  });

  it('names the factor it found', () => {
    expect(diagnose(v([1, 2, 3].map((x) => x * Math.SQRT1_2)), v([1, 2, 3]), { close })?.message).toContain('1/√2');
    expect(diagnose(v([4, 8, 12].map((x) => (x * 4) / 3)), v([4, 8, 12]), { close, sizes: [4] })?.message).toContain(
      'n/(n−1) for n = 4',
    );
  });
});

const finite = fc.double({ min: -100, max: 100, noNaN: true });

describe('diagnose: claims hold (properties)', () => {
  it('noise is never "transposed", and a symmetric matrix never claims transposition', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.array(finite, { minLength: 25, maxLength: 25 }),
        fc.array(finite, { minLength: 25, maxLength: 25 }),
        (n, xs, ys) => {
          const m = n * n;
          const e = v(xs.slice(0, m), [n, n]);
          const sym = v(
            Array.from(
              { length: m },
              (_, k) => xs[Math.min(Math.floor(k / n), k % n) * n + Math.max(Math.floor(k / n), k % n)],
            ),
            [n, n],
          );
          expect(code(permute(sym, [1, 0]), sym)).not.toBe('transposed');
          const noise = v(ys.slice(0, m), [n, n]);
          const claim = diagnose(noise, e, { close });
          if (claim?.code === 'transposed')
            expect(Array.from(permute(e, [1, 0]).data).every((x, k) => close(noise.data[k], x))).toBe(true);
        },
      ),
    );
  });

  it('a zero tensor claims no scale factor, sign or power', () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 1, maxLength: 12 }), (xs) => {
        const zero = v(xs.map(() => 0));
        expect(['scaled', 'sign-flipped', 'squared', 'square-root']).not.toContain(code(v(xs), zero));
      }),
    );
  });

  it("every claim is checked: the transformation of the expected value matches the student's value element by element", () => {
    fc.assert(
      fc.property(
        fc.array(finite, { minLength: 3, maxLength: 12 }),
        fc.constantFrom(2, 0.5, Math.SQRT2, -1),
        (xs, k) => {
          const e = v(xs);
          const a = v(xs.map((x) => x * k));
          const d = diagnose(a, e, { close });
          if (d?.code === 'scaled') expect(xs.every((x, i) => close(a.data[i], x * k))).toBe(true);
          if (d?.code === 'sign-flipped') expect(xs.every((x, i) => close(a.data[i], -x))).toBe(true);
        },
      ),
    );
  });
});

describe('statistical diagnoses', () => {
  const draw = (std: number, n = 4096, seed = 7): number[] => {
    let s = seed;
    const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
    return Array.from(
      { length: n },
      () => std * Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand()),
    );
  };
  const tensorOf = (data: number[]) => ({
    t: 'tensor' as const,
    shape: [data.length],
    dtype: 'float32' as const,
    data: Float32Array.from(data),
  });
  it.each([
    ['a normal truncated at ±2σ (tfjs initializers)', 0.87962566, 'truncated-normal'],
    ['the std of a variance half as large', Math.SQRT1_2, 'scaled'],
    ['the right std', 1, undefined],
  ] as const)('%s', async (_name, factor, want) => {
    const r = await statistical.grade(
      { kind: 'statistical', sigmas: 5 },
      one(obj({ mean: num(0), std: num(0.125), shape: nums(4096) }), tensorOf(draw(0.125 * factor))),
      ctx,
    );
    expect(r.cases?.[0].diagnosis?.code).toBe(want);
  });
});
