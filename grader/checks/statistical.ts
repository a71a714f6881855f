// statistical: a random tensor drawn from the named distribution: sample mean and std within sigmas standard errors,
// the shape of a normal (KS distance and tail counts, normal-shape.ts), plus seed repeatability.
import { fmt, type Wire } from '../model/wire.js';
import {
  bad,
  combine,
  getEntry,
  ok,
  referenceError,
  requireCases,
  shapeStr,
  tensorProblem,
  whatIs,
  type Verdict,
} from './result.js';
import { Type } from '@sinclair/typebox';
import type { CaseInput, CheckResult } from '../model/outcome.js';
import type { Diagnosis } from './diagnose.js';
import { defineCheck, type KindSpec } from './define.js';
import { moments, sortedSample } from './normal-tests.js';
import {
  constantDiagnosis,
  normalShape,
  shapeDiagnosis,
  shapeSummary,
  SHAPE_ALPHA,
  type ShapeTest,
} from './normal-shape.js';

const fields = {
  sigmas: Type.Number({
    exclusiveMinimum: 0,
    description: 'Allowed deviation in standard errors of the sample moment.',
  }),
  repeatable: Type.Optional(
    Type.Boolean({
      description:
        'Cases with equal args must give equal tensors, different seeds different ones (not the same values reordered).',
    }),
  ),
  distribution: Type.Optional(
    Type.Literal('normal', {
      description:
        'The distribution the values must be drawn from, with the mean and std of the expected value: its shape is tested too (KS distance and tail counts at a false-failure rate of 1e-6 per case). Default normal, the only one so far.',
    }),
  ),
};
export type StatisticalSpec = KindSpec<'statistical', typeof fields>;

type TensorWire = Extract<Wire, { t: 'tensor' }>;
interface Target {
  mean: number;
  std: number;
  shape?: number[];
}

function target(w: Wire): Target {
  const num = (k: string): number | undefined => {
    const v = w.t === 'object' ? getEntry(w, k) : undefined;
    return v?.t === 'number' && Number.isFinite(v.v) ? v.v : undefined;
  };
  const mean = num('mean');
  const std = num('std');
  if (mean === undefined || std === undefined || std < 0)
    throw referenceError('statistical expected value must be { mean: number, std: number >= 0, shape?: number[] }');
  const s = w.t === 'object' ? getEntry(w, 'shape') : undefined;
  if (s === undefined) return { mean, std };
  if (s.t !== 'array' || !s.items.every((d) => d.t === 'number' && Number.isSafeInteger(d.v) && d.v >= 0)) {
    throw referenceError('statistical expected shape must be an array of sizes');
  }
  return { mean, std, shape: s.items.map((d) => (d as { v: number }).v) };
}

const bytes = (t: TensorWire): Uint8Array => new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
/** Bit-identical: -0 vs 0 or two different NaNs count as different, which is what "same seed" means. */
function identical(a: TensorWire, b: TensorWire): boolean {
  if (a.dtype !== b.dtype || a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i]))
    return false;
  const x = bytes(a);
  const y = bytes(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** Deep equality of wire values, used to group cases by their args. */
export function wireEqual(a: Wire, b: Wire): boolean {
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'tensor':
      return identical(a, b as TensorWire);
    case 'number':
      return Object.is(a.v, (b as typeof a).v);
    case 'string':
    case 'boolean':
      return a.v === (b as typeof a).v;
    case 'null':
    case 'undefined':
      return true;
    case 'array': {
      const o = b as typeof a;
      return a.items.length === o.items.length && a.items.every((x, i) => wireEqual(x, o.items[i]));
    }
    case 'object': {
      const o = b as typeof a;
      return (
        a.entries.length === o.entries.length &&
        a.entries.every(([k, v], i) => o.entries[i][0] === k && wireEqual(v, o.entries[i][1]))
      );
    }
  }
}

interface Graded {
  verdict: Verdict;
  sorted?: Float64Array;
}

