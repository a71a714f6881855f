// Pure statistics of the statistical kind: the normal CDF, the Kolmogorov–Smirnov distance of a sorted sample, tail
// counts, and bounds on their null distributions that hold at every sample size (DKW, Chernoff), not only asymptotically.

/** erfc with fractional error below 1.2e-7 everywhere (Numerical Recipes' erfcc): far below any bound used here. */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Φ, the standard normal CDF. */
export const normalCdf = (z: number): number => 0.5 * erfc(-z / Math.SQRT2);

/** A sample sorted ascending, in float64: sorted once, then every statistic below is a pass or a binary search. */
export const sortedSample = (data: ArrayLike<number>): Float64Array =>
  Float64Array.from(data as ArrayLike<number>).sort();

/**
 * sup |F_n − F| of a sorted sample against a continuous CDF. Over each value both ends of the empirical CDF's jump are
 * compared, so ties (a tie group's first and last index) give the exact supremum too.
 */
export function ksDistance(sorted: ArrayLike<number>, cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/**
 * Dvoretzky–Kiefer–Wolfowitz with Massart's constant: for n draws of any continuous F, P(D > ε) ≤ 2·exp(−2nε²) at
 * every n. The ε at which that bound is alpha: a KS threshold whose false-failure rate is at most alpha, guaranteed.
 */
export const dkwBound = (n: number, alpha: number): number => Math.sqrt(Math.log(2 / alpha) / (2 * n));

/** KL divergence between Bernoulli(q) and Bernoulli(p), 0 < p < 1. */
function bernoulliKl(q: number, p: number): number {
  const term = (a: number, b: number): number => (a === 0 ? 0 : a * Math.log(a / b));
  return term(q, p) + term(1 - q, 1 - p);
}

/**
 * ln of the Chernoff–Hoeffding bound on the binomial tail on the side of k: P(K ≥ k) ≤ exp(−n·KL(k/n‖p)) for k ≥ np,
 * and P(K ≤ k) likewise for k ≤ np, at every n. 0 (a bound of 1) when k is the mean.
 */
export const binomialTailLog = (k: number, n: number, p: number): number => -n * bernoulliKl(k / n, p);

/** Index of the first value >= x (or > x when `strict`) in a sorted sample. */
function lowerBound(sorted: ArrayLike<number>, x: number, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x || (strict && sorted[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many values lie strictly outside [lo, hi]. */
export const countOutside = (sorted: ArrayLike<number>, lo: number, hi: number): number =>
  lowerBound(sorted, lo, false) + sorted.length - lowerBound(sorted, hi, true);

/** Number of distinct values of a sorted sample, counted up to `cap` (the callers only ask "is it 1 or 2?"). */
export function distinctValues(sorted: ArrayLike<number>, cap: number): number {
  let k = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length && k < cap; i++) if (sorted[i] !== sorted[i - 1]) k++;
  return k;
}

/** Float64 moments of a sample: the population std, as the bounds of the statistical kind assume. */
export function moments(data: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i];
  const mean = sum / data.length;
  let ss = 0;
  for (let i = 0; i < data.length; i++) ss += (data[i] - mean) ** 2;
  return { mean, std: Math.sqrt(ss / data.length) };
}

/** std of a standard normal truncated at ±k, as a fraction of its σ (k = 2: 0.8796, what tfjs's initializers draw). */
export function truncatedStd(k: number): number {
  const mass = 2 * normalCdf(k) - 1;
  return Math.sqrt(1 - (2 * k * Math.exp((-k * k) / 2)) / Math.sqrt(2 * Math.PI) / mass);
}

/** CDF of a normal truncated at ±k and rescaled to std 1: the shape of a "rescaled truncated normal" in std units. */
export function truncatedCdf(k: number): (z: number) => number {
  const s = truncatedStd(k);
  const lo = normalCdf(-k);
  const mass = 2 * normalCdf(k) - 1;
  return (z) => Math.min(1, Math.max(0, (normalCdf(z * s) - lo) / mass));
}

/**
 * The cut k of the truncated normal whose largest value, in its own std units, is `bound` (k/truncatedStd(k) grows from
 * √3, a uniform, as k → 0): searched in [0.5, 8], below which it is a uniform in all but name (and truncatedStd loses
 * precision), above which it is a normal.
 */
export function truncationFor(bound: number): number | undefined {
  const reach = (k: number): number => k / truncatedStd(k);
  if (!(bound > reach(0.5)) || reach(8) < bound) return undefined;
  let lo = 0.5;
  let hi = 8;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (reach(mid) < bound) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
