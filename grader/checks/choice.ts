// choice: the answer is one option id, compared exactly.
import { suggest } from '../util/errors.js';
import { bad, combine, ok, referenceError, requireCases, whatIs, type Verdict } from './result.js';
import type { CaseInput, CheckResult } from '../model/outcome.js';
import { defineCheck, type KindSpec } from './define.js';
import { OPTION_KIND, Options, picksProblem } from './options.js';

const fields = { options: Options };
export type ChoiceSpec = KindSpec<'choice', typeof fields>;

function check(spec: ChoiceSpec, cases: CaseInput[]): CheckResult {
  requireCases(cases, 'choice');
  const ids = spec.options.map((o) => o.id);
  const verdicts = cases.map((c): Verdict => {
    if (c.expected.t !== 'string' || !ids.includes(c.expected.v)) {
      throw referenceError(
        `choice expected value ${JSON.stringify(c.expected)} is not one of the option ids ${ids.join(', ')}`,
      );
    }
    const a = c.actual;
    if (a.t !== 'string')
      return bad('wrong-type', `expected one option id as a string (one of ${ids.join(', ')}), got ${whatIs(a)}`);
    if (!ids.includes(a.v)) {
      // A near-miss spelling is the usual cause, so name the closest ids first.
      const near = suggest(a.v, ids);
      const hint = near.length > 0 ? `; did you mean ${near.map((s) => `'${s}'`).join(' or ')}?` : '';
      return bad('invalid-answer', `'${a.v}' is not an option; the options are ${ids.join(', ')}${hint}`);
    }
    // The correct id is not named: a quiz answer should not be revealed by resubmitting.
    if (a.v !== c.expected.v) return bad('wrong-value', `'${a.v}' is not the right option`);
    return ok(`'${a.v}' is correct`);
  });
  return combine(cases, verdicts);
}

export default defineCheck({
  kind: 'choice',
  description: 'One option id.',
  fields,
  ...OPTION_KIND,
  wellFormed: (spec, a) =>
    a.t === 'string' ? picksProblem(spec, [a]) : `expected one option id as a string, got ${whatIs(a)}`,
  grade: check,
});
