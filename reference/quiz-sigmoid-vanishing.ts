// Reference for quiz-sigmoid-vanishing: max σ' = σ(0)(1 − σ(0)) = 1/4, so the best case after k layers is 0.25^k.
import type { ReferenceExtras } from '../grader/model/reference.js';

export function factor(k: number): number {
  return 0.25 ** k;
}

/** 0.25^9 ≈ 3.8e-6 is still above 1e-6; 0.25^10 ≈ 9.5e-7 is the first below. */
export const millionAt: number = 10;

/** The common wrong version of factor, named by a hint in exercises/quiz-sigmoid-vanishing.yaml: σ(0) for σ'(0). */
export const mistakes: ReferenceExtras['mistakes'] = {
  peakIsSigmoid: (k: number) => 0.5 ** k,
};

/** No public case near millionAt: factor(9) and factor(10) would print the crossing of 1e-6 that the quiz asks for. */
export const cases: ReferenceExtras['cases'] = {
  factor: () => [0, 1, 2, 5, 16].map((k) => ({ label: `factor(${k})`, args: [k] })),
};

/** Never in a student kit: other depths, among them the "one in a million" depth and the deepest one. */
export const hiddenCases: ReferenceExtras['hiddenCases'] = {
  factor: () => [8, 10, 20].map((k) => ({ label: `factor(${k})`, args: [k] })),
};
