// Reference for quiz-sigmoid-vanishing: max σ' = σ(0)(1 − σ(0)) = 1/4, so the best case after k layers is 0.25^k.
import type { ReferenceExtras } from '../grader/model/reference.js';

export function factor(k: number): number {
  return Math.pow(0.25, k);
}

/** 0.25^9 ≈ 3.8e-6 is still above 1e-6; 0.25^10 ≈ 9.5e-7 is the first below. */
export const millionAt: number = 10;

/** The common wrong version of factor, named by a hint in exercises/quiz-sigmoid-vanishing.yaml: σ(0) for σ'(0). */
export const mistakes: ReferenceExtras['mistakes'] = {
  peakIsSigmoid: (k: number) => Math.pow(0.5, k),
};

export const cases: ReferenceExtras['cases'] = {
  factor: () => [0, 1, 2, 10, 20].map((k) => ({ label: `factor(${k})`, args: [k] })),
};

/** Never in a student kit: other depths. */
export const hiddenCases: ReferenceExtras['hiddenCases'] = {
  factor: () => [6, 8, 15].map((k) => ({ label: `factor(${k})`, args: [k] })),
};
