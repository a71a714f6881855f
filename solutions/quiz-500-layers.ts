// quiz-500-layers: your answers. Replace each TODO; run `npx grade quiz-500-layers` to check them.

// TODO: the option id of your answer.
export const answer: string | null = null;
