// Names a wrong value's mistake: the student's value is tested against transformations of the expected one (transposed,
// reversed, scaled by a known factor, squared, ...); one is claimed only when it matches every element within the part's
// own tolerance, and only when it really changes the expected value. Otherwise nothing is said.
import { fmt, type Wire } from '../model/wire.js';
import type { DiagnosisCode } from '../model/outcome.js';

export interface Diagnosis {
  code: DiagnosisCode;
  message: string;
}

/** What the catalog below can name: the kinds that use it (tensor, numeric) list these in their definitions. */
export const VALUE_DIAGNOSES: readonly DiagnosisCode[] = [
  'reshaped',
  'transposed',
  'axes-permuted',
  'reversed',
  'missing-first',
  'missing-last',
  'sign-flipped',
  'squared',
  'square-root',
  'log-of-expected',
  'exp-of-expected',
  'scaled',
  'float32-precision',
];

/** A value as the catalog sees it: row-major numbers and a shape ([] for one number, [n] for a list). */
export interface Values {
  data: ArrayLike<number>;
  shape: number[];
}

export interface DiagnoseContext {
  /** The part's own tolerance: does the student's `a` stand for the transformed expected `e`? */
  close: (a: number, e: number) => boolean;
  /** Sizes a scale factor may be named after (n/(n-1) for a batch of n, a fan-in): the case's integer arguments and dims. */
  sizes?: number[];
}

const product = (shape: number[]): number => shape.reduce((p, d) => p * d, 1);
const sameShape = (a: number[], b: number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** The strides of a row-major shape. */
function strides(shape: number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let k = shape.length - 2; k >= 0; k--) s[k] = s[k + 1] * shape[k + 1];
  return s;
}

/** `e` with its axes reordered by `perm` (out axis k = in axis perm[k]). */
export function permute(e: Values, perm: number[]): Values {
  const shape = perm.map((k) => e.shape[k]);
  const inS = strides(e.shape);
  const n = product(shape);
  const data = new Float64Array(n);
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let src = 0;
    for (let k = 0; k < shape.length; k++) src += idx[k] * inS[perm[k]];
    data[i] = e.data[src];
    for (let k = shape.length - 1; k >= 0 && ++idx[k] === shape[k]; k--) idx[k] = 0;
  }
  return { data, shape };
}

function permutations(n: number): number[][] {
  if (n <= 1) return [[0]];
  return permutations(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]),
  );
}

const map = (e: Values, f: (x: number) => number): Values => ({ data: Float64Array.from(e.data, f), shape: e.shape });
const slice = (e: Values, from: number, to: number): Values => ({
  data: Float64Array.from(Array.prototype.slice.call(e.data, from, to) as number[]),
  shape: [to - from],
});

/** Every element of `a` stands for the same element of `t` (same shape), within the part's tolerance. */
function matches(a: Values, t: Values, close: DiagnoseContext['close']): boolean {
  if (!sameShape(a.shape, t.shape) || a.data.length !== t.data.length || t.data.length === 0) return false;
  for (let i = 0; i < t.data.length; i++)
    if (!Number.isFinite(t.data[i]) || !close(Number(a.data[i]), t.data[i])) return false;
  return true;
}

/** The transformation really changes the expected value (a symmetric matrix is its own transpose: nothing to name). */
const changes = (e: Values, t: Values, close: DiagnoseContext['close']): boolean =>
  !(sameShape(e.shape, t.shape) && matches(t, e, close));

/** Known factors, so "scaled by 0.707107" reads as "by 1/√2". */
export function namedFactor(k: number, sizes: number[]): { value: number; name: string } | undefined {
  const named: [number, string][] = [
    [2, '2'],
    [0.5, '1/2'],
    [Math.SQRT2, '√2'],
    [Math.SQRT1_2, '1/√2'],
    [3, '3'],
    [1 / 3, '1/3'],
    [10, '10'],
    [0.1, '1/10'],
  ];
  for (const n of new Set(sizes.filter((x) => Number.isInteger(x) && x > 1))) {
    named.push(
      [n / (n - 1), `${n}/${n - 1} (n/(n−1) for n = ${n})`],
      [(n - 1) / n, `${n - 1}/${n} ((n−1)/n for n = ${n})`],
      [n, `${n} (a size of the input)`],
      [1 / n, `1/${n} (one over a size of the input)`],
    );
  }
  const hit = named.find(([f]) => Math.abs(k - f) <= 1e-4 * Math.abs(f));
  return hit && { value: hit[0], name: hit[1] };
}

