// Reference for p6: leaky ReLU in a deep net — variance kept, the matching He variance, and activation variances.
import * as tf from '@tensorflow/tfjs';
import type { ReferenceExtras } from '../grader/model/reference.js';

/** Fraction of E[z^2] that leaky ReLU passes for symmetric zero-mean z: half at slope 1, half at slope alpha. */
export function varianceKept(alpha: number): number {
  return (1 + alpha * alpha) / 2;
}

export const heVariance: string = '2 / ((1 + alpha^2) * n_in)';

export const forwardChange: string = 'negligible';

export const negativeSlopeGradient: number = 0.01;

export const deadUnits: boolean = false;

/** h <- leakyRelu(h·W, alpha) per layer; population variance over every entry of the [batch, width] activations after each layer. */
export function leakyVariances(x: tf.Tensor2D, weights: tf.Tensor2D[], alpha: number): number[] {
  return tf.tidy(() => {
    let h: tf.Tensor = x;
    const vars: tf.Tensor[] = [];
    for (const w of weights) {
      h = tf.leakyRelu(tf.matMul(h, w), alpha);
      vars.push(tf.moments(h).variance);
    }
    return Array.from(tf.stack(vars).dataSync());
  });
}

/** Common wrong versions of varianceKept, each named by a hint in exercises/p6.yaml. */
export const mistakes: ReferenceExtras['mistakes'] = {
  alphaNotSquared: (alpha: number) => (1 + alpha) / 2,
  plainReluShare: () => 0.5,
};

/** A unit-variance batch and `depth` square weight matrices of variance wVar, all from fixed non-zero seeds. */
function net(
  t: typeof tf,
  depth: number,
  width: number,
  batch: number,
  wVar: number,
  seed: number,
): [tf.Tensor2D, tf.Tensor2D[]] {
  const x = t.randomNormal([batch, width], 0, 1, 'float32', seed) as tf.Tensor2D;
  const weights = Array.from(
    { length: depth },
    (_, l) => t.randomNormal([width, width], 0, Math.sqrt(wVar), 'float32', seed + 1 + l) as tf.Tensor2D,
  );
  return [x, weights];
}

export const cases: ReferenceExtras['cases'] = {
  // alpha 0 is plain ReLU (1/2), 0.01 the exercise's slope (0.50005), 1 the identity (everything kept).
  varianceKept: () => [0, 0.01, 0.2, 1].map((alpha) => ({ label: `varianceKept(${alpha})`, args: [alpha] })),
  // Width 128, batch 256: 32768 entries per variance, so sampling noise and n vs n-1 are far below the log10
  // tolerance. alpha 0.2 and 1 are the cases that expose an implementation that ignores alpha (plain ReLU):
  // at 0.01 the two differ by only 1.0001x per layer in mean square. Depth 50 is the exercise's own net
  // (~1 s on cpu); the alpha 0.2 Xavier net decays over eight decades, which is why values compare in log10.
  leakyVariances: (t) => [
    {
      label: 'alpha 0.01, leaky-He weights (var 2/(1.0001*128)), depth 50, width 128, batch 256',
      args: [...net(t, 50, 128, 256, 2 / (1.0001 * 128), 701), 0.01],
    },
    {
      label: 'alpha 0.2, ReLU-He weights (var 2/128), depth 30, width 128, batch 256',
      args: [...net(t, 30, 128, 256, 2 / 128, 801), 0.2],
    },
    {
      label: 'alpha 0.2, Xavier weights (var 1/128, too small: about 0.52x per layer), depth 30, width 128, batch 256',
      args: [...net(t, 30, 128, 256, 1 / 128, 851), 0.2],
    },
    {
      label: 'alpha 1 (a linear net), Xavier weights (var 1/128), depth 30, width 128, batch 256',
      args: [...net(t, 30, 128, 256, 1 / 128, 901), 1],
    },
    {
      label: 'alpha 0 (plain ReLU), ReLU-He weights (var 2/16), depth 3, width 16, batch 32',
      args: [...net(t, 3, 16, 32, 2 / 16, 1001), 0],
    },
  ],
};

/** Never in a student kit: other slopes, and leaky nets at other depths, widths, batches and seeds. */
export const hiddenCases: ReferenceExtras['hiddenCases'] = {
  varianceKept: () => [0.1, 0.3, 0.5].map((alpha) => ({ label: `varianceKept(${alpha})`, args: [alpha] })),
  // Below 0.2 the pre-activation variance misses by 0.4+ decades, at 1 plain ReLU by 0.6+, as the spec's `why` says.
  leakyVariances: (t) => [
    {
      label: 'alpha 0.05, leaky-He weights (var 2/(1.0025*48)), depth 8, width 48, batch 64',
      args: [...net(t, 8, 48, 64, 2 / (1.0025 * 48), 711), 0.05],
    },
    {
      label: 'alpha 0.15, ReLU-He weights (var 2/32), depth 6, width 32, batch 64',
      args: [...net(t, 6, 32, 64, 2 / 32, 811), 0.15],
    },
    {
      label: 'alpha 1 (a linear net), ReLU-He weights (var 2/24: the variance doubles), depth 6, width 24, batch 48',
      args: [...net(t, 6, 24, 48, 2 / 24, 911), 1],
    },
  ],
};
