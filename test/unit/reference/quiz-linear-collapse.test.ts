// Unit test for quiz-linear-collapse: w1·w2 really is the collapsed net, and w2·w1 never matches the expected shape.
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { Ajv } from 'ajv';
import { ExerciseSpec, type PartSpec } from '../../../grader/spec/model.js';
import * as ref from '../../../reference/quiz-linear-collapse.js';
import * as starter from '../../../solutions/quiz-linear-collapse.js';
import * as wrongOrder from '../../fixtures/submissions/quiz-linear-collapse--wrong-order/quiz-linear-collapse.js';
import { allCases } from '../../helpers/reference-spec.js';

const spec = YAML.parse(readFileSync(new URL('../../../exercises/quiz-linear-collapse.yaml', import.meta.url), 'utf8'));

describe('quiz-linear-collapse', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('has a valid spec whose parts are the curriculum exports, in order', () => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(ExerciseSpec);
    expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
    expect(spec.parts.map((p: PartSpec) => p.id)).toEqual(['answer', 'collapse']);
    for (const p of spec.parts as PartSpec[]) {
      expect(Object.keys(ref)).toContain(p.id);
      expect(Object.keys(starter)).toContain(p.id);
    }
    expect(Object.keys(ref.cases!)).toEqual(['collapse']);
    expect(Object.keys(ref.hiddenCases!)).toEqual(['collapse']);
    const answer: PartSpec = spec.parts[0];
    if (answer.check.kind !== 'choice') throw new Error('answer must be a choice');
    expect(answer.check.options.map((o) => o.id).sort()).toEqual([
      'collapses-to-one-linear-map',
      'still-universal',
      'trains-faster',
    ]);
    expect(ref.answer).toBe('collapses-to-one-linear-map');
  });

  it.each([
    ['public', ref.cases!],
    ['hidden', ref.hiddenCases!],
  ])('%s cases are seeded, non-square and reproducible', (_set, made) => {
    const a = made.collapse(tf);
    const b = made.collapse(tf);
    expect(a.length).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < a.length; i++) {
      const [w1, w2] = a[i].args as tf.Tensor2D[];
      expect(w1.shape[0]).not.toBe(w1.shape[1]);
      expect(w1.shape[1]).toBe(w2.shape[0]);
      expect(w2.shape[1]).toBe(w1.shape[0]);
      expect(w1.arraySync()).toEqual((b[i].args[0] as tf.Tensor2D).arraySync());
      expect(w2.arraySync()).toEqual((b[i].args[1] as tf.Tensor2D).arraySync());
    }
  });

  it('x·w1·w2 equals x·collapse(w1, w2) for a batch of inputs, without disposing the args', () => {
    for (const c of allCases(ref as never, 'collapse', tf)) {
      const [w1, w2] = c.args as tf.Tensor2D[];
      const x = tf.randomNormal([7, w1.shape[0]], 0, 1, 'float32', 31);
      const W = ref.collapse(w1, w2);
      expect(W.shape).toEqual([w1.shape[0], w2.shape[1]]);
      const twoLayers = tf.matMul(tf.matMul(x, w1), w2).arraySync() as number[][];
      const oneLayer = tf.matMul(x, W).arraySync() as number[][];
      twoLayers.flat().forEach((v, i) => expect(oneLayer.flat()[i]).toBeCloseTo(v, 3));
      expect(w1.isDisposed || w2.isDisposed, c.label).toBe(false);
    }
  });

  it('the wrong-order fixture returns the wrong shape on every case', () => {
    for (const c of allCases(ref as never, 'collapse', tf)) {
      const [w1, w2] = c.args as tf.Tensor2D[];
      expect(wrongOrder.collapse(w1, w2).shape, c.label).not.toEqual(ref.collapse(w1, w2).shape);
    }
    expect(wrongOrder.answer).toBe(ref.answer);
  });
});
