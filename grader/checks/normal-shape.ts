// Whether a sorted sample has the shape of a normal (KS distance and tail counts), and which non-normal shape it has.
import { fmt } from '../model/wire.js';
import type { Diagnosis } from './diagnose.js';
import {
  binomialTailLog,
  countOutside,
  distinctValues,
  dkwBound,
  erfc,
  ksDistance,
  moments,
  normalCdf,
  truncatedCdf,
  truncationFor,
} from './normal-tests.js';

/**
 * The false-failure rate of the shape test for one case of a correct sampler. The moment tests at 5 standard errors
 * fail a correct sample with probability about 5.7e-7 each (two normal tails), so 1e-6 makes the shape test no more
 * trigger-happy than they are: a correct part with ~7 cases fails by chance well under once in 10^5 gradings. It is
 * cheap to be this strict: the bounds below are guaranteed at every n, and at the 8192+ draws of an exercise the
 * mistakes this test exists for sit many times beyond them (a uniform's KS distance is 0.057 against a bound of 0.030;
 * a normal cut at 2σ and rescaled leaves 0 values beyond 2.5σ where a normal puts about 100).
 */
export const SHAPE_ALPHA = 1e-6;

/**
 * Two-sided tail counts, in σ of the target. KS sees the middle of a distribution but barely the tails, where a
 * truncated normal (nothing beyond its cut) and a Student-t (too much far out) differ from a normal.
 */
export const TAIL_LEVELS = [2.5, 3.5] as const;

export interface TailCount {
  level: number;
  count: number;
  expected: number;
  tooFew: boolean;
  tooMany: boolean;
}
export interface ShapeTest {
  passed: boolean;
  ks: number;
  ksBound: number;
  tails: TailCount[];
  mean: number;
  std: number;
}

/**
 * The sample against N(mean, std). Bonferroni splits SHAPE_ALPHA: half to the KS distance (DKW), a quarter to each tail
 * level, an eighth to each side of it (Chernoff), so a draw of N(mean, std) fails with probability at most SHAPE_ALPHA.
 */
export function normalShape(sorted: Float64Array, mean: number, std: number): ShapeTest {
  const n = sorted.length;
  const ksBound = dkwBound(n, SHAPE_ALPHA / 2);
  const ks = ksDistance(sorted, (x) => normalCdf((x - mean) / std));
  const tails = TAIL_LEVELS.map((level): TailCount => {
    const p = erfc(level / Math.SQRT2);
    const count = countOutside(sorted, mean - level * std, mean + level * std);
    const rejected = binomialTailLog(count, n, p) < Math.log(SHAPE_ALPHA / 8);
    return { level, count, expected: n * p, tooFew: rejected && count < n * p, tooMany: rejected && count > n * p };
  });
  return { passed: ks <= ksBound && tails.every((t) => !t.tooFew && !t.tooMany), ks, ksBound, tails, mean, std };
}

/** What failed, in numbers: the KS distance and the tail counts past their bounds. */
export function shapeSummary(t: ShapeTest): string {
  const parts = [`largest CDF gap ${fmt(t.ks)} to N(${fmt(t.mean)}, ${fmt(t.std)}) (bound ${fmt(t.ksBound)})`];
  for (const c of t.tails)
    parts.push(
      `${c.count} values beyond ±${c.level}σ (a normal puts about ${Math.round(c.expected)} there${c.tooFew ? ': too few' : c.tooMany ? ': too many' : ''})`,
    );
  return parts.join(', ');
}

/** A sample with no spread: a distribution of one value. */
export function constantDiagnosis(sorted: Float64Array): Diagnosis | undefined {
  return sorted.length > 0 && sorted[0] === sorted[sorted.length - 1]
    ? { code: 'constant', message: 'constant: every value is the same, nothing is drawn at random' }
    : undefined;
}

const closeTo = (a: number, b: number, scale: number): boolean => Math.abs(a - b) <= 1e-3 * scale + 1e-7 * Math.abs(b);

/**
 * The shape a non-normal sample has, named only when it fits (in words without the sample's numbers, which differ from
 * case to case: a diagnosis stays only when every failing case of a part says the same): two values, a uniform or a truncated normal (within the
 * KS bound of that distribution, fitted by the sample's own moments), or heavier tails than a normal. `target` is the
 * normal the part asks for (mean and std), for naming ±σ.
 */
export function shapeDiagnosis(sorted: Float64Array, target: { mean: number; std: number }): Diagnosis | undefined {
  const constant = constantDiagnosis(sorted);
  if (constant) return constant;
  const lo = sorted[0];
  const hi = sorted[sorted.length - 1];
  if (distinctValues(sorted, 3) === 2) {
    const pm = closeTo(lo, target.mean - target.std, target.std) && closeTo(hi, target.mean + target.std, target.std);
    return pm
      ? {
          code: 'two-values',
          message: 'only two values: ±σ, a fixed pattern with the right mean and std, not a sample of a normal',
        }
      : { code: 'two-values', message: 'only two values: a fixed pattern, not a sample of a normal' };
  }
  const m = moments(sorted);
  const own = normalShape(sorted, m.mean, m.std);
  if (own.passed) return undefined;
  const z = (x: number): number => (x - m.mean) / m.std;
  const root3 = Math.sqrt(3);
  const uniform = ksDistance(sorted, (x) => Math.min(1, Math.max(0, (z(x) + root3) / (2 * root3))));
  if (uniform <= own.ksBound) {
    return {
      code: 'uniform',
      message:
        'uniform, not normal: the values fill an interval evenly, with no tails. A uniform with the right std is still not a normal: draw with tf.randomNormal',
    };
  }
  const tooFew = own.tails.find((t) => t.tooFew);
  const reach = Math.max(-z(lo), z(hi));
  const cut = tooFew ? truncationFor(reach) : undefined;
  const cutCdf = cut === undefined ? undefined : truncatedCdf(cut);
  if (tooFew && cut !== undefined && cutCdf && ksDistance(sorted, (x) => cutCdf(z(x))) <= own.ksBound) {
    return {
      code: 'truncated-normal',
      message:
        "a truncated normal: no values beyond a cut where a normal has many (tfjs's truncatedNormal and its initializers cut at ±2σ). Draw with tf.randomNormal",
    };
  }
  // Too many values far out is heavy tails even when a nearer level has too few: a few huge draws inflate the sample's
  // own std, so fewer values clear 2.5 of those σ (a Student-t(3) at 784x32 does this on some seeds). A truncated or
  // uniform sample never has too many far out.
  if (own.tails.some((t) => t.tooMany)) {
    return {
      code: 'heavy-tails',
      message: 'heavier tails than a normal (Student-t-like): too many values far from the mean',
    };
  }
  return undefined;
}
