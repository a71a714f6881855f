// The option list that choice and multi-choice share: its schema, the rule that ids are unique, and how `show` lists it.
import { Type } from '@sinclair/typebox';
import type { RuleProblem } from './define.js';

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
    new Set(check.options.map((o) => o.id)).size === check.options.length ? [] : [{ path: 'check.options', message: 'option ids repeat', fix: 'give every option a unique id' }],
  show: (check: { options: { id: string; text: string }[] }): string[] => check.options.map((o) => `'${o.id}': ${o.text}`),
} as const;
