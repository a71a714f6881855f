// Error figures under a case: a log10 check's error in decades with the factor it means, never a relative error of logs.
import { describe, expect, it } from 'vitest';
import { errorFacts } from '../../../grader/report/part-details.js';

describe('errorFacts', () => {
  it.each<[string, Parameters<typeof errorFacts>[0], string[]]>([
    [
      'plain',
      { label: 'c', passed: false, tolerance: 'rtol 1e-4, atol 1e-5', maxAbsError: 0.0312, maxRelError: 0.5 },
      ['tolerance rtol 1e-4, atol 1e-5', 'max abs error 0.0312', 'max rel error 0.500'],
    ],
    [
      'log10',
      { label: 'c', passed: false, tolerance: 'log10: rtol 0, atol 1e-3 decades', maxAbsError: 2.06, maxRelError: 116 },
      ['tolerance log10: rtol 0, atol 1e-3 decades', 'max log10 error 2.06 decades (a factor of 115)'],
    ],
    [
      'log10, huge',
      { label: 'c', passed: false, tolerance: 'log10: rtol 0, atol 1e-3 decades', maxAbsError: 9 },
      ['tolerance log10: rtol 0, atol 1e-3 decades', 'max log10 error 9.00 decades (a factor of 1.00e+9)'],
    ],
  ])('%s', (_name, c, want) => {
    expect(errorFacts(c)).toEqual(want);
  });
});
