// Reference for quiz-skip-shapes: the residual sum needs equal shapes; a projection shortcut fixes a width change.
export const answer: string = 'same-shape';

export const whenShapesDiffer: string = 'projection-shortcut';
