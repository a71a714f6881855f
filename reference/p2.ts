// Reference for p2: fixes for a saturating 5-layer sigmoid MLP, a model explanation, and per-layer gradient norms.
import * as tf from '@tensorflow/tfjs';
import type { CaseDef, ReferenceExtras, Tf } from '../grader/model/reference.js';

/** Every correct option; the check asks for any two of them. */
export const fixes: string[] = ['xavier-init', 'normalize-inputs', 'adaptive-optimizer', 'relu-activation'];

export const explanation: string =
  'The sigmoid derivative is at most 0.25, reached at zero input, and backpropagation multiplies the ' +
  'gradient by one such derivative per layer, so after five layers the early weights see a gradient ' +
  'shrunk by roughly 0.25^5 even in the best case; once pre-activations are large the units saturate ' +
  'in the flat tails where the derivative is nearly zero and learning stalls. Xavier (Glorot) ' +
  'initialization picks the weight variance from the fan-in and fan-out so the variance of the ' +
  'pre-activations stays near one from layer to layer, keeping units out of saturation; normalizing ' +
  'the inputs to zero mean and unit variance does the same for the first layer. Switching to ReLU ' +
  'replaces the 0.25 bound by a derivative of 1 on active units, and an adaptive optimizer such as ' +
  'Adam rescales each weight update by its own gradient history, so the small early-layer gradients ' +
  'still produce useful steps.';

/** h <- sigmoid(h·W) through every layer, loss = mean((h_L - y)^2); Frobenius norm of dLoss/dW per layer, first first. */
export function layerGradNorms(weights: tf.Tensor2D[], x: tf.Tensor2D, y: tf.Tensor2D): number[] {
  return tf.tidy(() => {
    const loss = (...ws: tf.Tensor[]) => {
      let h: tf.Tensor = x;
      for (const w of ws) h = tf.sigmoid(tf.matMul(h, w as tf.Tensor2D));
      return tf.mean(tf.squaredDifference(h, y)) as tf.Scalar;
    };
    return tf
      .grads(loss)(weights)
      .map((g) => tf.norm(g).dataSync()[0]);
  });
}

/** The common wrong version of layerGradNorms, named by a hint in exercises/p2.yaml: the summed, not mean, squared error. */
export const mistakes: ReferenceExtras['mistakes'] = {
  sumLoss: (weights: tf.Tensor2D[], x: tf.Tensor2D, y: tf.Tensor2D) =>
    tf.tidy(() => {
      const loss = (...ws: tf.Tensor[]) =>
        tf.sum(
          tf.squaredDifference(
            ws.reduce<tf.Tensor>((h, w) => tf.sigmoid(tf.matMul(h, w as tf.Tensor2D)), x),
            y,
          ),
        ) as tf.Scalar;
      return tf
        .grads(loss)(weights)
        .map((g) => tf.norm(g).dataSync()[0]);
    }),
};

/** Weights from fixed non-zero seeds (seed, seed+1, ...); std per layer from `std(fanIn, fanOut)`. */
const mlpCase = (
  tf: Tf,
  label: string,
  sizes: number[],
  batch: number,
  seed: number,
  std: (fanIn: number, fanOut: number) => number,
): CaseDef => ({
  label,
  args: [
    sizes
      .slice(1)
      .map((fanOut, i) => tf.randomNormal([sizes[i], fanOut], 0, std(sizes[i], fanOut), 'float32', seed + i)),
    tf.randomNormal([batch, sizes[0]], 0, 1, 'float32', seed + 100),
    tf.randomUniform([batch, sizes[sizes.length - 1]], 0, 1, 'float32', seed + 101),
  ],
});

const naive = () => 1;
const xavier = (fanIn: number, fanOut: number) => Math.sqrt(2 / (fanIn + fanOut));

export const cases: ReferenceExtras['cases'] = {
  layerGradNorms: (tf) => [
    mlpCase(tf, 'naive N(0, 1) weights, 32 -> 32x4 -> 4, batch 64 (seed 300)', [32, 32, 32, 32, 32, 4], 64, 300, naive),
    mlpCase(
      tf,
      'Xavier normal weights, 32 -> 32x4 -> 4, batch 64 (seed 310)',
      [32, 32, 32, 32, 32, 4],
      64,
      310,
      xavier,
    ),
    mlpCase(
      tf,
      'Xavier normal weights, 3 layers 10 -> 20 -> 20 -> 3, batch 16 (seed 320)',
      [10, 20, 20, 3],
      16,
      320,
      xavier,
    ),
  ],
};

/** Never in a student kit: other widths, depths, batches and seeds, with the same naive and Xavier weights. */
export const hiddenCases: ReferenceExtras['hiddenCases'] = {
  layerGradNorms: (tf) => [
    mlpCase(tf, 'naive N(0, 1) weights, 16 -> 24x3 -> 2, batch 32 (seed 330)', [16, 24, 24, 24, 2], 32, 330, naive),
    mlpCase(
      tf,
      'Xavier normal weights, 4 layers 8 -> 16 -> 12 -> 16 -> 5, batch 24 (seed 340)',
      [8, 16, 12, 16, 5],
      24,
      340,
      xavier,
    ),
    mlpCase(tf, 'Xavier normal weights, 2 layers 6 -> 10 -> 4, batch 8 (seed 350)', [6, 10, 4], 8, 350, xavier),
  ],
};
