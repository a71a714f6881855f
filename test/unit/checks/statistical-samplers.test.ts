// Property tests of the statistical kind on real samplers: every correct normal sampler passes on every seed and size
// tried, and every wrong distribution fails on every seed with its mistake named.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import statisticalCheck from '../../../grader/checks/statistical.js';
import { normalShape } from '../../../grader/checks/normal-shape.js';
import { sortedSample } from '../../../grader/checks/normal-tests.js';
import type { CheckOf } from '../../../grader/spec/model.js';
import type { CaseInput } from '../../../grader/model/outcome.js';
import type { Wire } from '../../../grader/model/wire.js';
import { ctx, num, nums, obj } from './helpers.js';
import { boxMuller, plusMinus, studentT, truncated } from './samplers.js';

const spec: CheckOf<'statistical'> = { kind: 'statistical', sigmas: 5, repeatable: true, distribution: 'normal' };
/**
 * Fixed, like the other property tests here: a run must give the same verdict every time. (Unseeded, one run found a
 * Student-t(3) sample at 784x32 whose cases were not named heavy-tails; it is a regression test below.)
 */
const SEED = 20_261_202;

type Draw = (fanIn: number, fanOut: number, seed: number) => Float32Array;
const he = (fanIn: number): number => Math.sqrt(2 / fanIn);
const fromTf = (make: () => tf.Tensor): Float32Array => tf.tidy(() => make().dataSync() as Float32Array).slice();
const fromJs = (xs: number[]): Float32Array => Float32Array.from(xs);

/** Graded like he-init's heNormal: a seed, the same seed again, another seed. */
async function gradeSampler(draw: Draw, fanIn: number, fanOut: number, seed: number) {
  const one = (s: number): CaseInput => ({
    label: `heNormal(${fanIn}, ${fanOut}, seed ${s})`,
    args: [num(fanIn), num(fanOut), num(s)],
    expected: obj({ mean: num(0), std: num(he(fanIn)), shape: nums(fanIn, fanOut) }),
    actual: { t: 'tensor', shape: [fanIn, fanOut], dtype: 'float32', data: draw(fanIn, fanOut, s) } as Wire,
  });
  return statisticalCheck.grade(spec, [one(seed), one(seed), one(seed + 1)], ctx);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Seeds from 1: tfjs treats a seed of 0 as no seed (`seed ? seed : Math.random()`), so 0 does not repeat.
const correct: [string, Draw][] = [
  ['tf.randomNormal at the He std', (i, o, s) => fromTf(() => tf.randomNormal([i, o], 0, he(i), 'float32', s))],
  [
    'a standard tf.randomNormal times the He std',
    (i, o, s) => fromTf(() => tf.mul(tf.randomNormal([i, o], 0, 1, 'float32', s), he(i))),
  ],
  ['Box–Muller by hand', (i, o, s) => fromJs(boxMuller(i * o, he(i), s))],
  // tfjs's varianceScaling has no untruncated normal (its "normal" is truncated); its randomNormal initializer is plain.
  [
    'tf.initializers.randomNormal at the He std',
    (i, o, s) => fromTf(() => tf.initializers.randomNormal({ mean: 0, stddev: he(i), seed: s }).apply([i, o])),
  ],
];

describe('correct samplers pass on every seed', () => {
  it.each(correct)('%s', async (_name, draw) => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 16, max: 512 }),
        fc.integer({ min: 64, max: 64 * 8 }).map((x) => Math.max(1, Math.floor(x / 8))),
        fc.integer({ min: 1, max: 2 ** 30 }),
        async (fanIn, fanOut, seed) => {
          const r = await gradeSampler(draw, fanIn, fanOut, seed);
          expect(r.message).toBe('all 3 cases pass');
        },
      ),
      { numRuns: 40, seed: SEED },
    );
  });

  it('the shape test alone never fails a normal sample, at any size from 2 to 30000', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30000 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (n, seed, std) => {
          expect(normalShape(sortedSample(boxMuller(n, std, seed)), 0, std).passed).toBe(true);
        },
      ),
      { numRuns: 300, seed: SEED },
    );
  });
});