type Candidate = [DiagnosisCode, (e: Values) => Values | undefined, (e: Values) => string];

/** The catalog, most specific first: a claim is made by the first transformation that explains every element. */
function candidates(a: Values, e: Values, sizes: number[]): Candidate[] {
  const out: Candidate[] = [
    [
      'reshaped',
      (x) =>
        !sameShape(a.shape, x.shape) && a.data.length === x.data.length ? { data: x.data, shape: a.shape } : undefined,
      (x) =>
        `your values are the expected ones in the wrong shape: [${a.shape.join(', ')}] instead of [${x.shape.join(', ')}] (a reshape, or a broadcast along the wrong axis)`,
    ],
    [
      'transposed',
      (x) => (x.shape.length === 2 ? permute(x, [1, 0]) : undefined),
      () => 'your matrix is the transpose of the expected one: rows and columns are swapped',
    ],
  ];
  if (e.shape.length >= 3 && e.shape.length <= 4) {
    for (const p of permutations(e.shape.length).filter((q) => q.some((v, i) => v !== i))) {
      out.push([
        'axes-permuted',
        (x) => permute(x, p),
        () =>
          `your tensor holds the expected values with its axes in another order (expected axes ${p.join(', ')} give yours)`,
      ]);
    }
  }
  const n = e.data.length;
  if (e.shape.length === 1) {
    out.push(
      [
        'reversed',
        (x) => ({ data: Float64Array.from(x.data).reverse(), shape: x.shape }),
        () => 'your sequence is the expected one in reverse order (first and last swapped)',
      ],
      [
        'missing-first',
        (x) => (a.data.length === n - 1 ? slice(x, 1, n) : undefined),
        () =>
          'your sequence is the expected one without its first element: shifted by one step (an off-by-one at the start)',
      ],
      [
        'missing-last',
        (x) => (a.data.length === n - 1 ? slice(x, 0, n - 1) : undefined),
        () =>
          'your sequence is the expected one without its last element: shifted by one step (an off-by-one at the end)',
      ],
    );
  }
  // exp(x) of a value near 0 is 1 and log(x) of a value near 1 is 0 whatever x was: no evidence either way there.
  const all = (f: (v: number) => boolean) => Array.prototype.every.call(e.data, f);
  const your = (many: string, one: string) => (e.data.length === 1 ? one : many);
  out.push(
    [
      'sign-flipped',
      (x) => map(x, (v) => -v),
      () =>
        your(
          'your values have the opposite sign of the expected ones',
          'your value has the opposite sign of the expected one',
        ),
    ],
    [
      'squared',
      (x) => map(x, (v) => v * v),
      () =>
        `${your('your values are the squares of the expected ones', 'your value is the square of the expected one')}: a variance where a standard deviation was asked?`,
    ],
    [
      'square-root',
      (x) => (all((v) => v >= 0) ? map(x, Math.sqrt) : undefined),
      () =>
        `${your('your values are the square roots of the expected ones', 'your value is the square root of the expected one')}: a standard deviation where a variance was asked?`,
    ],
    [
      'log-of-expected',
      (x) => (all((v) => v > 0 && Math.abs(Math.log(v)) >= 0.01) ? map(x, Math.log) : undefined),
      () =>
        `${your('your values are the natural logarithms of the expected ones', 'your value is the natural logarithm of the expected one')}: a log scale where the plain value was asked`,
    ],
    [
      'exp-of-expected',
      (x) => (all((v) => Math.abs(v) >= 0.01) ? map(x, Math.exp) : undefined),
      () =>
        `${your('your values are e to the power of the expected ones', 'your value is e to the power of the expected one')}: the plain value where its logarithm was asked`,
    ],
  );
  return out.concat(scale(a, e, sizes));
}

