// The option list that choice and multi-choice share: its schema, the rule that ids are unique, and how `show` lists it.
import { Type } from '@sinclair/typebox';
import type { RuleProblem } from './define.js';
import type { Wire } from '../model/wire.js';
import { whatIs } from './result.js';

const Option = Type.Object(
  { id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }), text: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);

export const Options = Type.Array(Option, { minItems: 2 });

/**
 * What every kind answered with option ids shares: the ids are the answer (never shown, checked on submission), they
 * must be unique, and `grade show` lists the options.
 */
export const OPTION_KIND = {
  answer: true,
  feedback: 'on-submit',
  hintsByAnswer: true,
  rules: (check: { options: { id: string }[] }): RuleProblem[] =>
    new Set(check.options.map((o) => o.id)).size === check.options.length
      ? []
      : [{ path: 'check.options', message: 'option ids repeat', fix: 'give every option a unique id' }],
  kitFields: ['options'],
  show: (check: { options: { id: string; text: string }[] }): string[] =>
    check.options.map((o) => `'${o.id}': ${o.text}`),
} as const;

/** A student kit's check of picks: each an existing option id, none twice (never whether they are the right ones). */
export function picksProblem(check: { options: { id: string }[] }, picks: Wire[]): string | undefined {
  const ids = check.options.map((o) => o.id);
  for (const p of picks) {
    if (p.t !== 'string') return `expected option ids as strings (${ids.join(', ')}), got ${whatIs(p)}`;
    if (!ids.includes(p.v)) return `'${p.v}' is not an option; the options are ${ids.join(', ')}`;
  }
  return new Set(picks.map((p) => (p as { v: string }).v)).size === picks.length
    ? undefined
    : 'an option is picked twice';
}
