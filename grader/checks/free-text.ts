// free-text: prose always needs a human; a keyword rubric only suggests a score for the reviewer.
import type { CheckOf } from '../model/spec.js';
import type { Wire } from '../model/wire.js';
import type { CheckFn } from './types.js';
import { bad, combine, referenceError, requireCases, whatIs, type Verdict } from './result.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Word-ish, case-insensitive keyword match: the keyword must start and end on a word boundary,
 * a plural s/es is tolerated, and a trailing '*' makes it a prefix ("saturat*" matches
 * "saturation" and "saturates"). Letters are Unicode-aware so "σ'" or "≤ 0.25" work too.
 */
export function keywordRegExp(keyword: string): RegExp {
  const k = keyword.normalize('NFKC').trim();
  const prefix = k.endsWith('*');
  const body = escape(prefix ? k.slice(0, -1) : k).replace(/\s+/g, '\\s+');
  const tail = prefix ? '' : '(?:e?s)?(?![\\p{L}\\p{N}])';
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}${tail}`, 'iu');
}

export function suggestScore(spec: CheckOf<'free-text'>, text: string): { fraction: number; matched: string[] } {
  const norm = text.normalize('NFKC');
  const total = spec.rubric.reduce((s, r) => s + r.weight, 0);
  if (!(total > 0)) throw referenceError('free-text rubric weights must add up to more than 0');
  const matched = spec.rubric.filter((r) => r.keywords.some((k) => keywordRegExp(k).test(norm)));
  const got = matched.reduce((s, r) => s + r.weight, 0);
  return { fraction: Math.min(1, got / total), matched: matched.map((r) => r.label) };
}

function grade(spec: CheckOf<'free-text'>, actual: Wire): Verdict {
  if (actual.t !== 'string') return bad('wrong-type', `expected your explanation as a string, got ${whatIs(actual)}`);
  const words = actual.v.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (words === 0) return bad('invalid-answer', 'the explanation is empty');
  const minWords = spec.minWords ?? 1;
  if (words < minWords) return bad('invalid-answer', `the explanation has ${words} ${words === 1 ? 'word' : 'words'}; write at least ${minWords}`);
  const { fraction, matched } = suggestScore(spec, actual.v);
  const message = `needs human review; suggested ${Math.round(fraction * 100)}% (matched: ${matched.length > 0 ? matched.join(', ') : 'none'})`;
  return { passed: false, reason: 'needs-review', message, fraction, detail: { note: `${words} words; ${message}` } };
}

export const freeText: CheckFn<'free-text'> = (spec, cases) => {
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
    message: verdicts.length === 1 ? verdicts[0].message : `needs human review; suggested ${Math.round(fraction * 100)}%`,
    cases: base.cases,
  };
};
