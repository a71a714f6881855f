// quiz-xor: your answers. Replace each TODO; run `npx grade quiz-xor` to check them.

// TODO: the option id of your answer.
export const answer: string | null = null;

// TODO: w1 is 2 rows of 3 numbers, b1 and w2 have 3 numbers each, b2 is one number.
export const xorNet: { w1: number[][]; b1: number[]; w2: number[]; b2: number } | null = null;