function grade(sigmas: number, t: Target, a: Wire): Graded {
  const fail = (v: Verdict): Graded => ({ verdict: v });
  if (a.t !== 'tensor')
    return fail(
      bad('wrong-type', `expected a tensor${t.shape ? ` of shape ${shapeStr(t.shape)}` : ''}, got ${whatIs(a)}`),
    );
  const malformed = tensorProblem(a);
  if (malformed) return fail(bad('wrong-shape', `the tensor you returned is malformed: ${malformed}`));
  if (t.shape && (a.shape.length !== t.shape.length || a.shape.some((d, i) => d !== t.shape![i]))) {
    return fail(bad('wrong-shape', `expected shape ${shapeStr(t.shape)}, got ${shapeStr(a.shape)}`));
  }
  const n = a.data.length;
  if (n < 2) return fail(bad('wrong-shape', `the tensor has ${n} values; at least 2 are needed to estimate a std`));
  let nonFinite = 0;
  for (let i = 0; i < n; i++) if (!Number.isFinite(a.data[i])) nonFinite++;
  if (nonFinite > 0) return fail(bad('not-finite', `your tensor has ${nonFinite} non-finite values (NaN or Infinity)`));
  // Sorted once: the moments, the KS distance, the tail counts and the seed check all read this copy.
  const sorted = sortedSample(a.data);
  const m = moments(sorted);
  // The sample mean's standard error is the sample's own spread over √n: a std-1 sample centred on 0 has a fine mean,
  // whatever std the part asks for. The sample std's standard error (normal data) is the target std over √(2n).
  const meanBound = (sigmas * m.std) / Math.sqrt(n);
  const stdBound = (sigmas * t.std) / Math.sqrt(2 * n);
  const meanOk = Math.abs(m.mean - t.mean) <= meanBound;
  const stdOk = Math.abs(m.std - t.std) <= stdBound;
  // With the moments right the shape is tested against the part's own normal (the bounds are exact there); with them
  // wrong, against the sample's own mean and std, only to say whether the shape is wrong too.
  const shape: ShapeTest | undefined =
    t.std > 0 && m.std > 0
      ? meanOk && stdOk
        ? normalShape(sorted, t.mean, t.std)
        : normalShape(sorted, m.mean, m.std)
      : undefined;
  const shapeOk = !shape || shape.passed;
  const meanText = `sample mean ${fmt(m.mean)} (target ${fmt(t.mean)} ± ${fmt(meanBound)}, from the sample's own spread)`;
  const stdText = `sample std ${fmt(m.std)} (target ${fmt(t.std)} ± ${fmt(stdBound)})`;
  const tail = ` over ${n} values at ${sigmas} standard errors`;
  const note = `${meanText}, ${stdText}${tail}${shape ? `; shape: ${shapeSummary(shape)}` : ''}`;
  const detail = {
    tolerance: `${sigmas} standard errors; normal shape at a false-failure rate of ${SHAPE_ALPHA.toExponential(0)}`,
    maxAbsError: Math.max(Math.abs(m.mean - t.mean), Math.abs(m.std - t.std)),
    note,
  };
  if (meanOk && stdOk && shapeOk) return { verdict: ok(note, detail), sorted };
  const off = [...(meanOk ? [] : [meanText]), ...(stdOk ? [] : [stdText])];
  const what = !meanOk && !stdOk ? 'mean and std are' : !meanOk ? 'mean is' : 'std is';
  const parts = [
    ...(off.length ? [`the sample ${what} off: ${off.join(', ')}${tail}`] : []),
    ...(shapeOk ? [] : [`${off.length ? 'and the' : 'the'} values are not a normal sample: ${shapeSummary(shape!)}`]),
  ];
  const diagnosis = diagnoseCase(sorted, t, m.std, sigmas, { meanOk, stdOk, shapeOk });
  return { verdict: bad('wrong-value', parts.join('; '), { ...detail, ...(diagnosis ? { diagnosis } : {}) }), sorted };
}

/** One name for a failing case: no spread at all, else a wrong shape, else a wrong std (of a sample shaped right). */
function diagnoseCase(
  sorted: Float64Array,
  t: Target,
  sd: number,
  sigmas: number,
  ok: { meanOk: boolean; stdOk: boolean; shapeOk: boolean },
): Diagnosis | undefined {
  const constant = t.std > 0 ? constantDiagnosis(sorted) : undefined;
  if (constant) return constant;
  const std = !ok.stdOk && ok.meanOk ? stdDiagnosis(sd, t.std, sigmas, sorted.length, ok.shapeOk) : undefined;
  if (ok.shapeOk) return std;
  const shape = shapeDiagnosis(sorted, t);
  // tfjs's initializers: a normal cut at 2σ, not rescaled; the std's own message names where it comes from.
  return std?.code === 'truncated-normal' && (!shape || shape.code === 'truncated-normal') ? std : shape;
}

const SEED_IGNORED: Diagnosis = {
  code: 'seed-ignored',
  message:
    'the seed argument does not reach the random op: the same seed must give the same tensor, and another seed another one',
};
const SEED_REORDERS: Diagnosis = {
  code: 'seed-reorders',
  message:
    'different seeds gave the same values in another order: the seed must seed the random op, not shift or shuffle one fixed sample',
};

/** std of a normal truncated at ±2σ, as a fraction of σ: what tfjs's initializers draw without rescaling. */
export const TRUNCATED_STD = 0.87962566103423978;

/**
 * The std is off by a recognizable transformation of the target (the one that fits, if only one does), each judged
 * within the bound of its own hypothesis (sigmas · its std / √(2n)): a truncated normal, a variance factor of 2, a
 * variance where the std goes (or the reverse), a standard normal never scaled. All but the truncated normal claim a
 * normal of another std, so they need the sample's shape to be normal.
 */
