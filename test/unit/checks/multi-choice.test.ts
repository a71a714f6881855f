import { describe, expect, it } from 'vitest';
import multiChoiceCheck from '../../../grader/checks/multi-choice.js';
import type { CheckOf } from '../../../grader/spec/model.js';
import type { Wire } from '../../../grader/model/wire.js';
import { arr, ctx, num, one, str, strs } from './helpers.js';

/** The kind's grade function, as the registry calls it. */
const multiChoice = multiChoiceCheck.grade;

const correct = ['xavier-init', 'normalize-inputs', 'adaptive-optimizer', 'relu-activation'];
const wrong = ['add-batchnorm', 'add-skip-connections', 'add-layers', 'gradient-clipping', 'smaller-learning-rate'];
// p2: two correct picks and no wrong one earn full credit; each wrong pick costs half the part.
const p2: CheckOf<'multi-choice'> = {
  kind: 'multi-choice',
  options: [...correct, ...wrong].map((id) => ({ id, text: id })),
  required: 2,
  penaltyPerWrong: 0.5,
};
const expected = strs(...correct);

describe('multi-choice (p2 scoring)', () => {
  it.each<[string, Wire, number, string, string]>([
    ['two correct, no wrong', strs('xavier-init', 'relu-activation'), 1, 'passed', 'correct'],
    ['four correct', strs(...correct), 1, 'passed', 'correct'],
    [
      'two correct, one wrong',
      strs('xavier-init', 'relu-activation', 'add-batchnorm'),
      0.5,
      'partial',
      'partial-credit',
    ],
    ['one correct', strs('normalize-inputs'), 0.5, 'partial', 'partial-credit'],
    ['one correct, one wrong', strs('normalize-inputs', 'add-layers'), 0, 'failed', 'wrong-value'],
    ['everything', strs(...correct, ...wrong), 0, 'failed', 'wrong-value'],
    ['nothing', strs(), 0, 'failed', 'wrong-value'],
    ['duplicates count once', strs('xavier-init', 'xavier-init'), 0.5, 'partial', 'partial-credit'],
    ['an unknown id', strs('xavier-init', 'batchnorm'), 0, 'failed', 'invalid-answer'],
    ['a single string', str('xavier-init'), 0, 'failed', 'wrong-type'],
    ['an array with a number', arr(str('xavier-init'), num(1)), 0, 'failed', 'wrong-type'],
  ])('%s', async (_n, actual, fraction, status, reason) => {
    const r = await multiChoice(p2, one(expected, actual), ctx);
    expect(r.fraction).toBeCloseTo(fraction, 12);
    expect(r.status).toBe(status);
    expect(r.reason).toBe(reason);
  });

  it('names only the wrong picks, never the missing correct ones', async () => {
    const r = await multiChoice(p2, one(expected, strs('xavier-init', 'add-batchnorm')), ctx);
    expect(r.message).toContain('add-batchnorm');
    for (const id of correct.slice(1)) expect(r.message).not.toContain(id);
  });

  it('lists the valid ids for unknown picks', async () => {
    const r = await multiChoice(p2, one(expected, strs('batchnorm')), ctx);
    expect(r.message).toContain("'batchnorm'");
    expect(r.message).toContain('smaller-learning-rate');
  });

  it('defaults required to all correct ids (quiz-uat: 3 needed, 0.34 per wrong)', async () => {
    const uat: CheckOf<'multi-choice'> = {
      kind: 'multi-choice',
      options: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, text: id })),
      penaltyPerWrong: 0.34,
    };
    const r = await multiChoice(uat, one(strs('a', 'b', 'c'), strs('a', 'b', 'd')), ctx);
    expect(r.fraction).toBeCloseTo(2 / 3 - 0.34, 12);
    const full = await multiChoice(uat, one(strs('a', 'b', 'c'), strs('c', 'b', 'a')), ctx);
    expect(full.fraction).toBe(1);
  });
});
