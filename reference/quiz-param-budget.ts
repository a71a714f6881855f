// Reference for quiz-param-budget: dense-layer parameter counts (weights fanIn*fanOut plus fanOut biases per layer).
import type { ReferenceExtras } from '../grader/model/reference.js';

export function countParams(sizes: number[]): number {
  let total = 0;
  for (let i = 1; i < sizes.length; i++) total += sizes[i - 1] * sizes[i] + sizes[i];
  return total;
}

/** The common wrong version of countParams, named by a hint in exercises/quiz-param-budget.yaml. */
export const mistakes: ReferenceExtras['mistakes'] = {
  weightsOnly: (sizes: number[]) => sizes.slice(1).reduce((total, n, i) => total + sizes[i] * n, 0),
};

/** 784 → eight hidden layers of 128 → 10. */
const DEEP = [784, ...Array.from({ length: 8 }, () => 128), 10];

export const wideParams: number = countParams([784, 2048, 10]); // 1,628,170
export const deepParams: number = countParams(DEEP); // 217,354
export const more: 'wide' | 'deep' = 'wide';
export const ratio: number = wideParams / deepParams; // ≈ 7.49

export const cases: ReferenceExtras['cases'] = {
  // Not the quiz's own two nets: a public case's expected value ships in the student kit, and theirs are the answers
  // of wideParams and deepParams (graded on submission). They are hidden cases below.
  countParams: () => [
    { label: 'three hidden layers 784→256×3→10', args: [[784, 256, 256, 256, 10]] },
    { label: 'one hidden layer 784→768→10', args: [[784, 768, 10]] },
    { label: 'tiny 2→3→1 (13 by hand)', args: [[2, 3, 1]] },
  ],
};

/** Never in a student kit: other stacks of the same kinds. */
export const hiddenCases: ReferenceExtras['hiddenCases'] = {
  countParams: () => [
    { label: 'wide quiz net 784→2048→10', args: [[784, 2048, 10]] },
    { label: 'deep quiz net 784→128×8→10', args: [DEEP] },
    { label: 'one hidden layer 784→512→10', args: [[784, 512, 10]] },
    { label: 'four hidden layers 784→64×4→10', args: [[784, 64, 64, 64, 64, 10]] },
    { label: 'tiny 3→5→4→2 (54 by hand)', args: [[3, 5, 4, 2]] },
  ],
};
