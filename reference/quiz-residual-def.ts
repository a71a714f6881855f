// Reference for quiz-residual-def: h_{l+1} = h_l + F(h_l) is the definition of a residual block.
export const answer: boolean = true;
