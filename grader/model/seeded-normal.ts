// Seeded normal draws, bit for bit tf.randomNormal's: a kit regenerates large public inputs from their seed.
import seedrandom from 'seedrandom';

/** How a reference's `tf.randomNormal(shape, mean, stdDev, 'float32', seed)` input was made (float32, seed != 0). */
export interface NormalRecipe {
  shape: number[];
  mean: number;
  stdDev: number;
  seed: number;
}

/**
 * tfjs-core's MPRandGauss (Marsaglia's polar method on seedrandom's alea, seeded with the seed's string), as
 * tf.randomNormal uses it: the same library, the same arithmetic in doubles, stored into a Float32Array. A release
 * compares its output with the reference's tensor before trusting it (bundle/kit-spec.ts), so a tfjs that draws
 * differently only makes the kit bigger, never different.
 */
export function seededNormal({ shape, mean, stdDev, seed }: NormalRecipe): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(size);
  const random = seedrandom.alea(seed.toString());
  let i = 0;
  while (i < size) {
    let v1: number, v2: number, s: number;
    do {
      v1 = 2 * random() - 1;
      v2 = 2 * random() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s === 0);
    const mul = Math.sqrt((-2.0 * Math.log(s)) / s);
    out[i++] = mean + stdDev * v1 * mul;
    if (i < size) out[i++] = mean + stdDev * v2 * mul;
  }
  return out;
}
