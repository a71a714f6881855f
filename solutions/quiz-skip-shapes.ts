// quiz-skip-shapes: your answers. Replace each TODO; run `npx grade quiz-skip-shapes` to check them.

// TODO: the option id of your answer.
export const answer: string | null = null;

// TODO: the option id of your answer.
export const whenShapesDiffer: string | null = null;
