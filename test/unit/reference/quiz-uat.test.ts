// Unit test for quiz-uat: spec shape, curriculum answers, and that the partial fixture really earns partial credit.
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { Ajv } from 'ajv';
import { ExerciseSpec, type PartSpec } from '../../../grader/spec/model.js';
import * as ref from '../../../reference/quiz-uat.js';
import * as starter from '../../../solutions/quiz-uat.js';
import * as fixture from '../../fixtures/submissions/quiz-uat--partial-one-wrong-reason/quiz-uat.js';

const spec = YAML.parse(readFileSync(new URL('../../../exercises/quiz-uat.yaml', import.meta.url), 'utf8'));
const part = (id: string): PartSpec => spec.parts.find((p: PartSpec) => p.id === id);
const CORRECT = ['existence-not-findability', 'width-can-be-exponential', 'no-generalization-guarantee'];

describe('quiz-uat', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('has a valid spec whose parts are the curriculum exports, in order', () => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(ExerciseSpec);
    expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
    expect(spec.parts.map((p: PartSpec) => p.id)).toEqual(['answer', 'reasons']);
    for (const p of spec.parts as PartSpec[]) {
      expect(Object.keys(ref)).toContain(p.id);
      expect(Object.keys(starter)).toContain(p.id);
      expect(p.mode).toBe('value');
    }
  });

  it('offers exactly the curriculum option ids', () => {
    const check = part('reasons').check;
    if (check.kind !== 'multi-choice') throw new Error('reasons must be multi-choice');
    expect(check.options.map((o) => o.id).sort()).toEqual(
      [...CORRECT, 'requires-sigmoid', 'only-one-dimension'].sort(),
    );
    expect(check.required).toBe(3);
    expect(part('answer').check.kind).toBe('boolean');
  });

  it('reference answers are the curriculum answers', () => {
    expect(ref.answer).toBe(false);
    expect([...ref.reasons].sort()).toEqual([...CORRECT].sort());
  });

  it('two right picks plus requires-sigmoid lands strictly between 0 and full credit', () => {
    const check = part('reasons').check;
    if (check.kind !== 'multi-choice') throw new Error('reasons must be multi-choice');
    const right = fixture.reasons.filter((r) => CORRECT.includes(r)).length;
    const wrong = fixture.reasons.length - right;
    expect([right, wrong]).toEqual([2, 1]);
    // Credit as the check is specified: correct picks out of `required`, minus penaltyPerWrong per wrong pick.
    const fraction = Math.max(0, Math.min(right, check.required!) / check.required! - wrong * check.penaltyPerWrong);
    expect(fraction).toBeGreaterThan(0);
    expect(fraction).toBeLessThan(1);
    // One wrong pick costs a third: all three right plus one wrong is no longer full credit.
    expect(1 - check.penaltyPerWrong).toBeLessThanOrEqual(2 / 3);
    expect(fixture.answer).toBe(ref.answer);
  });
});
