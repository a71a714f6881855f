// Reference for quiz-linear-collapse: without activations, x·w1·w2 = x·(w1·w2), one linear layer.
import * as tf from '@tensorflow/tfjs';
import type { CaseDef, ReferenceExtras } from '../grader/model/reference.js';

export const answer: string = 'collapses-to-one-linear-map';

export function collapse(w1: tf.Tensor2D, w2: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(w1, w2));
}

/** The common wrong version of collapse, named by a hint in exercises/quiz-linear-collapse.yaml. */
export const mistakes: ReferenceExtras['mistakes'] = {
  columnOrder: (w1: tf.Tensor2D, w2: tf.Tensor2D) => tf.matMul(w2, w1),
};

/** w1 [a, b] and w2 [b, a] with a ≠ b: the product in the wrong order, w2·w1, is [b, b] and cannot pass. */
const pair =
  (label: string, a: number, b: number, seed: number): ((t: typeof tf) => CaseDef) =>
  (t) => ({
    label: `${label}: w1 [${a}, ${b}], w2 [${b}, ${a}]`,
    args: [t.randomNormal([a, b], 0, 1, 'float32', seed), t.randomNormal([b, a], 0, 1, 'float32', seed + 1)],
  });

export const cases: ReferenceExtras['cases'] = {
  collapse: (t) => [
    pair('widening hidden layer', 3, 5, 21)(t),
    pair('bottleneck (rank-2 product)', 5, 2, 23)(t),
    pair('scalar in and out', 1, 4, 25)(t),
    pair('larger pair', 6, 9, 27)(t),
  ],
};

/** Never in a student kit: other non-square shapes and seeds. */
export const hiddenCases: ReferenceExtras['hiddenCases'] = {
  collapse: (t) => [
    pair('widening hidden layer', 2, 7, 31)(t),
    pair('bottleneck (rank-1 product)', 4, 1, 33)(t),
    pair('larger pair', 8, 5, 35)(t),
  ],
};
