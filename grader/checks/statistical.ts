// statistical: a random tensor's sample mean and std within sigmas standard errors, plus seed repeatability.
import { fmt, type Wire } from '../model/wire.js';
import { bad, combine, getEntry, ok, referenceError, requireCases, shapeStr, tensorProblem, whatIs, type Verdict } from './result.js';
import { Type } from '@sinclair/typebox';
import type { CaseInput, CheckResult } from '../model/outcome.js';
import type { Diagnosis } from './diagnose.js';
import { defineCheck, type KindSpec } from './define.js';

const fields = {
  sigmas: Type.Number({ exclusiveMinimum: 0, description: 'Allowed deviation in standard errors of the sample moment.' }),
  repeatable: Type.Optional(Type.Boolean({ description: 'Cases with equal args must give equal tensors, different seeds different ones.' })),
};
export type StatisticalSpec = KindSpec<'statistical', typeof fields>;

type TensorWire = Extract<Wire, { t: 'tensor' }>;
interface Target { mean: number; std: number; shape?: number[] }

function target(w: Wire): Target {
  const num = (k: string): number | undefined => {
    const v = w.t === 'object' ? getEntry(w, k) : undefined;
    return v?.t === 'number' && Number.isFinite(v.v) ? v.v : undefined;
  };
  const mean = num('mean');
  const std = num('std');
  if (mean === undefined || std === undefined || std < 0) throw referenceError('statistical expected value must be { mean: number, std: number >= 0, shape?: number[] }');
  const s = w.t === 'object' ? getEntry(w, 'shape') : undefined;
  if (s === undefined) return { mean, std };
  if (s.t !== 'array' || !s.items.every((d) => d.t === 'number' && Number.isSafeInteger(d.v) && d.v >= 0)) {
    throw referenceError('statistical expected shape must be an array of sizes');
  }
  return { mean, std, shape: s.items.map((d) => (d as { v: number }).v) };
}

/** Float64 two-pass moments: the population std of the sample, as the bound below assumes. */
function moments(data: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i];
  const mean = sum / data.length;
  let ss = 0;
  for (let i = 0; i < data.length; i++) ss += (data[i] - mean) ** 2;
  return { mean, std: Math.sqrt(ss / data.length) };
}

