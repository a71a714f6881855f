// Reference for he-init: the instructor's answers (same exports as the student contract) and grader-made cases.
import * as tf from '@tensorflow/tfjs';
import type { CaseDef, ReferenceExtras } from '../grader/model/reference.js';

export const std: number | string = Math.sqrt(2 / 128);

export function heStd(fanIn: number): number {
  return Math.sqrt(2 / fanIn);
}

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, heStd(fanIn), 'float32', seed) as tf.Tensor2D;
}

/** The common wrong version of heStd, named by a hint in exercises/he-init.yaml. */
export const mistakes: ReferenceExtras['mistakes'] = {
  xavierStd: (fanIn: number) => Math.sqrt(1 / fanIn),
};

const normalTarget = (fanIn: number, fanOut: number, seed: number): CaseDef => ({
  label: `heNormal(${fanIn}, ${fanOut}, seed ${seed})`,
  args: [fanIn, fanOut, seed],
  expected: { mean: 0, std: heStd(fanIn), shape: [fanIn, fanOut] },
});

export const cases: ReferenceExtras['cases'] = {
  // No public case at fan-in 128: its output (and heNormal's printed target std) would be the answer of `std`; nor at
  // 64, where the Xavier mistake's value printed beside the case is sqrt(1/64), that same answer.
  heStd: () => [1, 3, 50, 72, 784, 4096].map((n) => ({ label: `heStd(${n})`, args: [n] })),
  // 162x51 = 8262 samples: the std bound (5 standard errors, ~4% of sigma) is far tighter than the
  // 29% gap to the Xavier std 1/sqrt(fanIn); equal seeds must repeat, the third seed must differ.
  heNormal: () => [
    normalTarget(162, 51, 7),
    normalTarget(162, 51, 7),
    normalTarget(162, 51, 8),
    normalTarget(784, 32, 11),
  ],
};

/**
 * Never in a student kit: other fan-ins and seeds, with the same repeat-and-differ pattern for heNormal. The exercise's
 * own fan-in 128 is graded here only: a public case there would print the answer of `std`.
 */
export const hiddenCases: ReferenceExtras['hiddenCases'] = {
  heStd: () => [2, 128, 1000].map((n) => ({ label: `heStd(${n})`, args: [n] })),
  // 128x64 = 8192 samples, as tight as the public cases; seed 13 must repeat, seed 14 must differ.
  heNormal: () => [normalTarget(128, 64, 13), normalTarget(128, 64, 13), normalTarget(128, 64, 14)],
};
