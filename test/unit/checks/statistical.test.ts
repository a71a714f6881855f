import { describe, expect, it } from 'vitest';
import statisticalCheck from '../../../grader/checks/statistical.js';
import { mulberry32 } from '../../../grader/checks/expression.js';
import type { CheckOf } from '../../../grader/spec/model.js';
import type { CaseInput } from '../../../grader/model/outcome.js';
import type { Wire } from '../../../grader/model/wire.js';
import { ctx, num, nums, obj, tensor } from './helpers.js';
import { constant, plusMinus, studentT, truncated, uniform } from './samplers.js';

/** The kind's grade function, as the registry calls it. */
const statistical = statisticalCheck.grade;

const spec: CheckOf<'statistical'> = { kind: 'statistical', sigmas: 5, repeatable: true };

/** N(0, std) samples via Box-Muller from a seeded PRNG, like tf.randomNormal with a seed. */
function normal(n: number, std: number, seed: number): number[] {
  const r = mulberry32(seed);
  return Array.from({ length: n }, () => std * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()));
}
const target = (fanIn: number, fanOut: number): Wire =>
  obj({ mean: num(0), std: num(Math.sqrt(2 / fanIn)), shape: nums(fanIn, fanOut) });
const heCase = (fanIn: number, fanOut: number, seed: number, actual: Wire): CaseInput => ({
  label: `heNormal(${fanIn}, ${fanOut}, seed ${seed})`,
  args: [num(fanIn), num(fanOut), num(seed)],
  expected: target(fanIn, fanOut),
  actual,
});
const he = (fanIn: number, fanOut: number, seed: number, std = Math.sqrt(2 / fanIn)): Wire =>
  tensor([fanIn, fanOut], normal(fanIn * fanOut, std, seed));

describe('statistical (he-init heNormal)', () => {
  it.each<[string, CaseInput[], string]>([
    [
      'He samples, repeatable',
      [
        heCase(128, 64, 7, he(128, 64, 7)),
        heCase(128, 64, 7, he(128, 64, 7)),
        heCase(128, 64, 8, he(128, 64, 8)),
        heCase(784, 32, 11, he(784, 32, 11)),
      ],
      'correct',
    ],
    ['Xavier std is caught', [heCase(128, 64, 7, he(128, 64, 7, Math.sqrt(1 / 128)))], 'wrong-value'],
    [
      'shifted mean is caught',
      [
        heCase(
          128,
          64,
          7,
          tensor(
            [128, 64],
            normal(8192, 0.125, 7).map((x) => x + 0.02),
          ),
        ),
      ],
      'wrong-value',
    ],
    ['wrong shape', [heCase(128, 64, 7, he(64, 128, 7))], 'wrong-shape'],
    ['NaN inside', [heCase(2, 4, 7, tensor([2, 4], [0, 1, NaN, 1, 0, 1, 1, 0]))], 'not-finite'],
    ['not a tensor', [heCase(2, 2, 7, nums(1, 2, 3, 4))], 'wrong-type'],
    [
      'same seed, different tensors',
      [heCase(128, 64, 7, he(128, 64, 7)), heCase(128, 64, 7, he(128, 64, 99))],
      'wrong-value',
    ],
    [
      'different seeds, same tensor',
      [heCase(128, 64, 7, he(128, 64, 7)), heCase(128, 64, 8, he(128, 64, 7))],
      'wrong-value',
    ],
  ])('%s', async (_n, cases, reason) => {
    const r = await statistical(spec, cases, ctx);
    expect(r.reason).toBe(reason);
    expect(r.fraction).toBe(reason === 'correct' ? 1 : 0);
  });

  it('ignores seeds when not repeatable', async () => {
    const r = await statistical(
      { kind: 'statistical', sigmas: 5 },
      [heCase(128, 64, 7, he(128, 64, 7)), heCase(128, 64, 7, he(128, 64, 99))],
      ctx,
    );
    expect(r.reason).toBe('correct');
  });

  it('explains the seed failures', async () => {
    const same = await statistical(
      spec,
      [heCase(128, 64, 7, he(128, 64, 7)), heCase(128, 64, 7, he(128, 64, 99))],
      ctx,
    );
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
    // A normal sample standardized exactly (population mean 0, std 1), then scaled: its population std is exactly s.
    // (An exact ±s pattern has that std too, but it is no normal sample: the shape test rejects it, see below.)
    const n = 10000;
    const bound = (5 * 1) / Math.sqrt(2 * n);
    const exp = obj({ mean: num(0), std: num(1) });
    const z = normal(n, 1, 3);
    const zm = z.reduce((t, v) => t + v, 0) / n;
    const zs = Math.sqrt(z.reduce((t, v) => t + (v - zm) ** 2, 0) / n);
    const mk = (s: number): CaseInput[] => [
      {
        label: 'x',
        args: [],
        expected: exp,
        actual: { t: 'tensor', shape: [n], dtype: 'float32', data: Float32Array.from(z, (v) => ((v - zm) / zs) * s) },
      },
    ];
    expect((await statistical(spec, mk(1 + bound * 0.99), ctx)).reason).toBe('correct');
    expect((await statistical(spec, mk(1 + bound * 1.01), ctx)).reason).toBe('wrong-value');
  });

  it('throws on a malformed target (reference bug)', () => {
    expect(() =>
      statistical(spec, [{ label: 'x', args: [], expected: num(1), actual: tensor([2], [1, 2]) }], ctx),
    ).toThrow(/mean/);
  });
});

