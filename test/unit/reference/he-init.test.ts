// Unit tests for the he-init reference: sqrt(2/fanIn) numbers, sample moments within the statistical bound, fixtures, spec.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { Ajv } from 'ajv';
import { evaluate } from 'mathjs';
import * as tf from '@tensorflow/tfjs';
import { ExerciseSpec } from '../../../grader/spec/model.js';
import * as ref from '../../../reference/he-init.js';
import * as xavier from '../../fixtures/submissions/he-init--wrong-xavier-std/he-init.js';
import * as noSeed from '../../fixtures/submissions/he-init--wrong-ignores-seed/he-init.js';
import { allCases, expectReferenceCoversSpec } from '../../helpers/reference-spec.js';
import { normalShape } from '../../../grader/checks/normal-shape.js';
import { sortedSample } from '../../../grader/checks/normal-tests.js';

const spec = YAML.parse(readFileSync(new URL('../../../exercises/he-init.yaml', import.meta.url), 'utf8'));
const checkOf = (id: string) => spec.parts.find((p: { id: string }) => p.id === id).check;

const within = (a: number, e: number, rtol: number, atol: number) => Math.abs(a - e) <= atol + rtol * Math.abs(e);
const num = (v: number | string) => (typeof v === 'number' ? v : (evaluate(v) as number));

/** The statistical check's rule: sample mean and population std within `sigmas` standard errors. */
function momentsPass(t: tf.Tensor, target: { mean: number; std: number }, sigmas: number): boolean {
  const d = Array.from(t.dataSync() as Float32Array);
  const n = d.length;
  const mean = d.reduce((s, v) => s + v, 0) / n;
  const std = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
  return (
    Math.abs(mean - target.mean) <= (sigmas * target.std) / Math.sqrt(n) &&
    Math.abs(std - target.std) <= (sigmas * target.std) / Math.sqrt(2 * n)
  );
}
const same = (a: tf.Tensor, b: tf.Tensor) => a.dataSync().every((v, i) => Object.is(v, b.dataSync()[i]));
type Target = { mean: number; std: number; shape: number[] };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('he-init reference', () => {
  it('std for fan-in 128 is 0.125', () => {
    expect(num(ref.std)).toBe(0.125);
  });

  it('heStd is sqrt(2/fanIn) on every case', () => {
    const want: Record<number, number> = {
      1: Math.SQRT2,
      3: 0.816496580927726,
      50: 0.2,
      72: 1 / 6,
      128: 0.125,
      784: 0.050507627227610534,
      4096: 0.02209708691207961,
    };
    for (const c of ref.cases!.heStd(tf)) {
      const [fanIn] = c.args as [number];
      expect(within(ref.heStd(fanIn), want[fanIn], 1e-12, 0), c.label).toBe(true);
    }
  });

  it('heNormal draws the right shape, moments and normal distribution, repeats per seed and differs across seeds', () => {
    const { sigmas } = checkOf('heNormal');
    // Public and hidden cases alike: the first two share a seed, the third has another.
    for (const made of [ref.cases!.heNormal(tf), ref.hiddenCases!.heNormal(tf)]) {
      const drawn = made.map((c) => {
        const [fanIn, fanOut, seed] = c.args as [number, number, number];
        const t = ref.heNormal(fanIn, fanOut, seed);
        const target = c.expected as Target;
        expect(t.shape, c.label).toEqual(target.shape);
        expect(t.dtype).toBe('float32');
        expect(momentsPass(t, target, sigmas), c.label).toBe(true);
        expect(normalShape(sortedSample(t.dataSync() as Float32Array), target.mean, target.std).passed, c.label).toBe(
          true,
        );
        return t;
      });
      expect(same(drawn[0], drawn[1])).toBe(true);
      expect(same(drawn[0], drawn[2])).toBe(false);
    }
  });
});

describe('he-init fixtures', () => {
  it('Xavier std fails std, heStd on every case, and heNormal moments on every case', () => {
    const { rtol, atol } = checkOf('std');
    expect(num(xavier.std)).toBeCloseTo(0.0884, 4);
    expect(within(num(xavier.std), num(ref.std), rtol, atol)).toBe(false);
    for (const c of allCases(ref as never, 'heStd', tf)) {
      const [fanIn] = c.args as [number];
      expect(within(xavier.heStd(fanIn), ref.heStd(fanIn), checkOf('heStd').rtol, checkOf('heStd').atol), c.label).toBe(
        false,
      );
    }
    for (const c of allCases(ref as never, 'heNormal', tf)) {
      const [fanIn, fanOut, seed] = c.args as [number, number, number];
      expect(
        momentsPass(xavier.heNormal(fanIn, fanOut, seed), c.expected as Target, checkOf('heNormal').sigmas),
        c.label,
      ).toBe(false);
    }
  });

  it('ignoring the seed keeps the moments right but breaks repeatability', () => {
    expect(num(noSeed.std)).toBe(0.125);
    for (const [c0, c1] of [ref.cases!.heNormal(tf), ref.hiddenCases!.heNormal(tf)]) {
      expect(c0.args).toEqual(c1.args);
      const a = noSeed.heNormal(...(c0.args as [number, number, number]));
      const b = noSeed.heNormal(...(c1.args as [number, number, number]));
      expect(momentsPass(a, c0.expected as Target, checkOf('heNormal').sigmas)).toBe(true);
      expect(same(a, b)).toBe(false);
    }
  });
});

describe('he-init spec', () => {
  it('validates against the ExerciseSpec schema', () => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(ExerciseSpec);
    expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
  });

  it('every part is a reference export, every call part has 2-6 cases', () => {
    const parts = spec.parts as { id: string; mode: string }[];
    expect(parts.map((p) => p.id)).toEqual(['std', 'heStd', 'heNormal']);
    expectReferenceCoversSpec(parts, ref as never, tf);
  });
});
