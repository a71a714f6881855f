// Reference for quiz-500-layers: very deep plain nets fail to optimize (vanishing gradients, degradation), not to generalize.
export const answer: string = 'no-vanishing-gradients-and-degradation';
