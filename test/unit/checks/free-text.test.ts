import { describe, expect, it } from 'vitest';
import freeTextCheck, { keywordRegExp } from '../../../grader/checks/free-text.js';
import type { CheckOf } from '../../../grader/spec/model.js';
import type { Wire } from '../../../grader/model/wire.js';
import { ctx, nul, num, one, str, strs } from './helpers.js';

/** The kind's grade function, as the registry calls it. */
const freeText = freeTextCheck.grade;

const spec: CheckOf<'free-text'> = {
  kind: 'free-text',
  minWords: 5,
  rubric: [
    { label: 'saturation', keywords: ['saturat*', 'flat region'], weight: 2 },
    { label: "σ' ≤ 0.25", keywords: ['0.25', '1/4', 'quarter'], weight: 1 },
    { label: 'variance', keywords: ['variance'], weight: 1 },
  ],
};
const expected = str('reference explanation');

describe('free-text', () => {
  it.each<[string, Wire, string, string, number]>([
    [
      'all rubric items',
      str('Sigmoids saturate, the derivative is at most 0.25, and the variance shrinks per layer.'),
      'needs-review',
      'needs-review',
      1,
    ],
    [
      'two items',
      str('The units saturate so gradients die; variance matters here.'),
      'needs-review',
      'needs-review',
      0.75,
    ],
    ['nothing matched', str('The network is just too deep to train well.'), 'needs-review', 'needs-review', 0],
    [
      'case-insensitive, plural',
      str('SATURATION and Variances explain why it fails'),
      'needs-review',
      'needs-review',
      0.75,
    ],
    [
      'no partial-word match',
      str('the covariance is unrelated to this answer here'),
      'needs-review',
      'needs-review',
      0,
    ],
    ['too short', str('saturation and variance'), 'failed', 'invalid-answer', 0],
    ['empty', str('   '), 'failed', 'invalid-answer', 0],
    ['punctuation only', str('... ... ... ... ...'), 'failed', 'invalid-answer', 0],
    ['not a string', num(1), 'failed', 'wrong-type', 0],
    ['an array of strings', strs('saturation'), 'failed', 'wrong-type', 0],
    ['null', nul, 'failed', 'wrong-type', 0],
  ])('%s', async (_n, actual, status, reason, fraction) => {
    const r = await freeText(spec, one(expected, actual), ctx);
    expect(r.status).toBe(status);
    expect(r.reason).toBe(reason);
    expect(r.fraction).toBeCloseTo(fraction, 12);
  });

  it('states the suggestion and the matched items', async () => {
    const r = await freeText(
      spec,
      one(expected, str('The units saturate so gradients die; variance matters here.')),
      ctx,
    );
    expect(r.message).toBe('needs human review; suggested 75% (matched: saturation, variance)');
  });

  it.each<[string, string, boolean]>([
    ['variance', 'the variance shrinks', true],
    ['variance', 'variances shrink', true],
    ['variance', 'covariance', false],
    ['saturat*', 'saturation', true],
    ['saturat*', 'oversaturated', false],
    ['flat region', 'a flat   region', true],
    ['0.25', "σ' ≤ 0.25.", true],
    ['1/4', 'at most 1/4', true],
    ['he', 'here', false],
  ])('keyword %j in %j: %s', (k, text, match) => {
    expect(keywordRegExp(k).test(text)).toBe(match);
  });
});