/** A constant factor, fitted by least squares; claimed when named, or (with 3+ values that vary) whatever it is. */
function scale(a: Values, e: Values, sizes: number[]): Candidate[] {
  if (a.data.length !== e.data.length) return [];
  let ae = 0;
  let ee = 0;
  for (let i = 0; i < e.data.length; i++) {
    ae += Number(a.data[i]) * e.data[i];
    ee += e.data[i] * e.data[i];
  }
  const k = ee > 0 ? ae / ee : NaN;
  if (!Number.isFinite(k) || k === 0) return [];
  // A size of the input names a factor only for a whole tensor or list: for one number it would be a coincidence.
  const named = namedFactor(k, e.data.length > 1 ? sizes : []);
  // One number is always some multiple of another: an unnamed factor says something only about 3+ distinct values, and
  // only when it is a real factor (1.000004 is rounding; -1 is a sign flip, named as such).
  if (!named && (new Set(Array.from(e.data)).size < 3 || Math.abs(Math.abs(k) - 1) < 0.01)) return [];
  const factor = named?.value ?? k;
  const what = e.data.length === 1 ? 'your value is' : 'every value is';
  return [
    [
      'scaled',
      (x) => map(x, (v) => v * factor),
      () => `${what} the expected one times ${named?.name ?? fmt(k)}: a constant factor is off`,
    ],
  ];
}

/** Student values carried in float32 (exactly representable) and off only at float32 precision: a float64 part. */
function float32Only(a: Values, e: Values): Diagnosis | undefined {
  if (!sameShape(a.shape, e.shape) || a.data.length === 0) return undefined;
  for (let i = 0; i < e.data.length; i++) {
    const x = Number(a.data[i]);
    if (Math.fround(x) !== x || Math.abs(x - e.data[i]) > 1e-5 * Math.abs(e.data[i]) + 1e-7) return undefined;
  }
  return {
    code: 'float32-precision',
    message:
      'your values differ from the expected ones only at float32 precision (about 7 digits): this part is graded at float64 precision, so compute with plain numbers (read tensors with arraySync and finish in JavaScript)',
  };
}

/**
 * The one transformation of the catalog that explains the student's value, if exactly one does: when two different
 * ones fit (0.5 for 0.25 is both its square root and its double), the value does not tell which mistake it was.
 */
export function diagnose(actual: Values, expected: Values, ctx: DiagnoseContext): Diagnosis | undefined {
  const sizes = [...(ctx.sizes ?? []), ...expected.shape];
  const found: Diagnosis[] = [];
  for (const [code, transform, say] of candidates(actual, expected, sizes)) {
    const t = transform(expected);
    if (t && changes(expected, t, ctx.close) && matches(actual, t, ctx.close) && !found.some((d) => d.code === code))
      found.push({ code, message: say(expected) });
  }
  if (found.length > 1) return undefined;
  return found[0] ?? float32Only(actual, expected);
}

/** The integer sizes among a case's arguments and their tensors' dimensions: what n/(n−1) or a fan-in may refer to. */
export function sizesOf(args: Wire[]): number[] {
  const out: number[] = [];
  for (const w of args) {
    if (w.t === 'number' && Number.isInteger(w.v)) out.push(w.v);
    if (w.t === 'tensor') out.push(...w.shape);
  }
  return out;
}

/** A wire of numbers as the catalog sees it: a tensor, one number, or (nested, rectangular) arrays of numbers. */
export function valuesOf(w: Wire): Values | undefined {
  if (w.t === 'tensor') return { data: w.data, shape: w.shape };
  if (w.t === 'number') return { data: [w.v], shape: [] };
  if (w.t !== 'array') return undefined;
  const rows = w.items.map(valuesOf);
  if (
    rows.some((r) => !r || r.shape.length !== rows[0]!.shape.length || r.shape.some((d, i) => d !== rows[0]!.shape[i]))
  )
    return undefined;
  const data = rows.flatMap((r) => Array.from(r!.data));
  return { data, shape: [rows.length, ...(rows[0]?.shape ?? [])] };
}