const wrong: [string, Draw, string][] = [
  [
    'tf.randomUniform(-a, a) with a = √3·σ',
    (i, o, s) => fromTf(() => tf.randomUniform([i, o], -Math.sqrt(3) * he(i), Math.sqrt(3) * he(i), 'float32', s)),
    'uniform',
  ],
  [
    'tf.initializers.heUniform',
    (i, o, s) => fromTf(() => tf.initializers.heUniform({ seed: s }).apply([i, o])),
    'uniform',
  ],
  ['an exact ±σ pattern shifted by the seed', (i, o, s) => fromJs(plusMinus(i * o, he(i), s)), 'two-values'],
  ['Student-t, 3 degrees of freedom', (i, o, s) => fromJs(studentT(3)(i * o, he(i), s)), 'heavy-tails'],
  ['Student-t, 5 degrees of freedom', (i, o, s) => fromJs(studentT(5)(i * o, he(i), s)), 'heavy-tails'],
  ['Student-t, 4 degrees of freedom', (i, o, s) => fromJs(studentT(4)(i * o, he(i), s)), 'heavy-tails'],
  [
    'tf.truncatedNormal rescaled to the He std',
    (i, o, s) => fromTf(() => tf.truncatedNormal([i, o], 0, he(i) / 0.87962566103423978, 'float32', s)),
    'truncated-normal',
  ],
  [
    'a normal cut at 2σ by rejection, rescaled',
    (i, o, s) => fromJs(truncated(true)(i * o, he(i), s)),
    'truncated-normal',
  ],
  [
    'tf.initializers.heNormal (cut at 2σ, not rescaled)',
    (i, o, s) => fromTf(() => tf.initializers.heNormal({ seed: s }).apply([i, o])),
    'truncated-normal',
  ],
  ['constant zeros', (i, o) => new Float32Array(i * o), 'constant'],
  [
    'a standard normal never scaled',
    (i, o, s) => fromTf(() => tf.randomNormal([i, o], 0, 1, 'float32', s)),
    'unscaled-normal',
  ],
];

describe('wrong distributions fail on every seed, named', () => {
  // he-init's sizes: 128x64, 784x32 (public), 256x32 (hidden); 8192 draws is the smallest.
  it.each(wrong)('%s', async (_name, draw, code) => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom([128, 64], [784, 32], [256, 32]),
        fc.integer({ min: 1, max: 2 ** 30 }),
        async ([fanIn, fanOut], seed) => {
          const r = await gradeSampler(draw, fanIn, fanOut, seed);
          expect(r.status).toBe('failed');
          expect(r.cases!.map((c) => c.diagnosis?.code)).toEqual([code, code, code]);
        },
      ),
      { numRuns: 15, seed: SEED },
    );
  });
});

describe('a found counterexample', () => {
  it('a Student-t(3) whose few huge draws inflate its std (too few beyond 2.5σ, too many beyond 3.5σ) is heavy-tails', async () => {
    // Seeds 1073741822/1073741823 at 784x32: the second case's sample std is 1.6x the target, from a handful of draws.
    const r = await gradeSampler((i, o, s) => fromJs(studentT(3)(i * o, he(i), s)), 784, 32, 1073741822);
    expect(r.status).toBe('failed');
    expect(r.cases!.map((c) => c.diagnosis?.code)).toEqual(['heavy-tails', 'heavy-tails', 'heavy-tails']);
  });
});

describe('power where it runs out', () => {
  it('a Student-t with 8 degrees of freedom (excess kurtosis 1.5) is caught on most seeds at 8192 draws, not all', async () => {
    // Its tails are close to a normal's: beyond 3.5σ it puts about 30 of 8192 values where a normal puts 4, and at a
    // false-failure rate of 1e-6 that excess is certain only from about 20 on. Fixed seeds: the count is deterministic.
    let caught = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const r = await statisticalCheck.grade(
        { kind: 'statistical', sigmas: 5 },
        [
          {
            label: 't8',
            args: [],
            expected: obj({ mean: num(0), std: num(0.125) }),
            actual: { t: 'tensor', shape: [128, 64], dtype: 'float32', data: fromJs(studentT(8)(8192, 0.125, seed)) },
          },
        ],
        ctx,
      );
      if (r.status === 'failed') caught++;
    }
    expect(caught).toBeGreaterThanOrEqual(38); // 39 of these 40 seeds
  });
});
