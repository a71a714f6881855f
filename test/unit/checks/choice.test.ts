import { describe, expect, it } from 'vitest';
import choiceCheck from '../../../grader/checks/choice.js';
import type { CheckOf } from '../../../grader/spec/model.js';
import type { Wire } from '../../../grader/model/wire.js';
import { arr, bool, ctx, nul, num, one, str } from './helpers.js';

/** The kind's grade function, as the registry calls it. */
const choice = choiceCheck.grade;

const spec: CheckOf<'choice'> = {
  kind: 'choice',
  options: ['negligible', 'halves', 'doubles', 'explodes'].map((id) => ({ id, text: id })),
};

describe('choice', () => {
  it.each<[string, Wire, string, string]>([
    ['the right id', str('negligible'), 'passed', 'correct'],
    ['a valid wrong id', str('halves'), 'failed', 'wrong-value'],
    ['an unknown id', str('negligable'), 'failed', 'invalid-answer'],
    ['wrong case', str('Negligible'), 'failed', 'invalid-answer'],
    ['empty string', str(''), 'failed', 'invalid-answer'],
    ['a number', num(1), 'failed', 'wrong-type'],
    ['a boolean', bool(true), 'failed', 'wrong-type'],
    ['null', nul, 'failed', 'wrong-type'],
    ['an array of the right id', arr(str('negligible')), 'failed', 'wrong-type'],
  ])('%s', async (_name, actual, status, reason) => {
    const r = await choice(spec, one(str('negligible'), actual), ctx);
    expect(r.status).toBe(status);
    expect(r.reason).toBe(reason);
    expect(r.fraction).toBe(status === 'passed' ? 1 : 0);
  });

  it('lists the valid ids and suggests the near miss for unknown ids', async () => {
    const r = await choice(spec, one(str('negligible'), str('negligable')), ctx);
    expect(r.message).toContain('negligible, halves, doubles, explodes');
    expect(r.message).toMatch(/did you mean 'negligible'/);
  });

  it('does not reveal the correct id for a wrong pick', async () => {
    const r = await choice(spec, one(str('negligible'), str('halves')), ctx);
    expect(r.message).not.toContain('negligible');
  });

  it('throws (reference bug) when the expected id is not an option', () => {
    expect(() => choice(spec, one(str('nope'), str('halves')), ctx)).toThrow(/option ids/);
  });
});
