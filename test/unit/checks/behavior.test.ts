import { describe, expect, it } from 'vitest';
import behaviorCheck from '../../../grader/checks/behavior.js';
import type { BehaviorPredicate, CheckContext } from '../../../grader/checks/define.js';
import type { CheckOf } from '../../../grader/spec/model.js';
import { toPlain, type Wire } from '../../../grader/model/wire.js';
import { nul, num, nums, obj, one } from './helpers.js';

/** The kind's grade function, as the registry calls it. */
const behavior = behaviorCheck.grade;

/** quiz-xor: a 2 -> 3 -> 1 ReLU net must put "add" (output > 0) exactly where the signs differ. */
const classifiesXor: BehaviorPredicate = (actual) => {
  const net = toPlain(actual) as { w1: number[][]; b1: number[]; w2: number[]; b2: number };
  const relu = (x: number) => Math.max(0, x);
  const wrong = [
    [1, 1],
    [1, -1],
    [-1, 1],
    [-1, -1],
  ].filter(([x, y]) => {
    const h = [0, 1, 2].map((j) => relu(x * net.w1[0][j] + y * net.w1[1][j] + net.b1[j]));
    const out = h.reduce((s, v, j) => s + v * net.w2[j], net.b2);
    return out > 0 !== (x !== y);
  });
  return {
    pass: wrong.length === 0,
    message: wrong.length === 0 ? 'all four songs classified' : `${wrong.length} of 4 songs misclassified`,
  };
};
const asyncPositive: BehaviorPredicate = async (a) => ({
  pass: a.t === 'number' && a.v > 0,
  message: 'must be positive',
});
const ctx: CheckContext = {
  seed: 1,
  behaviors: { classifiesXor, asyncPositive, broken: () => ({ ok: true }) as never },
};
const spec = (predicate: string): CheckOf<'behavior'> => ({ kind: 'behavior', predicate });

const good = obj({
  w1: { t: 'array', items: [nums(1, -1, 0), nums(-1, 1, 0)] },
  b1: nums(0, 0, 0),
  w2: nums(1, 1, 0),
  b2: num(-0.5),
});
const bad = obj({
  w1: { t: 'array', items: [nums(1, 1, 0), nums(1, 1, 0)] },
  b1: nums(0, 0, 0),
  w2: nums(1, 1, 0),
  b2: num(-0.5),
});

describe('behavior', () => {
  it.each<[string, string, Wire, string]>([
    ['xor net that works', 'classifiesXor', good, 'correct'],
    ['xor net that does not', 'classifiesXor', bad, 'wrong-value'],
    ['predicate throws on a malformed answer', 'classifiesXor', nul, 'wrong-type'],
    ['async predicate passing', 'asyncPositive', num(2), 'correct'],
    ['async predicate failing', 'asyncPositive', num(-2), 'wrong-value'],
  ])('%s', async (_n, predicate, actual, reason) => {
    const r = await behavior(spec(predicate), one(nul, actual), ctx);
    expect(r.reason).toBe(reason);
    expect(r.fraction).toBe(reason === 'correct' ? 1 : 0);
  });

  it("uses the predicate's message", async () => {
    const r = await behavior(spec('classifiesXor'), one(nul, bad), ctx);
    expect(r.message).toBe('3 of 4 songs misclassified');
  });

  it('passes args through', async () => {
    const seen: Wire[][] = [];
    const c: CheckContext = {
      seed: 1,
      behaviors: { spy: (_a, args) => (seen.push(args), { pass: true, message: 'ok' }) },
    };
    await behavior(spec('spy'), [{ label: 'c', args: [num(3)], expected: nul, actual: num(1) }], c);
    expect(seen).toEqual([[num(3)]]);
  });

  it('throws on a missing predicate (grader bug), even one named like an Object method', async () => {
    await expect(behavior(spec('nope'), one(nul, num(1)), ctx)).rejects.toThrow(/nope/);
    await expect(behavior(spec('toString'), one(nul, num(1)), ctx)).rejects.toThrow(/toString/);
  });

  it('throws when the predicate returns a malformed result', async () => {
    await expect(behavior(spec('broken'), one(nul, num(1)), ctx)).rejects.toThrow(/pass: boolean/);
  });
});
