// multi-choice: a set of option ids; credit for correct picks up to `required`, minus a penalty per wrong pick.
import type { Wire } from '../model/wire.js';
import { bad, clamp01, combine, ok, referenceError, requireCases, whatIs, type Verdict } from './result.js';
import { Type } from '@sinclair/typebox';
import type { CaseInput, CheckResult } from '../model/outcome.js';
import { defineCheck, type KindSpec } from './define.js';
import { OPTION_KIND, Options, picksProblem } from './options.js';

const fields = {
  options: Options,
  required: Type.Optional(
    Type.Integer({ minimum: 1, description: 'Correct picks needed for full credit (default: all).' }),
  ),
  penaltyPerWrong: Type.Number({ minimum: 0, maximum: 1, description: 'Fraction of the part lost per wrong pick.' }),
};
export type MultiChoiceSpec = KindSpec<'multi-choice', typeof fields>;

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

function stringsOf(w: Wire): string[] | null {
  if (w.t !== 'array') return null;
  const out: string[] = [];
  for (const item of w.items) {
    if (item?.t !== 'string') return null;
    out.push(item.v);
  }
  return out;
}

function grade(spec: MultiChoiceSpec, expected: Wire, actual: Wire): Verdict {
  const ids = spec.options.map((o) => o.id);
  const correct = stringsOf(expected);
  if (!correct || correct.length === 0 || correct.some((id) => !ids.includes(id))) {
    throw referenceError(`multi-choice expected value must be a non-empty array of option ids (${ids.join(', ')})`);
  }
  const picks = stringsOf(actual);
  if (!picks)
    return bad('wrong-type', `expected an array of option id strings, e.g. ['${ids[0]}'], got ${whatIs(actual)}`);
  const unique = [...new Set(picks)]; // a duplicate pick is the same pick: no double credit, no double penalty
  const unknown = unique.filter((p) => !ids.includes(p));
  if (unknown.length > 0) {
    return bad(
      'invalid-answer',
      `${unknown.map((u) => `'${u}'`).join(', ')} ${unknown.length === 1 ? 'is not an option' : 'are not options'}; the options are ${ids.join(', ')}`,
    );
  }
  const required = spec.required ?? correct.length;
  const right = unique.filter((p) => correct.includes(p)).length;
  const wrong = unique.filter((p) => !correct.includes(p));
  const fraction = clamp01(Math.min(right, required) / required - spec.penaltyPerWrong * wrong.length);
  // Name only the wrong picks: naming the missing correct ones would give the answer away.
  const rightPart = `${Math.min(right, required)} of the ${required} correct picks needed`;
  const wrongPart =
    wrong.length === 0
      ? 'no wrong picks'
      : `wrong ${wrong.length === 1 ? 'pick' : 'picks'}: ${wrong.join(', ')} (each costs ${pct(spec.penaltyPerWrong)})`;
  const detail = { note: `credit ${pct(fraction)}` };
  if (fraction >= 1) return ok(`correct (${rightPart})`, detail);
  if (unique.length === 0) return { ...bad('wrong-value', 'you picked no option', detail), fraction: 0 };
  return { ...bad('wrong-value', `${rightPart}; ${wrongPart}; credit ${pct(fraction)}`, detail), fraction };
}

function check(spec: MultiChoiceSpec, cases: CaseInput[]): CheckResult {
  requireCases(cases, spec.kind);
  return combine(
    cases,
    cases.map((c) => grade(spec, c.expected, c.actual)),
  );
}

export default defineCheck({
  kind: 'multi-choice',
  description: 'A set of option ids, with partial credit.',
  fields,
  ...OPTION_KIND,
  // A hint names a wrong pick (or several): it is for every answer that includes them.
  hintMatches: (_check, answer, actual) => {
    const picks = stringsOf(actual);
    const named = answer.t === 'string' ? [answer.v] : stringsOf(answer);
    return !!picks && !!named && named.length > 0 && named.every((n) => picks.includes(n));
  },
  wellFormed: (spec, a) =>
    a.t === 'array' && a.items.length > 0
      ? picksProblem(spec, a.items)
      : `expected a non-empty array of option ids, got ${whatIs(a)}`,
  grade: check,
});
