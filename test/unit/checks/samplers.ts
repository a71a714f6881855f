// Seeded samplers for the statistical kind's tests: correct normals and the wrong distributions students draw instead.
import { mulberry32 } from '../../../grader/util/random.js';

type Sampler = (n: number, std: number, seed: number) => number[];

/** Box–Muller from a seeded PRNG: a correct N(0, std) sampler written by hand. */
export const boxMuller: Sampler = (n, std, seed) => {
  const r = mulberry32(seed);
  return Array.from({ length: n }, () => std * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()));
};

/** Uniform on ±√3·std: the right mean and std, the wrong shape (tf.randomUniform(-a, a) with a = √3·σ). */
export const uniform: Sampler = (n, std, seed) => {
  const r = mulberry32(seed);
  const a = Math.sqrt(3) * std;
  return Array.from({ length: n }, () => -a + 2 * a * r());
};

/** An exact ±std pattern, shifted by the seed: right mean, right std, different tensors per seed. */
export const plusMinus: Sampler = (n, std, seed) => Array.from({ length: n }, (_, i) => ((i + seed) % 2 ? std : -std));

/** Student-t with `df` degrees of freedom, scaled to the given std (df > 2): heavier tails than a normal. */
export const studentT =
  (df: number): Sampler =>
  (n, std, seed) => {
    const z = boxMuller(n * (df + 1), 1, seed);
    const scale = std * Math.sqrt((df - 2) / df);
    return Array.from({ length: n }, (_, i) => {
      let chi2 = 0;
      for (let k = 1; k <= df; k++) chi2 += z[i * (df + 1) + k] ** 2;
      return (scale * z[i * (df + 1)]) / Math.sqrt(chi2 / df);
    });
  };

/** A normal cut at ±2σ of itself, by rejection; `rescaled` divides by 0.8796 so the std is the asked one (Keras's way). */
export const truncated =
  (rescaled: boolean): Sampler =>
  (n, std, seed) => {
    const s = rescaled ? std / 0.87962566103423978 : std;
    const out: number[] = [];
    for (let k = 0; out.length < n; k++)
      for (const x of boxMuller(n, 1, seed * 1000 + k)) if (Math.abs(x) <= 2 && out.length < n) out.push(s * x);
    return out;
  };

/** One value everywhere. */
export const constant: Sampler = (n) => new Array<number>(n).fill(0);
