// quiz-uat: your answers. Replace each TODO; run `npx grade quiz-uat` to check them.

// TODO: true or false.
export const answer: boolean | null = null;

// TODO: an array of option ids, e.g. ['some-option', 'other-option'].
export const reasons: string[] | null = null;