const bytes = (t: TensorWire): Uint8Array => new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
/** Bit-identical: -0 vs 0 or two different NaNs count as different, which is what "same seed" means. */
function identical(a: TensorWire, b: TensorWire): boolean {
  if (a.dtype !== b.dtype || a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) return false;
  const x = bytes(a);
  const y = bytes(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** Deep equality of wire values, used to group cases by their args. */
export function wireEqual(a: Wire, b: Wire): boolean {
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'tensor': return identical(a, b as TensorWire);
    case 'number': return Object.is(a.v, (b as typeof a).v);
    case 'string': case 'boolean': return a.v === (b as typeof a).v;
    case 'null': case 'undefined': return true;
    case 'array': { const o = b as typeof a; return a.items.length === o.items.length && a.items.every((x, i) => wireEqual(x, o.items[i])); }
    case 'object': {
      const o = b as typeof a;
      return a.entries.length === o.entries.length && a.entries.every(([k, v], i) => o.entries[i][0] === k && wireEqual(v, o.entries[i][1]));
    }
  }
}

function grade(sigmas: number, t: Target, a: Wire): Verdict {
  if (a.t !== 'tensor') return bad('wrong-type', `expected a tensor${t.shape ? ` of shape ${shapeStr(t.shape)}` : ''}, got ${whatIs(a)}`);
  const malformed = tensorProblem(a);
  if (malformed) return bad('wrong-shape', `the tensor you returned is malformed: ${malformed}`);
  if (t.shape && (a.shape.length !== t.shape.length || a.shape.some((d, i) => d !== t.shape![i]))) {
    return bad('wrong-shape', `expected shape ${shapeStr(t.shape)}, got ${shapeStr(a.shape)}`);
  }
  const n = a.data.length;
  if (n < 2) return bad('wrong-shape', `the tensor has ${n} values; at least 2 are needed to estimate a std`);
  let nonFinite = 0;
  for (let i = 0; i < n; i++) if (!Number.isFinite(a.data[i])) nonFinite++;
  if (nonFinite > 0) return bad('not-finite', `your tensor has ${nonFinite} non-finite values (NaN or Infinity)`);
  const m = moments(a.data);
  // Standard errors of the sample mean and (for normal data) of the sample std.
  const meanBound = (sigmas * t.std) / Math.sqrt(n);
  const stdBound = (sigmas * t.std) / Math.sqrt(2 * n);
  const meanOk = Math.abs(m.mean - t.mean) <= meanBound;
  const stdOk = Math.abs(m.std - t.std) <= stdBound;
  const summary = `sample mean ${fmt(m.mean)} (target ${fmt(t.mean)} ± ${fmt(meanBound)}), sample std ${fmt(m.std)} (target ${fmt(t.std)} ± ${fmt(stdBound)}) over ${n} values at ${sigmas} standard errors`;
  const detail = { tolerance: `${sigmas} standard errors`, maxAbsError: Math.max(Math.abs(m.mean - t.mean), Math.abs(m.std - t.std)), note: summary };
  if (meanOk && stdOk) return ok(summary, detail);
  const what = !meanOk && !stdOk ? 'mean and std are' : !meanOk ? 'mean is' : 'std is';
  const diagnosis = meanOk ? stdDiagnosis(m.std, t.std, stdBound) : undefined;
  return bad('wrong-value', `the sample ${what} off: ${summary}`, { ...detail, ...(diagnosis ? { diagnosis } : {}) });
}

const SEED_IGNORED: Diagnosis = { code: 'seed-ignored', message: 'the seed argument does not reach the random op: the same seed must give the same tensor, and another seed another one' };

/** std of a normal truncated at ±2σ, as a fraction of σ: what tfjs's initializers draw without rescaling. */
export const TRUNCATED_STD = 0.87962566103423978;

/**
 * The std is off by a recognizable transformation of the target, within the same bound (the one that fits, if only
 * one does): a truncated normal, a variance factor of 2, a variance where the std goes (or the reverse).
 */
function stdDiagnosis(sd: number, target: number, bound: number): Diagnosis | undefined {
  if (!(target > 0)) return undefined;
  const options: [number, Diagnosis][] = [
    [TRUNCATED_STD * target, { code: 'truncated-normal', message: `your sample std is 0.8796 × the target: a normal truncated at ±2σ and not rescaled, which is what tfjs's initializers (tf.initializers.heNormal, glorotNormal, truncatedNormal) draw (tfjs issue #8594; Keras divides by 0.87962566). Draw with tf.randomNormal at the std the part asks for` }],
    ...([[Math.SQRT1_2, '1/√2'], [Math.SQRT2, '√2'], [0.5, '1/2'], [2, '2']] as const).map(([f, name]): [number, Diagnosis] => [f * target, { code: 'scaled', message: `your sample std is the target's times ${name}: the variance is off by a factor of ${fmt(f * f)}` }]),
    [target * target, { code: 'variance-as-std', message: 'your sample std is the square of the target: a variance was passed where the standard deviation goes' }],
    [Math.sqrt(target), { code: 'square-root', message: 'your sample std is the square root of the target: a standard deviation was passed where the variance goes' }],
  ];
  const fits = options.filter(([v]) => Math.abs(v - target) > bound && Math.abs(sd - v) <= bound);
  return fits.length === 1 ? fits[0][1] : undefined;
}

function check(spec: StatisticalSpec, cases: CaseInput[]): CheckResult {
  requireCases(cases, spec.kind);
  const verdicts = cases.map((c) => grade(spec.sigmas, target(c.expected), c.actual));
  if (spec.repeatable) {
    // Seed handling is judged across cases: equal args must repeat bit for bit, and different args
    // (different seeds) of the same shape must not. A case already failing keeps its own reason.
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
        const sameArgs = cases[i].args.length === cases[j].args.length && cases[i].args.every((x, k) => wireEqual(x, cases[j].args[k]));
        if (sameArgs && !identical(ti, tj)) {
          verdicts[j] = bad('wrong-value', `same seed gave different tensors: pass the seed argument to the random op (compare case '${cases[i].label}')`, { diagnosis: SEED_IGNORED });
          break;
        }
        const sameShape = ti.shape.length === tj.shape.length && ti.shape.every((d, k) => d === tj.shape[k]);
        if (!sameArgs && sameShape && identical(ti, tj)) {
          verdicts[j] = bad('wrong-value', `different seeds gave the same tensor: is the seed passed to the random op? (same values as case '${cases[i].label}')`, { diagnosis: SEED_IGNORED });
          break;
        }
      }
    }
  }
  return combine(cases, verdicts);
}

export default defineCheck({
  kind: 'statistical',
  description: 'A random tensor: sample mean and std within a bound derived from the sample size.',
  fields,
  answer: false,
  diagnoses: ['truncated-normal', 'scaled', 'variance-as-std', 'square-root', 'seed-ignored'],
  feedback: 'immediate',
  wellFormed: (_spec, a) => (a.t === 'tensor' ? undefined : `expected a tf.Tensor, got ${whatIs(a)}`),
  // Moments need draws: the kind grades what a function returns for the reference's cases.
  rules: (_check, part) => (part.mode === 'call' ? [] : [{ path: 'mode', message: 'statistical checks grade calls', fix: 'set mode: call' }]),
  grade: check,
});
