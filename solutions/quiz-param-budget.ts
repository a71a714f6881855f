// quiz-param-budget: your answers. Replace each TODO; run `npx grade quiz-param-budget` to check them.

// TODO: parameter count of 784 → 2048 → 10 (weights and biases).
export const wideParams: number | null = null;

// TODO: parameter count of 784 → 128 ×8 → 10 (weights and biases).
export const deepParams: number | null = null;

// TODO: 'wide' or 'deep'.
export const more: 'wide' | 'deep' | null = null;

// TODO: larger count / smaller count.
export const ratio: number | null = null;

export function countParams(sizes: number[]): number {
  throw new Error('not implemented yet'); // TODO
}
