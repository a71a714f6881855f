// Unit test for quiz-param-budget: counts checked against tfjs model.countParams(), and the no-bias mistake fails.
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { Ajv } from 'ajv';
import { ExerciseSpec, type PartSpec } from '../../../grader/spec/model.js';
import * as ref from '../../../reference/quiz-param-budget.js';
import * as starter from '../../../solutions/quiz-param-budget.js';
import * as noBias from '../../fixtures/submissions/quiz-param-budget--wrong-no-biases/quiz-param-budget.js';
import { allCases } from '../../helpers/reference-spec.js';

const spec = YAML.parse(readFileSync(new URL('../../../exercises/quiz-param-budget.yaml', import.meta.url), 'utf8'));
const part = (id: string): PartSpec => spec.parts.find((p: PartSpec) => p.id === id);
const within = (a: number, e: number, id: string): boolean => {
  const c = part(id).check;
  if (c.kind !== 'numeric') throw new Error(`${id} must be numeric`);
  return Math.abs(a - e) <= (c.atol ?? 1e-9) + (c.rtol ?? 1e-6) * Math.abs(e);
};

/** A real tfjs stack of dense layers (weights + biases) with the given sizes. */
function tfjsCount(sizes: number[]): number {
  const model = tf.sequential();
  for (let i = 1; i < sizes.length; i++) {
    model.add(tf.layers.dense({ units: sizes[i], useBias: true, ...(i === 1 ? { inputShape: [sizes[0]] } : {}) }));
  }
  const n = model.countParams();
  model.dispose();
  return n;
}

describe('quiz-param-budget', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('has a valid spec whose parts are the curriculum exports, in order', () => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(ExerciseSpec);
    expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
    expect(spec.parts.map((p: PartSpec) => p.id)).toEqual(['wideParams', 'deepParams', 'more', 'ratio', 'countParams']);
    for (const p of spec.parts as PartSpec[]) {
      expect(Object.keys(ref)).toContain(p.id);
      expect(Object.keys(starter)).toContain(p.id);
    }
    expect(Object.keys(ref.cases!)).toEqual(
      spec.parts.filter((p: PartSpec) => p.mode === 'call').map((p: PartSpec) => p.id),
    );
    expect(Object.keys(ref.hiddenCases!)).toEqual(
      spec.parts.filter((p: PartSpec) => p.mode === 'call').map((p: PartSpec) => p.id),
    );
    const more = part('more').check;
    if (more.kind !== 'choice') throw new Error('more must be choice');
    expect(more.options.map((o) => o.id).sort()).toEqual(['deep', 'wide']);
  });

  it('reproduces the curriculum numbers', () => {
    expect(ref.wideParams).toBe(1_628_170);
    expect(ref.deepParams).toBe(217_354);
    expect(ref.more).toBe('wide');
    expect(ref.ratio).toBeCloseTo(7.49, 2);
    expect(ref.countParams([784, 256, 256, 256, 10])).toBe(335_114);
    expect(ref.countParams([784, 768, 10])).toBe(610_570);
    expect(ref.countParams([2, 3, 1])).toBe(13);
  });

  it('agrees with tfjs model.countParams() on every grader case', () => {
    const cases = allCases(ref as never, 'countParams', tf);
    for (const c of cases) {
      const sizes = c.args[0] as number[];
      expect(ref.countParams(sizes), c.label).toBe(tfjsCount(sizes));
    }
    // The quiz's own nets are graded, as hidden cases: a public case's expected value would give wideParams away.
    const sizes = (made: typeof cases) => made.map((c) => c.args[0]);
    expect(sizes(ref.hiddenCases!.countParams(tf))).toContainEqual([784, 128, 128, 128, 128, 128, 128, 128, 128, 10]);
    expect(sizes(ref.hiddenCases!.countParams(tf))).toContainEqual([784, 2048, 10]);
    expect(sizes(ref.cases!.countParams(tf))).not.toContainEqual([784, 2048, 10]);
  });

  it('ratio tolerance accepts 7.49 and 7.5 but not 7', () => {
    expect(within(7.49, ref.ratio, 'ratio')).toBe(true);
    expect(within(7.5, ref.ratio, 'ratio')).toBe(true);
    expect(within(7, ref.ratio, 'ratio')).toBe(false);
  });

  it('the no-bias fixture fails countParams on every case and wideParams, and only those', () => {
    for (const c of allCases(ref as never, 'countParams', tf)) {
      const sizes = c.args[0] as number[];
      expect(within(noBias.countParams(sizes), ref.countParams(sizes), 'countParams'), c.label).toBe(false);
    }
    expect(within(noBias.wideParams, ref.wideParams, 'wideParams')).toBe(false);
    expect(within(noBias.deepParams, ref.deepParams, 'deepParams')).toBe(true);
    expect(within(noBias.ratio, ref.ratio, 'ratio')).toBe(true);
    expect(noBias.more).toBe(ref.more);
  });
});
