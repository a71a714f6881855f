// Unit test for quiz-skip-shapes: spec valid, parts and option ids exactly the skip-shapes quiz: the curriculum's answers and distractors.
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { Ajv } from 'ajv';
import { ExerciseSpec, type PartSpec } from '../../../grader/model/spec.js';
import * as ref from '../../../reference/quiz-skip-shapes.js';
import * as starter from '../../../solutions/quiz-skip-shapes.js';

const spec = YAML.parse(readFileSync(new URL('../../../exercises/quiz-skip-shapes.yaml', import.meta.url), 'utf8'));

/** The curriculum, per part: the answer and (choice parts) every option id, correct one and distractors. */
const CURRICULUM: { id: string; answer: string | boolean; options: string[] | null }[] = [
  { id: 'answer', answer: 'same-shape', options: ['same-shape', 'same-batch-only', 'square-weights', 'nothing'] },
  { id: 'whenShapesDiffer', answer: 'projection-shortcut', options: ['projection-shortcut', 'drop-the-skip', 'zero-pad-always'] },
];

describe('quiz-skip-shapes', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('has a valid spec whose parts are the curriculum exports, in order', () => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(ExerciseSpec);
    expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
    expect(spec.id).toBe('quiz-skip-shapes');
    expect(spec.parts.map((p: PartSpec) => p.id)).toEqual(CURRICULUM.map((p) => p.id));
    for (const p of spec.parts as PartSpec[]) {
      expect(p.mode).toBe('value');
      expect(Object.keys(ref)).toContain(p.id);
      expect(Object.keys(starter)).toContain(p.id);
      expect((starter as Record<string, unknown>)[p.id]).toBeNull();
    }
  });

  it.each(CURRICULUM)('$id: the reference answer and the option ids are the curriculum ones', (want) => {
    const p = (spec.parts as PartSpec[]).find((x) => x.id === want.id)!;
    expect((ref as Record<string, unknown>)[want.id]).toBe(want.answer);
    if (want.options) {
      if (p.check.kind !== 'choice') throw new Error(`${want.id} must be a choice`);
      expect(p.check.options.map((o) => o.id).sort()).toEqual([...want.options].sort());
      expect(want.options).toContain(want.answer);
    } else {
      expect(p.check.kind).toBe('boolean');
    }
  });
});
