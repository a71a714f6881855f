// free-text: prose always needs a human; a keyword rubric only suggests a score for the reviewer.
import type { Wire } from '../model/wire.js';
import { bad, combine, referenceError, requireCases, whatIs, type Verdict } from './result.js';
import { Type } from '@sinclair/typebox';
import type { CaseInput, CheckResult } from '../model/outcome.js';
import { defineCheck, type KindSpec } from './define.js';

const fields = {
  minWords: Type.Optional(Type.Integer({ minimum: 0 })),
  rubric: Type.Array(
    Type.Object(
      {
        label: Type.String(),
        keywords: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
        weight: Type.Number({ exclusiveMinimum: 0 }),
      },
      { additionalProperties: false },
    ),
    { minItems: 1 },
  ),
};
export type FreeTextSpec = KindSpec<'free-text', typeof fields>;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Word-ish, case-insensitive keyword match: the keyword must start and end on a word boundary,
 * a plural s/es is tolerated, and a trailing '*' makes it a prefix ("saturat*" matches
 * "saturation" and "saturates"). Letters are Unicode-aware so "σ'" or "≤ 0.25" work too.
 */
export function keywordRegExp(keyword: string): RegExp {
  const k = keyword.normalize('NFKC').trim();
  const prefix = k.endsWith('*');
  const body = escapeRegExp(prefix ? k.slice(0, -1) : k).replace(/\s+/g, '\\s+');
  const tail = prefix ? '' : '(?:e?s)?(?![\\p{L}\\p{N}])';
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}${tail}`, 'iu');
}

export function suggestScore(spec: FreeTextSpec, text: string): { fraction: number; matched: string[] } {
  const norm = text.normalize('NFKC');
  const total = spec.rubric.reduce((s, r) => s + r.weight, 0);
  if (!(total > 0)) throw referenceError('free-text rubric weights must add up to more than 0');
  const matched = spec.rubric.filter((r) => r.keywords.some((k) => keywordRegExp(k).test(norm)));
  const got = matched.reduce((s, r) => s + r.weight, 0);
  return { fraction: Math.min(1, got / total), matched: matched.map((r) => r.label) };
}

function grade(spec: FreeTextSpec, actual: Wire): Verdict {
  if (actual.t !== 'string') return bad('wrong-type', `expected your explanation as a string, got ${whatIs(actual)}`);
  const words = actual.v.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (words === 0) return bad('invalid-answer', 'the explanation is empty');
  const minWords = spec.minWords ?? 1;
  if (words < minWords)
    return bad(
      'invalid-answer',
      `the explanation has ${words} ${words === 1 ? 'word' : 'words'}; write at least ${minWords}`,
    );
  const { fraction, matched } = suggestScore(spec, actual.v);
  const message = `needs human review; suggested ${Math.round(fraction * 100)}% (matched: ${matched.length > 0 ? matched.join(', ') : 'none'})`;
  return { passed: false, reason: 'needs-review', message, fraction, detail: { note: `${words} words; ${message}` } };
}

function check(spec: FreeTextSpec, cases: CaseInput[]): CheckResult {
  requireCases(cases, spec.kind);
  const verdicts = cases.map((c) => grade(spec, c.actual));
  const base = combine(cases, verdicts);
  // A failing case (wrong type, too short) decides the part; otherwise the part awaits a human.
  if (verdicts.some((v) => v.reason !== 'needs-review')) return base;
  const fraction = Math.min(...verdicts.map((v) => v.fraction ?? 0));
  return {
    fraction,
    status: 'needs-review',
    reason: 'needs-review',
    message:
      verdicts.length === 1 ? verdicts[0].message : `needs human review; suggested ${Math.round(fraction * 100)}%`,
    cases: base.cases,
  };
}

export default defineCheck({
  kind: 'free-text',
  description: 'Prose: needs human review; a keyword rubric suggests a score.',
  fields,
  answer: true,
  feedback: 'on-submit',
  wellFormed: (_spec, a) =>
    a.t === 'string' && a.v.trim() !== ''
      ? undefined
      : a.t === 'string'
        ? 'the answer is empty'
        : `expected your answer as a string, got ${whatIs(a)}`,
  grade: check,
});
