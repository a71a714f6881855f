// Reference for quiz-tanh-he: He's factor 2 over-scales a tanh net (which does not halve variance); Xavier is the match.
export const cause: string = 'variance-too-large';

export const fix: string = 'xavier';
