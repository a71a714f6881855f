// Reference for quiz-uat: the instructor's answers (UAT is an existence result, not a generalization guarantee).
export const answer: boolean = false;

export const reasons: string[] = [
  'existence-not-findability',
  'width-can-be-exponential',
  'no-generalization-guarantee',
];
