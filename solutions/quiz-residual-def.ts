// quiz-residual-def: your answers. Replace each TODO; run `npx grade quiz-residual-def` to check them.

// TODO: true or false.
export const answer: boolean | null = null;