function stdDiagnosis(sd: number, target: number, sigmas: number, n: number, normal: boolean): Diagnosis | undefined {
  if (!(target > 0)) return undefined;
  const bound = (v: number): number => (sigmas * v) / Math.sqrt(2 * n);
  const options: [number, Diagnosis][] = [
    [
      TRUNCATED_STD * target,
      {
        code: 'truncated-normal',
        message: `your sample std is 0.8796 × the target: a normal truncated at ±2σ and not rescaled, which is what tfjs's initializers (tf.initializers.heNormal, glorotNormal, truncatedNormal) draw (tfjs issue #8594; Keras divides by 0.87962566). Draw with tf.randomNormal at the std the part asks for`,
      },
    ],
    ...(normal ? normalOptions(target) : []),
  ];
  const fits = options.filter(([v]) => Math.abs(v - target) > bound(target) && Math.abs(sd - v) <= bound(v));
  return fits.length === 1 ? fits[0][1] : undefined;
}

function normalOptions(target: number): [number, Diagnosis][] {
  return [
    [1, { code: 'unscaled-normal', message: 'std 1.00: a standard normal never scaled to the std the part asks for' }],
    ...(
      [
        [Math.SQRT1_2, '1/√2'],
        [Math.SQRT2, '√2'],
        [0.5, '1/2'],
        [2, '2'],
      ] as const
    ).map(([f, name]): [number, Diagnosis] => [
      f * target,
      {
        code: 'scaled',
        message: `your sample std is the target's times ${name}: the variance is off by a factor of ${fmt(f * f)}`,
      },
    ]),
    [
      target * target,
      {
        code: 'variance-as-std',
        message: 'your sample std is the square of the target: a variance was passed where the standard deviation goes',
      },
    ],
    [
      Math.sqrt(target),
      {
        code: 'square-root',
        message:
          'your sample std is the square root of the target: a standard deviation was passed where the variance goes',
      },
    ],
  ];
}

const sameValues = (a: Float64Array, b: Float64Array): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

function check(spec: StatisticalSpec, cases: CaseInput[]): CheckResult {
  requireCases(cases, spec.kind);
  const graded = cases.map((c) => grade(spec.sigmas, target(c.expected), c.actual));
  const verdicts = graded.map((g) => g.verdict);
  if (spec.repeatable) {
    // Seed handling is judged across cases: equal args must repeat bit for bit, and different args (different seeds)
    // of the same shape must give other values, not the same ones reordered. A case already failing keeps its reason.
    const usable = (i: number): TensorWire | null => {
      const a = cases[i].actual;
      return a.t === 'tensor' && tensorProblem(a) === null ? a : null;
    };
    for (let j = 0; j < cases.length; j++) {
      const tj = usable(j);
      if (!tj || !verdicts[j].passed) continue;
      for (let i = 0; i < j; i++) {
        const ti = usable(i);
        if (!ti) continue;
        const sameArgs =
          cases[i].args.length === cases[j].args.length &&
          cases[i].args.every((x, k) => wireEqual(x, cases[j].args[k]));
        if (sameArgs && !identical(ti, tj)) {
          verdicts[j] = bad(
            'wrong-value',
            `same seed gave different tensors: pass the seed argument to the random op (compare case '${cases[i].label}')`,
            { diagnosis: SEED_IGNORED },
          );
          break;
        }
        const sameShape = ti.shape.length === tj.shape.length && ti.shape.every((d, k) => d === tj.shape[k]);
        if (!sameArgs && sameShape && identical(ti, tj)) {
          verdicts[j] = bad(
            'wrong-value',
            `different seeds gave the same tensor: is the seed passed to the random op? (same values as case '${cases[i].label}')`,
            { diagnosis: SEED_IGNORED },
          );
          break;
        }
        const [si, sj] = [graded[i].sorted, graded[j].sorted];
        if (!sameArgs && sameShape && si && sj && sameValues(si, sj)) {
          verdicts[j] = bad(
            'wrong-value',
            `different seeds gave the same values in another order (those of case '${cases[i].label}')`,
            { diagnosis: SEED_REORDERS },
          );
          break;
        }
      }
    }
  }
  return combine(cases, verdicts);
}

export default defineCheck({
  kind: 'statistical',
  description:
    'A random tensor drawn from a named distribution (normal): sample mean and std within a bound derived from the sample size, and the shape of the distribution.',
  fields,
  answer: false,
  diagnoses: [
    'truncated-normal',
    'uniform',
    'heavy-tails',
    'two-values',
    'constant',
    'unscaled-normal',
    'scaled',
    'variance-as-std',
    'square-root',
    'seed-ignored',
    'seed-reorders',
  ],
  feedback: 'immediate',
  wellFormed: (_spec, a) => (a.t === 'tensor' ? undefined : `expected a tf.Tensor, got ${whatIs(a)}`),
  // Moments and shapes need draws: the kind grades what a function returns for the reference's cases.
  rules: (_check, part) =>
    part.mode === 'call' ? [] : [{ path: 'mode', message: 'statistical checks grade calls', fix: 'set mode: call' }],
  grade: check,
});
