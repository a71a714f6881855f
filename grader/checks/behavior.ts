// behavior: a predicate from the reference decides (e.g. "the net classifies all four points").
import { bad, combine, ok, referenceError, requireCases, type Verdict } from './result.js';
import { Type } from '@sinclair/typebox';
import type { CaseInput, CheckResult } from '../model/outcome.js';
import { defineCheck, type KindSpec, type CheckContext } from './define.js';

const fields = {
  predicate: Type.String({ minLength: 1, description: 'Name of a function in the reference `behaviors` export.' }),
};
export type BehaviorSpec = KindSpec<'behavior', typeof fields>;

async function check(spec: BehaviorSpec, cases: CaseInput[], ctx: CheckContext): Promise<CheckResult> {
  requireCases(cases, spec.kind);
  const predicate = Object.hasOwn(ctx.behaviors, spec.predicate) ? ctx.behaviors[spec.predicate] : undefined;
  if (typeof predicate !== 'function') {
    throw referenceError(`behavior predicate '${spec.predicate}' is not exported by the reference's behaviors`);
  }
  const verdicts: Verdict[] = [];
  for (const c of cases) {
    let out: { pass: boolean; message: string };
    try {
      out = await predicate(c.actual, c.args);
    } catch (err) {
      // Predicates run on untrusted data; one that trips over a malformed answer (missing key,
      // wrong nesting) is telling us the answer's shape is wrong, not that the grader is broken.
      // A reference that throws on its own answer is caught by preparing the reference, not here.
      verdicts.push(
        bad(
          'wrong-type',
          `your value could not be checked (${(err as Error)?.message ?? String(err)}); check that it has the type the prompt asks for`,
        ),
      );
      continue;
    }
    if (typeof out !== 'object' || out === null || typeof out.pass !== 'boolean' || typeof out.message !== 'string') {
      throw referenceError(`behavior predicate '${spec.predicate}' must return { pass: boolean, message: string }`);
    }
    verdicts.push(
      out.pass
        ? ok(out.message || 'correct', { note: out.message })
        : bad('wrong-value', out.message || 'the required behavior does not hold', { note: out.message }),
    );
  }
  return combine(cases, verdicts);
}

export default defineCheck({
  kind: 'behavior',
  description: 'A predicate in the reference decides (e.g. "classifies all four points").',
  fields,
  answer: false,
  mistakes: 'predicate',
  // The predicate is reference code, which never leaves the course folder: a student kit can only record the value.
  feedback: 'on-submit',
  // Predicates read a tensor as the nested array it holds (quiz-xor's "tensors of those shapes are accepted too").
  form: { tensorsForArrays: true },
  reference: (check, ref) =>
    Object.hasOwn(ref.behaviors, check.predicate) && typeof ref.behaviors[check.predicate] === 'function'
      ? undefined
      : {
          message: `behavior predicate '${check.predicate}' is not in the reference's behaviors`,
          fix: `add behaviors.${check.predicate}`,
        },
  grade: check,
});
