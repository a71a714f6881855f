import { describe, expect, it } from 'vitest';
import booleanCheck from '../../../grader/checks/boolean.js';
import type { Wire } from '../../../grader/model/wire.js';
import { bool, ctx, num, one, str, undef } from './helpers.js';

/** The kind's grade function, as the registry calls it. */
const boolean = booleanCheck.grade;

describe('boolean', () => {
  it.each<[string, Wire, Wire, string]>([
    ['false = false', bool(false), bool(false), 'correct'],
    ['true = true', bool(true), bool(true), 'correct'],
    ['true vs false', bool(false), bool(true), 'wrong-value'],
    ["the string 'false'", bool(false), str('false'), 'wrong-type'],
    ['0', bool(false), num(0), 'wrong-type'],
    ['undefined', bool(false), undef, 'wrong-type'],
  ])('%s', async (_n, expected, actual, reason) => {
    const r = await boolean({ kind: 'boolean' }, one(expected, actual), ctx);
    expect(r.reason).toBe(reason);
    expect(r.fraction).toBe(reason === 'correct' ? 1 : 0);
  });

  it('tells the student to drop the quotes', async () => {
    const r = await boolean({ kind: 'boolean' }, one(bool(false), str('false')), ctx);
    expect(r.message).toMatch(/without quotes/);
  });

  it('throws on a non-boolean expected value (reference bug)', () => {
    expect(() => boolean({ kind: 'boolean' }, one(str('false'), bool(false)), ctx)).toThrow();
  });
});
