// Reference for p5: Telgarsky's depth separation — the tent map built from ReLUs, its k-fold sawtooth, and the counts.
import * as tf from '@tensorflow/tfjs';
import type { ReferenceExtras } from '../grader/model/reference.js';

/** Units a depth-k net needs to match the depth-2k sawtooth. */
export function shallowUnits(k: number): number {
  return 2 ** k;
}

/** T(x) = 2x on [0, 1/2], 2 - 2x on (1/2, 1], as two ReLUs: the kink at 1/2 turns slope +2 into -2. */
export function tent(x: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => tf.sub(tf.mul(2, tf.relu(x)), tf.mul(4, tf.relu(tf.sub(x, 0.5)))) as tf.Tensor1D);
}

/** T composed k times: 2^(k-1) teeth, 2^k linear pieces on [0, 1]. */
export function sawtooth(x: tf.Tensor1D, k: number): tf.Tensor1D {
  return tf.tidy(() => {
    let y: tf.Tensor1D = x;
    for (let i = 0; i < k; i++) y = tent(y);
    // k = 0 would hand back the caller's own tensor; a copy keeps the tidy from owning (or the caller from disposing) it twice.
    return y === x ? tf.clone(x) : y;
  });
}

export function countPieces(k: number): number {
  return 2 ** k;
}

export const argument: string = 'depth-exponentially-efficient';

/** The tent at half height: slopes ±1, peak 1/2, the slip of writing the kink without the factor 2. */
const halfTent = (x: tf.Tensor1D): tf.Tensor1D =>
  tf.tidy(() => tf.sub(tf.relu(x), tf.mul(2, tf.relu(tf.sub(x, 0.5)))) as tf.Tensor1D);

/** Common wrong versions of the call parts, each named by a hint in exercises/p5.yaml. */
export const mistakes: ReferenceExtras['mistakes'] = {
  countsTeeth: (k: number) => 2 ** (k - 1),
  countsLinearly: (k: number) => 2 * k,
  sawtoothOfHalfTent: (x: tf.Tensor1D, k: number) =>
    tf.tidy(() => {
      let y: tf.Tensor1D = x;
      for (let i = 0; i < k; i++) y = halfTent(y);
      return y === x ? tf.clone(x) : y;
    }),
};

// Every op of the tent (x2, x - 0.5, 2 - 2u) is exact in float32 on [0, 1], so the k-fold sawtooth is bit-exact
// on any grid; the dyadic 513-point grid (spacing 1/512) puts every knot of the k <= 5 sawtooth on a grid point,
// and the 1001-point grid adds non-dyadic points. Alternative correct forms (where, abs) stay within 1e-5.
const grid = (t: typeof tf, n: number) => t.linspace(0, 1, n) as tf.Tensor1D;

export const cases: ReferenceExtras['cases'] = {
  shallowUnits: () => [1, 5, 10, 20].map((k) => ({ label: `shallowUnits(${k})`, args: [k] })),
  tent: (t) => [
    {
      label: 'tent at 0, 0.25, 0.5, 0.75, 1 (the ends, the peak and the midpoints of both slopes)',
      args: [t.tensor1d([0, 0.25, 0.5, 0.75, 1])],
    },
    { label: 'tent on 1001 evenly spaced points of [0, 1]', args: [grid(t, 1001)] },
  ],
  sawtooth: (t) => [
    ...[1, 2, 3, 5].map((k) => ({
      label: `sawtooth(x, ${k}) on 513 points of [0, 1] (spacing 1/512)`,
      args: [grid(t, 513), k],
    })),
    { label: 'sawtooth(x, 3) on 1001 points of [0, 1] (not dyadic)', args: [grid(t, 1001), 3] },
  ],
  countPieces: () => Array.from({ length: 10 }, (_, i) => ({ label: `countPieces(${i + 1})`, args: [i + 1] })),
};

/** Never in a student kit: other k, other landmark points, cell midpoints, a grid of the k = 5 knots, seeded random points. */
export const hiddenCases: ReferenceExtras['hiddenCases'] = {
  shallowUnits: () => [3, 7, 9].map((k) => ({ label: `shallowUnits(${k})`, args: [k] })),
  tent: (t) => [
    {
      label: 'tent at 1/8, 3/8, 1/2, 5/8, 7/8 (the peak and points on both slopes)',
      args: [t.tensor1d([0.125, 0.375, 0.5, 0.625, 0.875])],
    },
    { label: 'tent at 200 random points of [0, 1] (seed 53)', args: [t.randomUniform([200], 0, 1, 'float32', 53)] },
  ],
  sawtooth: (t) => [
    {
      label: 'sawtooth(x, 4) at the 128 cell midpoints of [0, 1] (spacing 1/128)',
      args: [t.linspace(1 / 256, 255 / 256, 128), 4],
    },
    { label: 'sawtooth(x, 5) on 33 points of [0, 1] (spacing 1/32: exactly its knots)', args: [grid(t, 33), 5] },
    {
      label: 'sawtooth(x, 2) at 300 random points of [0, 1] (seed 57)',
      args: [t.randomUniform([300], 0, 1, 'float32', 57), 2],
    },
  ],
  countPieces: () => [22, 25, 27].map((k) => ({ label: `countPieces(${k})`, args: [k] })),
};
