// Reference for p3: the Jacobian of a residual block, and scalar and matrix pictures of gradient flow through depth.
import * as tf from '@tensorflow/tfjs';
import type { CaseDef, ReferenceExtras, Tf } from '../grader/model/reference.js';

/** J = I + w2 · diag(relu'(w1 · x)) · w1, so J[i][j] = ∂y_i/∂x_j (rows follow the output y). */
export function residualJacobian(x: tf.Tensor1D, w1: tf.Tensor2D, w2: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const n = x.shape[0];
    const h = w1.shape[0];
    const pre = tf.matMul(w1, tf.reshape(x, [n, 1])); // [h, 1]
    const mask = tf.reshape(tf.cast(tf.greater(pre, 0), 'float32'), [1, h]);
    return tf.add(tf.eye(n), tf.matMul(tf.mul(w2, mask), w1)) as tf.Tensor2D;
  });
}

/** Scalar picture, output first: a plain block multiplies the gradient by gain, a residual block by 1 + gain. */
export function gradientNorms(gain: number, depth: number): { plain: number[]; residual: number[] } {
  const plain = [1];
  const residual = [1];
  for (let k = 0; k < depth; k++) {
    plain.push(plain[k] * gain);
    residual.push(residual[k] * (1 + gain));
  }
  return { plain, residual };
}

/**
 * Walk the gradient (a row vector) from the output back: g ← g·J (plain) and g ← g·(I + J) (residual). With
 * J[i][j] = ∂y_i/∂x_j as in residualJacobian, the chain rule ∂L/∂x_j = Σ_i ∂L/∂y_i · J[i][j] is exactly g·J.
 */
export function gradientFlow(jacobians: tf.Tensor3D, grad: tf.Tensor1D): { plain: number[]; residual: number[] } {
  return tf.tidy(() => {
    const [depth, n] = jacobians.shape;
    const eye = tf.eye(n);
    let p = tf.reshape(grad, [1, n]);
    let r = p;
    const start = tf.norm(p).dataSync()[0];
    const plain = [start];
    const residual = [start];
    for (let k = depth - 1; k >= 0; k--) {
      const J = tf.reshape(tf.slice(jacobians, [k, 0, 0], [1, n, n]), [n, n]);
      p = tf.matMul(p, J);
      r = tf.matMul(r, tf.add(eye, J));
      plain.push(tf.norm(p).dataSync()[0]);
      residual.push(tf.norm(r).dataSync()[0]);
    }
    return { plain, residual };
  });
}

export const vanishes: boolean = false;

const block = (tf: Tf, n: number, h: number, seed: number, label: string): CaseDef => ({
  // Seeds are fixed and non-zero; h != n so a Jacobian built with the wrong factor order has the wrong shape.
  label,
  args: [
    tf.randomNormal([n], 0, 1, 'float32', seed),
    tf.randomNormal([h, n], 0, 1, 'float32', seed + 1),
    tf.randomNormal([n, h], 0, 1 / Math.sqrt(h), 'float32', seed + 2),
  ],
});

/** Common wrong versions of the call parts, each named by a hint in exercises/p3.yaml. */
export const mistakes: ReferenceExtras['mistakes'] = {
  /** ∂F/∂x alone: the identity that the skip connection contributes is left out. */
  jacobianWithoutIdentity: (x: tf.Tensor1D, w1: tf.Tensor2D, w2: tf.Tensor2D) =>
    tf.tidy(() => tf.sub(residualJacobian(x, w1, w2), tf.eye(x.shape[0])) as tf.Tensor2D),
  /** The walk with g·Jᵀ and g·(I + J)ᵀ: the column rule ∇x = Jᵀ·∇y applied to a row gradient, a transpose too many. */
  flowWithTranspose: (jacobians: tf.Tensor3D, grad: tf.Tensor1D) => {
    const flipped = tf.tidy(() => tf.transpose(jacobians, [0, 2, 1]) as tf.Tensor3D);
    try {
      return gradientFlow(flipped, grad);
    } finally {
      flipped.dispose();
    }
  },
  /** Both stacks multiplied by the plain gain: the skip path's +1 forgotten. */
  residualWithoutSkip: (gain: number, depth: number) => ({
    plain: gradientNorms(gain, depth).plain,
    residual: gradientNorms(gain, depth).plain,
  }),
};

/** A fixed upper-bidiagonal block: strongly non-normal, so walking with Jᵀ instead of J changes every norm. */
const nonNormal = (tf: Tf, depth: number): tf.Tensor3D => {
  const J = [
    [0.5, 2, 0],
    [0, 0.5, 2],
    [0, 0, 0.5],
  ];
  return tf.tensor3d(Array.from({ length: depth }, () => J));
};

/** n x n lower-bidiagonal: `diag` on the diagonal, `sub` below it (non-normal like the block above, the other way round). */
const lowerBidiagonal = (tf: Tf, depth: number, n: number, diag: number, sub: number): tf.Tensor3D =>
  tf.tensor3d(
    Array.from({ length: depth }, () =>
      Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) => (i === j ? diag : i === j + 1 ? sub : 0)),
      ),
    ),
  );