describe('statistical: what is wrong, and only that', () => {
  const one = (actual: number[], fanIn = 128, fanOut = 64, seed = 7): CaseInput[] => [
    heCase(fanIn, fanOut, seed, tensor([fanIn, fanOut], actual)),
  ];
  const n = 128 * 64;
  const sigma = Math.sqrt(2 / 128);

  it.each<[string, number[], RegExp, string | undefined]>([
    [
      'a standard normal never scaled',
      normal(n, 1, 7),
      /^the sample std is off: sample std (0\.99|1\.0)\d* \(target 0\.125/,
      'unscaled-normal',
    ],
    [
      'a standard normal off-centre by 0.03: within its own spread',
      normal(n, 1, 7).map((x) => x + 0.03),
      /^the sample std is off/,
      'unscaled-normal',
    ],
    ['the Xavier std', normal(n, sigma * Math.SQRT1_2, 7), /^the sample std is off/, 'scaled'],
    [
      'a shifted mean',
      normal(n, sigma, 7).map((x) => x + 0.02),
      /^the sample mean is off: sample mean 0\.01\d+ \(target 0 ± 0\.006\d+, from the sample/,
      undefined,
    ],
    [
      'uniform with the He std',
      uniform(n, sigma, 7),
      /^the values are not a normal sample: largest CDF gap 0\.0[5-6]\d+ to N\(0, 0\.125\)/,
      'uniform',
    ],
    ['an exact ±σ pattern', plusMinus(n, sigma, 7), /^the values are not a normal sample/, 'two-values'],
    [
      'Student-t (5 degrees of freedom) at the He std',
      studentT(5)(n, sigma, 7),
      /^the values are not a normal sample.*too many/,
      'heavy-tails',
    ],
    [
      'a normal cut at 2σ, rescaled to the He std',
      truncated(true)(n, sigma, 7),
      /^the values are not a normal sample.*too few/,
      'truncated-normal',
    ],
    [
      'a normal cut at 2σ, not rescaled (tfjs)',
      truncated(false)(n, sigma, 7),
      /^the sample std is off.*; and the values are not a normal sample/,
      'truncated-normal',
    ],
    ['all zeros', constant(n, sigma, 7), /^the sample std is off: sample std 0 /, 'constant'],
    [
      'a uniform with the std of a standard normal',
      uniform(n, 1, 7),
      /^the sample std is off.*; and the values are not a normal sample/,
      'uniform',
    ],
  ])('%s', async (_name, xs, message, code) => {
    const r = await statistical(spec, one(xs), ctx);
    expect(r.reason).toBe('wrong-value');
    expect(r.message).toMatch(message);
    expect(r.cases![0].diagnosis?.code).toBe(code);
  });

  it('names the unscaled normal by its std and blames neither the mean nor the shape', async () => {
    const r = await statistical(spec, one(normal(n, 1, 7)), ctx);
    expect(r.cases![0].diagnosis?.message).toMatch(
      /^std 1\.00: a standard normal never scaled to the std the part asks for/,
    );
    expect(r.message).not.toMatch(/mean|normal sample/);
    expect(r.cases![0].note).toMatch(/sample mean .* sample std .*; shape: largest CDF gap/);
  });

  it('different seeds giving one sample reordered fail, on the second seed', async () => {
    const base = normal(n, sigma, 7);
    const rotated = (k: number): Wire => tensor([128, 64], [...base.slice(k), ...base.slice(0, k)]);
    const r = await statistical(
      spec,
      [heCase(128, 64, 7, rotated(7)), heCase(128, 64, 7, rotated(7)), heCase(128, 64, 8, rotated(8))],
      ctx,
    );
    expect(r.cases!.map((c) => c.passed)).toEqual([true, true, false]);
    expect(r.cases![2].diagnosis?.code).toBe('seed-reorders');
  });

  it('a ±σ pattern shifted by the seed fails every case, though seeds give different tensors', async () => {
    const pm = (seed: number): Wire => tensor([128, 64], plusMinus(n, sigma, seed));
    const r = await statistical(
      spec,
      [heCase(128, 64, 7, pm(7)), heCase(128, 64, 7, pm(7)), heCase(128, 64, 8, pm(8))],
      ctx,
    );
    expect(r.cases!.map((c) => c.passed)).toEqual([false, false, false]);
    expect(r.cases!.map((c) => c.diagnosis?.code)).toEqual(['two-values', 'two-values', 'two-values']);
  });
});
