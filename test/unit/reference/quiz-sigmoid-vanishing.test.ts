// Unit test for quiz-sigmoid-vanishing: 0.25 is the peak of σ', 0.25^10 is the first factor below 1e-6, 0.5^k fails.
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { Ajv } from 'ajv';
import { ExerciseSpec, type PartSpec } from '../../../grader/spec/model.js';
import * as ref from '../../../reference/quiz-sigmoid-vanishing.js';
import * as starter from '../../../solutions/quiz-sigmoid-vanishing.js';
import * as half from '../../fixtures/submissions/quiz-sigmoid-vanishing--wrong-factor-half/quiz-sigmoid-vanishing.js';
import { allCases } from '../../helpers/reference-spec.js';

const spec = YAML.parse(
  readFileSync(new URL('../../../exercises/quiz-sigmoid-vanishing.yaml', import.meta.url), 'utf8'),
);
const within = (a: number, e: number, id: string): boolean => {
  const c = (spec.parts as PartSpec[]).find((p) => p.id === id)!.check;
  if (c.kind !== 'numeric') throw new Error(`${id} must be numeric`);
  return Math.abs(a - e) <= (c.atol ?? 1e-9) + (c.rtol ?? 1e-6) * Math.abs(e);
};

describe('quiz-sigmoid-vanishing', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('has a valid spec whose parts are the curriculum exports, in order', () => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(ExerciseSpec);
    expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
    expect(spec.parts.map((p: PartSpec) => p.id)).toEqual(['factor', 'millionAt']);
    for (const p of spec.parts as PartSpec[]) {
      expect(Object.keys(ref)).toContain(p.id);
      expect(Object.keys(starter)).toContain(p.id);
    }
    expect(Object.keys(ref.cases!)).toEqual(['factor']);
    expect(Object.keys(ref.hiddenCases!)).toEqual(['factor']);
    // The public depths stay away from millionAt's crossing (9, 10): a kit prints their factors. 10 and 20 are hidden.
    expect(ref.cases!.factor(tf).map((c) => c.args[0])).toEqual([0, 1, 2, 5, 16]);
    expect(ref.hiddenCases!.factor(tf).map((c) => c.args[0])).toEqual([8, 10, 20]);
  });

  it('0.25 is the maximum of the sigmoid derivative (tfjs gradient at z = 0)', () => {
    const z = tf.linspace(-6, 6, 1201);
    const d = tf.grad((v: tf.Tensor) => tf.sigmoid(v).sum())(z);
    expect(d.max().arraySync() as number).toBeCloseTo(0.25, 6);
    expect(
      tf
        .grad((v: tf.Tensor) => tf.sigmoid(v).sum())(tf.scalar(0))
        .arraySync() as number,
    ).toBeCloseTo(0.25, 7);
  });

  it('reproduces the curriculum numbers', () => {
    expect(ref.factor(0)).toBe(1);
    expect(ref.factor(1)).toBe(0.25);
    expect(ref.factor(2)).toBe(0.0625);
    expect(ref.factor(10)).toBeCloseTo(9.5367431640625e-7, 20);
    expect(ref.factor(20)).toBeCloseTo(9.094947017729282e-13, 25);
    expect(ref.millionAt).toBe(10);
    expect(ref.factor(9)).toBeGreaterThan(1e-6);
    expect(ref.factor(10)).toBeLessThan(1e-6);
  });

  it('the 0.5^k fixture fails factor on every case but k = 0, including k = 20 (no atol loophole)', () => {
    for (const c of allCases(ref as never, 'factor', tf)) {
      const k = c.args[0] as number;
      expect(within(half.factor(k), ref.factor(k), 'factor'), c.label).toBe(k === 0);
    }
    expect(within(half.millionAt, ref.millionAt, 'millionAt')).toBe(true);
  });
});
