// batchnorm reference derived independently: tfjs's own BatchNormalization layer in training mode gives the same
// outputs on every grader case, and the same input gradient (tf.grad through both) for a random upstream gradient.
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import * as ref from '../../../reference/batchnorm.js';
import { allCases } from '../../helpers/reference-spec.js';

type Args = [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, number];

/** A tf.layers BatchNormalization over the last axis with the case's gamma, beta and eps, applied in training mode. */
function layerOf(gamma: tf.Tensor1D, beta: tf.Tensor1D, eps: number): (z: tf.Tensor) => tf.Tensor {
  const f = gamma.shape[0];
  const layer = tf.layers.batchNormalization({ axis: -1, epsilon: eps });
  layer.build([null, f]);
  layer.setWeights([gamma, beta, tf.zeros([f]), tf.ones([f])]);
  return (z) => layer.apply(z, { training: true }) as tf.Tensor;
}

/** Worst |a - e| - (atol + rtol |e|): > 0 means a float32 tensor check would fail. */
function excess(a: ArrayLike<number>, e: ArrayLike<number>, rtol: number, atol: number): number {
  expect(a.length).toBe(e.length);
  let worst = -Infinity;
  for (let i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(a[i] - e[i]) - (atol + rtol * Math.abs(e[i])));
  return worst;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('batchnorm against tf.layers.batchNormalization (training mode)', () => {
  it('gives the same outputs on every public and hidden case, 10x inside the float32 tolerance', () => {
    const cases = allCases(ref as never, 'batchNorm', tf);
    expect(cases.length).toBeGreaterThanOrEqual(4);
    for (const c of cases) {
      const [z, gamma, beta, eps] = c.args as Args;
      const want = layerOf(gamma, beta, eps)(z);
      const got = ref.batchNorm(z, gamma, beta, eps);
      expect(got.shape, c.label).toEqual(want.shape);
      expect(excess(got.dataSync(), want.dataSync(), 1e-5, 1e-6), c.label).toBeLessThanOrEqual(0);
    }
  });

  it('has the same input gradient for a random upstream gradient (every case with eps > 0, constant features included)', () => {
    const withEps = allCases(ref as never, 'batchNorm', tf).filter((c) => (c.args as Args)[3] > 0);
    expect(withEps.length).toBeGreaterThanOrEqual(3);
    for (const c of withEps) {
      const [z, gamma, beta, eps] = c.args as Args;
      const up = tf.randomNormal(z.shape, 0, 1, 'float32', 7);
      const viaRef = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(ref.batchNorm(v as tf.Tensor2D, gamma, beta, eps), up)))(
        z,
      );
      const bn = layerOf(gamma, beta, eps);
      const viaLayer = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(bn(v), up)))(z);
      // Gradients are of order gamma/std; compare with an absolute floor scaled to the largest entry.
      const scale = Math.max(...Array.from(viaLayer.abs().dataSync()));
      expect(excess(viaRef.dataSync(), viaLayer.dataSync(), 1e-3, 1e-4 * scale), c.label).toBeLessThanOrEqual(0);
    }
  });

  it('the four worked values normalize to [-1, -1, 1, 1] in the layer too (mean 4, biased variance 4)', () => {
    const z = tf.tensor2d([[2], [2], [6], [6]]);
    const out = layerOf(tf.ones([1]) as tf.Tensor1D, tf.zeros([1]) as tf.Tensor1D, 0)(z).dataSync();
    Array.from(out).forEach((v, i) => expect(v).toBeCloseTo([-1, -1, 1, 1][i], 6));
    expect(ref.batchMean).toBe(4);
    expect(ref.batchVar).toBe(4);
  });
});
