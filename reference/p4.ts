// Reference for p4: Xavier init in a deep ReLU MLP — answers, and the grader-made Xavier/He nets for activationVariances.
import * as tf from '@tensorflow/tfjs';
import type { ReferenceExtras } from '../grader/model/reference.js';

export const trend: 'grow' | 'shrink' | 'constant' = 'shrink';

export const factorPerLayer: number = 0.5;

export const varianceAfter: number | string = '2^-100';

export const fix: string = '2/n_in';

/** h <- relu(h·W) per layer; population variance over every entry of the [batch, width] activations after each layer. */
export function activationVariances(x: tf.Tensor2D, weights: tf.Tensor2D[]): number[] {
  return tf.tidy(() => {
    let h: tf.Tensor = x;
    const vars: tf.Tensor[] = [];
    for (const w of weights) {
      h = tf.relu(tf.matMul(h, w));
      vars.push(tf.moments(h).variance);
    }
    return Array.from(tf.stack(vars).dataSync());
  });
}

/** The common wrong version of activationVariances, named by a hint in exercises/p4.yaml: read before the ReLU. */
export const mistakes: ReferenceExtras['mistakes'] = {
  varianceBeforeRelu: (x: tf.Tensor2D, weights: tf.Tensor2D[]) =>
    tf.tidy(() => {
      let h: tf.Tensor = x;
      const vars: tf.Tensor[] = [];
      for (const w of weights) {
        const z = tf.matMul(h, w);
        vars.push(tf.moments(z).variance);
        h = tf.relu(z);
      }
      return Array.from(tf.stack(vars).dataSync());
    }),
};

/** A unit-variance batch and `depth` square weight matrices of std sqrt(gain/width), all from fixed non-zero seeds. */
function net(
  t: typeof tf,
  depth: number,
  width: number,
  batch: number,
  gain: number,
  seed: number,
): [tf.Tensor2D, tf.Tensor2D[]] {
  const x = t.randomNormal([batch, width], 0, 1, 'float32', seed) as tf.Tensor2D;
  const std = Math.sqrt(gain / width);
  const weights = Array.from(
    { length: depth },
    (_, l) => t.randomNormal([width, width], 0, std, 'float32', seed + 1 + l) as tf.Tensor2D,
  );
  return [x, weights];
}

export const cases: ReferenceExtras['cases'] = {
  // Depth 30 is deep enough that Xavier's halving (2^-30 ≈ 1e-9) and He's flat line are unmistakable, yet
  // 30 matmuls of [256,128]x[128,128] run in well under a second on the cpu backend. 256x128 = 32768
  // entries per variance, so sampling noise and the n vs n-1 choice are far below the log10 tolerance.
  activationVariances: (t) => [
    { label: 'Xavier (var 1/128), depth 30, width 128, batch 256', args: net(t, 30, 128, 256, 1, 401) },
    { label: 'He (var 2/128), depth 30, width 128, batch 256', args: net(t, 30, 128, 256, 2, 501) },
    {
      label: 'He (var 2/16), depth 3, width 16, batch 32 (small enough to debug by hand)',
      args: net(t, 3, 16, 32, 2, 601),
    },
  ],
};

/** Never in a student kit: the same Xavier and He nets at other depths, widths, batches and seeds (800 to 8192 entries). */
export const hiddenCases: ReferenceExtras['hiddenCases'] = {
  // Seeds picked so the usual mistakes miss by the margins the spec's `why` quotes, as on the public nets (unit test).
  activationVariances: (t) => [
    { label: 'Xavier (var 1/64), depth 12, width 64, batch 128', args: net(t, 12, 64, 128, 1, 421) },
    { label: 'He (var 2/64), depth 12, width 64, batch 128', args: net(t, 12, 64, 128, 2, 551) },
    {
      label: 'He (var 2/20), depth 4, width 20, batch 40 (small enough to debug by hand)',
      args: net(t, 4, 20, 40, 2, 651),
    },
  ],
};
