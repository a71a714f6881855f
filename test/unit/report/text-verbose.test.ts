// The text view's -v: every case the report holds, passing ones marked, never "… and N more"; type errors with their
// file:line:col under the exercise.
import { describe, expect, it } from 'vitest';
import { renderText } from '../../../grader/report/text.js';
import { palette } from '../../../grader/report/palette.js';
import { sampleReport } from './sample-report.js';

const plain = palette(false);

function withCases() {
  const r = sampleReport();
  const part = r.exercises[0].parts.find((p) => p.status === 'failed' && p.visibility === 'visible')!;
  part.cases = Array.from({ length: 6 }, (_, i) => ({ label: `case number ${i}`, passed: i === 5, actual: String(i) }));
  return r;
}

describe('text report -v', () => {
  it('without -v: three failing cases and a count of the rest', () => {
    const text = renderText(withCases(), plain);
    expect(text).toContain('… and 2 more failing cases');
    expect(text).not.toContain('case number 3');
    expect(text).not.toContain('case number 5');
  });

  it('with -v: every case, passing ones marked', () => {
    const text = renderText(withCases(), plain, { verbose: true });
    expect(text).not.toContain('more failing cases');
    for (let i = 0; i < 5; i++) expect(text).toContain(`case ✗ case number ${i}`);
    expect(text).toContain('case ✓ case number 5');
  });

  it('shows type errors with their location', () => {
    const r = sampleReport();
    r.exercises[0].typeErrors = [
      {
        file: 'he-init.ts',
        line: 6,
        col: 14,
        code: 2322,
        message: "Type 'number' is not assignable to type 'string'.",
        part: 'x',
      },
    ];
    expect(renderText(r, plain)).toContain(
      "type error he-init.ts:6:14 TS2322 Type 'number' is not assignable to type 'string'.",
    );
  });
});