export const cases: ReferenceExtras['cases'] = {
  residualJacobian: (tf) => [
    block(tf, 3, 5, 101, 'n 3, h 5, random weights (seed 101)'),
    block(tf, 6, 4, 111, 'n 6, h 4: fewer hidden units than inputs (seed 111)'),
    block(tf, 8, 16, 121, 'n 8, h 16, random weights (seed 121)'),
    {
      // x > 0 and w1 < 0 make every pre-activation negative: F is flat there and J is exactly I.
      label: 'n 4, h 3, every hidden unit off: J = I',
      args: [
        tf.tensor1d([0.5, 1, 1.5, 2]),
        tf.neg(tf.abs(tf.randomNormal([3, 4], 0, 1, 'float32', 131))),
        tf.randomNormal([4, 3], 0, 1, 'float32', 132),
      ],
    },
  ],
  gradientNorms: () =>
    [
      [0.1, 4, 'gain 0.1, depth 4 (the worked table)'],
      [0.5, 10, 'gain 0.5, depth 10'],
      [2, 5, 'gain 2, depth 5: the plain stack explodes'],
      [0, 3, 'gain 0: the plain gradient is gone after one block'],
      [0.9, 50, 'gain 0.9, depth 50'],
    ].map(([gain, depth, label]) => ({ label: label as string, args: [gain, depth] })),
  gradientFlow: (tf) => [
    {
      // The setting of the lecture's gradient-flow code: block Jacobians with entries N(0, 0.7/n), so a plain block
      // has gain about sqrt(0.7). Its numpy draws are iid, so their orientation does not change the statistics.
      label: 'depth 50, n 64, entries N(0, 0.7/n) (seeds 41, 42)',
      args: [
        tf.randomNormal([50, 64, 64], 0, Math.sqrt(0.7 / 64), 'float32', 41),
        tf.randomNormal([64], 0, 1, 'float32', 42),
      ],
    },
    {
      label: 'depth 6, n 8, entries N(0, 0.7/n) (seeds 71, 72)',
      args: [
        tf.randomNormal([6, 8, 8], 0, Math.sqrt(0.7 / 8), 'float32', 71),
        tf.randomNormal([8], 0, 1, 'float32', 72),
      ],
    },
    {
      label: 'depth 4 of a fixed non-normal 3x3 block, gradient e1 (J and its transpose give very different norms)',
      args: [nonNormal(tf, 4), tf.tensor1d([1, 0, 0])],
    },
    {
      label: 'depth 1, n 5: a single step (seeds 81, 82)',
      args: [
        tf.randomNormal([1, 5, 5], 0, Math.sqrt(0.7 / 5), 'float32', 81),
        tf.randomNormal([5], 0, 1, 'float32', 82),
      ],
    },
  ],
};

/** Never in a student kit: the same kinds of blocks, tables and stacks from other seeds and values. */
export const hiddenCases: ReferenceExtras['hiddenCases'] = {
  residualJacobian: (tf) => [
    block(tf, 5, 7, 141, 'n 5, h 7, random weights (seed 141)'),
    block(tf, 7, 3, 151, 'n 7, h 3: fewer hidden units than inputs (seed 151)'),
    {
      // x > 0 and w1 > 0 make every pre-activation positive: every unit is on and J = I + w2 · w1.
      label: 'n 3, h 4, every hidden unit on: the ReLU passes everything (seeds 161, 162)',
      args: [
        tf.tensor1d([0.25, 0.75, 1.25]),
        tf.abs(tf.randomNormal([4, 3], 0, 1, 'float32', 161)),
        tf.randomNormal([3, 4], 0, 0.5, 'float32', 162),
      ],
    },
  ],
  gradientNorms: () =>
    [
      [0.3, 7, 'gain 0.3, depth 7'],
      [1, 8, 'gain 1: the plain gradient stays 1, the residual one doubles per block'],
      [0.05, 1, 'gain 0.05, depth 1: a single block'],
    ].map(([gain, depth, label]) => ({ label: label as string, args: [gain, depth] })),
  gradientFlow: (tf) => [
    {
      label: 'depth 20, n 16, entries N(0, 0.7/n) (seeds 91, 92)',
      args: [
        tf.randomNormal([20, 16, 16], 0, Math.sqrt(0.7 / 16), 'float32', 91),
        tf.randomNormal([16], 0, 1, 'float32', 92),
      ],
    },
    {
      label: 'depth 5 of a fixed non-normal 4x4 block, gradient 2·e4 (J and its transpose give very different norms)',
      args: [lowerBidiagonal(tf, 5, 4, 0.4, 1.5), tf.tensor1d([0, 0, 0, 2])],
    },
    {
      label: 'depth 2, n 6, entries N(0, 1.5/n) (seeds 95, 96)',
      args: [
        tf.randomNormal([2, 6, 6], 0, Math.sqrt(1.5 / 6), 'float32', 95),
        tf.randomNormal([6], 0, 1, 'float32', 96),
      ],
    },
  ],
};
