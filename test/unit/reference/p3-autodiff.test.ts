// p3 reference derived independently by tfjs autodiff: the hand Jacobian against vector-Jacobian products, and the
// gradientFlow walk against the true backpropagated gradients of real residual and plain chains built from the same blocks.
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import * as ref from '../../../reference/p3.js';

type Flow = { plain: number[]; residual: number[] };
type Block = { w1: tf.Tensor2D; w2: tf.Tensor2D };

const DEPTH = 6;
const N = 5;
const H = 7;

/** F(x) = w2 · relu(w1 · x) on a rank-1 x (the matrix-vector convention of the first part). */
const F = (b: Block, x: tf.Tensor): tf.Tensor1D =>
  tf.reshape(tf.matMul(b.w2, tf.relu(tf.matMul(b.w1, tf.reshape(x, [N, 1])))), [N]) as tf.Tensor1D;
const residualStep = (b: Block, x: tf.Tensor): tf.Tensor1D => tf.add(x, F(b, x)) as tf.Tensor1D;

/** Seeded blocks; w2 is scaled so the plain chain shrinks and the residual chain grows, as in the lecture's picture. */
const blocks: Block[] = [];
let gOut: tf.Tensor1D;
let x0: tf.Tensor1D;

beforeAll(async () => {
  await tf.setBackend('cpu');
  for (let k = 0; k < DEPTH; k++) {
    blocks.push({
      w1: tf.randomNormal([H, N], 0, 1, 'float32', 300 + 2 * k),
      w2: tf.randomNormal([N, H], 0, 0.7 / Math.sqrt(H), 'float32', 301 + 2 * k),
    });
  }
  x0 = tf.randomNormal([N], 0, 1, 'float32', 350);
  gOut = tf.randomNormal([N], 0, 1, 'float32', 351);
});

const norm = (t: tf.Tensor) => tf.norm(t).dataSync()[0];
const relClose = (a: number, e: number, rtol: number) => Math.abs(a - e) <= rtol * Math.abs(e);

/** The activations h_0 … h_DEPTH of a chain, and ‖∂L/∂h_k‖ by tf.grad for L = ⟨gOut, h_DEPTH⟩, output first. */
function chain(step: (b: Block, x: tf.Tensor) => tf.Tensor1D): { hs: tf.Tensor1D[]; gradNorms: number[] } {
  const hs = [x0];
  for (const b of blocks) hs.push(step(b, hs[hs.length - 1]));
  const fromK = (k: number) => (v: tf.Tensor) => {
    let h = v;
    for (let j = k; j < DEPTH; j++) h = step(blocks[j], h);
    return tf.sum(tf.mul(h, gOut));
  };
  const gradNorms = [norm(gOut)];
  for (let k = DEPTH - 1; k >= 0; k--) gradNorms.push(norm(tf.grad(fromK(k))(hs[k])));
  return { hs, gradNorms };
}

/** Each block's Jacobian of F at its own input, from the reference's residualJacobian (which is I + ∂F/∂x). */
const blockJacobians = (hs: tf.Tensor1D[]): tf.Tensor3D =>
  tf.stack(blocks.map((b, k) => tf.sub(ref.residualJacobian(hs[k], b.w1, b.w2), tf.eye(N)))) as tf.Tensor3D;

describe('p3 residualJacobian against autodiff', () => {
  it('a row gradient times J is the vector-Jacobian product tf.grad computes (g·J, not g·Jᵀ)', () => {
    for (const [k, b] of blocks.entries()) {
      const x = tf.randomNormal([N], 0, 1, 'float32', 360 + k) as tf.Tensor1D;
      const g = tf.randomNormal([N], 0, 1, 'float32', 370 + k) as tf.Tensor1D;
      const J = ref.residualJacobian(x, b.w1, b.w2);
      const vjp = tf
        .grad((v: tf.Tensor) => residualStep(b, v))(x, g)
        .dataSync();
      const gJ = tf.matMul(tf.reshape(g, [1, N]), J).dataSync();
      const gJt = tf.matMul(tf.reshape(g, [1, N]), J, false, true).dataSync();
      for (let j = 0; j < N; j++)
        expect(Math.abs(gJ[j] - vjp[j]), `block ${k}, entry ${j}`).toBeLessThan(1e-5 * (1 + Math.abs(vjp[j])));
      // The blocks are not symmetric, so the transposed product is measurably different.
      expect(Math.max(...Array.from(gJt, (v, j) => Math.abs(v - vjp[j]))), `block ${k}`).toBeGreaterThan(1e-2);
    }
  });
});

describe('p3 gradientFlow against backpropagation through real chains', () => {
  it('the residual norms are ‖∂L/∂h_k‖ of the chain h ← h + F(h), output first', () => {
    const { hs, gradNorms } = chain(residualStep);
    const flow: Flow = ref.gradientFlow(blockJacobians(hs), gOut);
    expect(flow.residual.length).toBe(DEPTH + 1);
    flow.residual.forEach((v, m) =>
      expect(relClose(v, gradNorms[m], 1e-4), `step ${m}: ${v} vs ${gradNorms[m]}`).toBe(true),
    );
  });

  it('the plain norms are ‖∂L/∂h_k‖ of the chain h ← F(h) on the same blocks', () => {
    const { hs, gradNorms } = chain(F);
    const flow: Flow = ref.gradientFlow(blockJacobians(hs), gOut);
    expect(flow.plain.length).toBe(DEPTH + 1);
    flow.plain.forEach((v, m) =>
      expect(relClose(v, gradNorms[m], 1e-4), `step ${m}: ${v} vs ${gradNorms[m]}`).toBe(true),
    );
  });

  it('the flowWithTranspose mistake disagrees with backpropagation on both chains', () => {
    const res = chain(residualStep);
    const plain = chain(F);
    const wrongRes = ref.mistakes!.flowWithTranspose(blockJacobians(res.hs) as never, gOut as never) as Flow;
    const wrongPlain = ref.mistakes!.flowWithTranspose(blockJacobians(plain.hs) as never, gOut as never) as Flow;
    expect(wrongRes.residual.some((v, m) => !relClose(v, res.gradNorms[m], 1e-2))).toBe(true);
    expect(wrongPlain.plain.some((v, m) => !relClose(v, plain.gradNorms[m], 1e-2))).toBe(true);
  });
});
