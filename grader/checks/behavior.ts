// behavior: a predicate from the reference decides (e.g. "the net classifies all four points").
import type { CheckFn } from './types.js';
import { bad, combine, ok, referenceError, requireCases, type Verdict } from './result.js';

export const behavior: CheckFn<'behavior'> = async (spec, cases, ctx) => {
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
      verdicts.push(bad('wrong-type', `your value could not be checked (${(err as Error)?.message ?? String(err)}); check that it has the type the prompt asks for`));
      continue;
    }
    if (typeof out !== 'object' || out === null || typeof out.pass !== 'boolean' || typeof out.message !== 'string') {
      throw referenceError(`behavior predicate '${spec.predicate}' must return { pass: boolean, message: string }`);
    }
    verdicts.push(out.pass ? ok(out.message || 'correct', { note: out.message }) : bad('wrong-value', out.message || 'the required behavior does not hold', { note: out.message }));
  }
  return combine(cases, verdicts);
};
