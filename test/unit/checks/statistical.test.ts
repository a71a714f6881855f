import { describe, expect, it } from 'vitest';
import statisticalCheck from '../../../grader/checks/statistical.js';
import { mulberry32 } from '../../../grader/checks/expression.js';
import type { CheckOf } from '../../../grader/spec/model.js';
import type { CaseInput } from '../../../grader/model/outcome.js';
import type { Wire } from '../../../grader/model/wire.js';
import { ctx, num, nums, obj, tensor } from './helpers.js';

/** The kind's grade function, as the registry calls it. */
const statistical = statisticalCheck.grade;

const spec: CheckOf<'statistical'> = { kind: 'statistical', sigmas: 5, repeatable: true };

/** N(0, std) samples via Box-Muller from a seeded PRNG, like tf.randomNormal with a seed. */
function normal(n: number, std: number, seed: number): number[] {
  const r = mulberry32(seed);
  return Array.from({ length: n }, () => std * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()));
}
const target = (fanIn: number, fanOut: number): Wire => obj({ mean: num(0), std: num(Math.sqrt(2 / fanIn)), shape: nums(fanIn, fanOut) });
const heCase = (fanIn: number, fanOut: number, seed: number, actual: Wire): CaseInput => ({
  label: `heNormal(${fanIn}, ${fanOut}, seed ${seed})`,
  args: [num(fanIn), num(fanOut), num(seed)],
  expected: target(fanIn, fanOut),
  actual,
});
const he = (fanIn: number, fanOut: number, seed: number, std = Math.sqrt(2 / fanIn)): Wire => tensor([fanIn, fanOut], normal(fanIn * fanOut, std, seed));

describe('statistical (he-init heNormal)', () => {
  it.each<[string, CaseInput[], string]>([
    ['He samples, repeatable', [heCase(128, 64, 7, he(128, 64, 7)), heCase(128, 64, 7, he(128, 64, 7)), heCase(128, 64, 8, he(128, 64, 8)), heCase(784, 32, 11, he(784, 32, 11))], 'correct'],
    ['Xavier std is caught', [heCase(128, 64, 7, he(128, 64, 7, Math.sqrt(1 / 128)))], 'wrong-value'],
    ['shifted mean is caught', [heCase(128, 64, 7, tensor([128, 64], normal(8192, 0.125, 7).map((x) => x + 0.02)))], 'wrong-value'],
    ['wrong shape', [heCase(128, 64, 7, he(64, 128, 7))], 'wrong-shape'],
    ['NaN inside', [heCase(2, 4, 7, tensor([2, 4], [0, 1, NaN, 1, 0, 1, 1, 0]))], 'not-finite'],
    ['not a tensor', [heCase(2, 2, 7, nums(1, 2, 3, 4))], 'wrong-type'],
    ['same seed, different tensors', [heCase(128, 64, 7, he(128, 64, 7)), heCase(128, 64, 7, he(128, 64, 99))], 'wrong-value'],
    ['different seeds, same tensor', [heCase(128, 64, 7, he(128, 64, 7)), heCase(128, 64, 8, he(128, 64, 7))], 'wrong-value'],
  ])('%s', async (_n, cases, reason) => {
    const r = await statistical(spec, cases, ctx);
    expect(r.reason).toBe(reason);
    expect(r.fraction).toBe(reason === 'correct' ? 1 : 0);
  });

  it('ignores seeds when not repeatable', async () => {
    const r = await statistical({ kind: 'statistical', sigmas: 5 }, [heCase(128, 64, 7, he(128, 64, 7)), heCase(128, 64, 7, he(128, 64, 99))], ctx);
    expect(r.reason).toBe('correct');
  });

  it('explains the seed failures', async () => {
    const same = await statistical(spec, [heCase(128, 64, 7, he(128, 64, 7)), heCase(128, 64, 7, he(128, 64, 99))], ctx);
    expect(same.message).toMatch(/same seed gave different tensors/);
    const diff = await statistical(spec, [heCase(128, 64, 7, he(128, 64, 7)), heCase(128, 64, 8, he(128, 64, 7))], ctx);
    expect(diff.message).toMatch(/different seeds gave the same tensor: is the seed passed to the random op\?/);
    expect(diff.cases!.map((c) => c.passed)).toEqual([true, false]);
  });

  it('gives sample moments, targets and bounds in the message', async () => {
    const r = await statistical(spec, [heCase(128, 64, 7, he(128, 64, 7, Math.sqrt(1 / 128)))], ctx);
    expect(r.message).toMatch(/sample std 0\.08\d+ \(target 0\.125 ± 0\.00488\d*\)/);
    expect(r.message).toMatch(/over 8192 values at 5 standard errors/);
  });

  it('uses the population std: the bound is exact at its edge', async () => {
    // Values ±s have population std exactly s; shift the std just inside and just outside its bound.
    const n = 10000;
    const bound = (5 * 1) / Math.sqrt(2 * n);
    const exp = obj({ mean: num(0), std: num(1) });
    const mk = (s: number): CaseInput[] => [{ label: 'x', args: [], expected: exp, actual: { t: 'tensor', shape: [n], dtype: 'float32', data: new Float32Array(Array.from({ length: n }, (_, i) => (i % 2 ? s : -s))) } }];
    expect((await statistical(spec, mk(1 + bound * 0.99), ctx)).reason).toBe('correct');
    expect((await statistical(spec, mk(1 + bound * 1.01), ctx)).reason).toBe('wrong-value');
  });

  it('throws on a malformed target (reference bug)', () => {
    expect(() => statistical(spec, [{ label: 'x', args: [], expected: num(1), actual: tensor([2], [1, 2]) }], ctx)).toThrow(/mean/);
  });
});
