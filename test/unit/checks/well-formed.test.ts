// Each kind's form check (a student kit's on-submit parts): what is an answer of the right form, what is not and why.
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../../grader/checks/registry.js';
import type { Wire } from '../../../grader/model/wire.js';
import { arr, bool, num, nums, obj, str, strs, tensor } from './helpers.js';

const OPTIONS = {
  options: [
    { id: 'a', text: 'first' },
    { id: 'b', text: 'second' },
    { id: 'c', text: 'third' },
  ],
};

/** [kind, check fields, value, undefined (well-formed) or a fragment of the problem]. */
const TABLE: [string, Record<string, unknown>, Wire, string | undefined][] = [
  ['choice', OPTIONS, str('b'), undefined],
  ['choice', OPTIONS, str('d'), "'d' is not an option; the options are a, b, c"],
  ['choice', OPTIONS, strs('a'), 'expected one option id as a string'],
  ['choice', OPTIONS, num(1), 'expected one option id as a string'],
  ['multi-choice', { ...OPTIONS, penaltyPerWrong: 0.5 }, strs('a', 'c'), undefined],
  ['multi-choice', { ...OPTIONS, penaltyPerWrong: 0.5 }, strs('a', 'a'), 'an option is picked twice'],
  ['multi-choice', { ...OPTIONS, penaltyPerWrong: 0.5 }, strs('a', 'z'), "'z' is not an option"],
  ['multi-choice', { ...OPTIONS, penaltyPerWrong: 0.5 }, arr(), 'expected a non-empty array of option ids'],
  ['multi-choice', { ...OPTIONS, penaltyPerWrong: 0.5 }, str('a'), 'expected a non-empty array of option ids'],
  ['boolean', {}, bool(false), undefined],
  ['boolean', {}, str('false'), 'expected true or false'],
  ['numeric', {}, num(0.125), undefined],
  ['numeric', {}, str('1/sqrt(64)'), undefined],
  ['numeric', {}, obj({ plain: nums(1, 0.5), residual: nums(1, 1.5) }), undefined],
  ['numeric', {}, num(Number.NaN), 'an answer is a finite number'],
  ['numeric', {}, nums(1, Infinity), 'an answer is a finite number'],
  ['numeric', {}, str('one half'), 'could not read'],
  ['numeric', {}, tensor([2], [1, 2]), 'return plain numbers'],
  ['expression', { variables: { n: { min: 1, max: 100 } } }, str('2/n'), undefined],
  ['expression', { variables: { n: { min: 1, max: 100 } } }, str('2/m'), 'cannot be used'],
  ['expression', { variables: { n: { min: 1, max: 100 } } }, num(2), 'expected a mathjs expression string'],
  ['free-text', {}, str('Because the skip path adds the identity.'), undefined],
  ['free-text', {}, str('   '), 'the answer is empty'],
  ['tensor', {}, tensor([2, 2], [1, 0, 0, 1]), undefined],
  ['tensor', {}, nums(1, 0), 'expected a tf.Tensor'],
  ['statistical', {}, tensor([3], [0.1, -0.2, 0.3]), undefined],
];

describe('wellFormed: the form of an answer, never its value', () => {
  it.each(TABLE)('%s %j: %j', (kind, fields, value, problem) => {
    const k = CHECKS.byKind(kind);
    const got = k.wellFormed?.({ kind, ...fields } as never, value);
    if (problem === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(problem);
  });

  it('every kind whose default is on-submit has a form check, except behavior (any value but null and undefined)', () => {
    const onSubmit = CHECKS.names.filter((n) => {
      const f = CHECKS.byKind(n).feedback;
      return f === 'on-submit' || (typeof f === 'object' && f.value === 'on-submit');
    });
    expect(onSubmit.filter((n) => !CHECKS.byKind(n).wellFormed)).toEqual(['behavior']);
  });
});
