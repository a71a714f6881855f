// boolean: the answer is true or false, as a real boolean rather than a string or number.
import { bad, combine, ok, referenceError, requireCases, whatIs, type Verdict } from './result.js';
import type { CaseInput, CheckResult } from '../model/outcome.js';
import { defineCheck, type KindSpec } from './define.js';

const fields = {};
export type BooleanSpec = KindSpec<'boolean', typeof fields>;

function check(spec: BooleanSpec, cases: CaseInput[]): CheckResult {
  requireCases(cases, spec.kind);
  const verdicts = cases.map((c): Verdict => {
    if (c.expected.t !== 'boolean')
      throw referenceError(`boolean check expected value is ${c.expected.t}, not a boolean`);
    const a = c.actual;
    if (a.t !== 'boolean') {
      // 'false' in quotes is truthy in JS: name the fix explicitly, it is the common slip.
      const lower = a.t === 'string' ? a.v.trim().toLowerCase() : '';
      const hint = lower === 'true' || lower === 'false' ? `; write ${lower} without quotes` : '';
      return bad('wrong-type', `expected true or false, got ${whatIs(a)}${hint}`);
    }
    if (a.v !== c.expected.v) return bad('wrong-value', `expected ${c.expected.v}, got ${a.v}`);
    return ok();
  });
  return combine(cases, verdicts);
}

export default defineCheck({
  kind: 'boolean',
  description: 'true or false.',
  fields,
  answer: true,
  hintsByAnswer: true,
  feedback: 'on-submit',
  wellFormed: (_spec, a) => (a.t === 'boolean' ? undefined : `expected true or false, got ${whatIs(a)}`),
  grade: check,
});
