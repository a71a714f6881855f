// quiz-tanh-he: your answers. Replace each TODO; run `npx grade quiz-tanh-he` to check them.

// TODO: the option id of the cause.
export const cause: string | null = null;

// TODO: the option id of the fix.
export const fix: string | null = null;
