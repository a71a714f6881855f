// The answer-only pop quizzes: spec valid, parts are the curriculum exports, answers and option ids exactly the curriculum's.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { Ajv } from 'ajv';
import { ExerciseSpec, type ExerciseSpec as Spec } from '../../../grader/spec/model.js';

type Answer = { id: string; answer: string | boolean; options: string[] | null };

/** The curriculum, per quiz and part: the answer and (choice parts) every option id, correct one and distractors. */
const CURRICULUM: Record<string, Answer[]> = {
  'quiz-500-layers': [
    {
      id: 'answer',
      answer: 'no-vanishing-gradients-and-degradation',
      options: ['no-vanishing-gradients-and-degradation', 'yes-more-capacity', 'no-overfitting', 'yes-with-sigmoid'],
    },
  ],
  'quiz-residual-def': [{ id: 'answer', answer: true, options: null }],
  'quiz-skip-shapes': [
    { id: 'answer', answer: 'same-shape', options: ['same-shape', 'same-batch-only', 'square-weights', 'nothing'] },
    {
      id: 'whenShapesDiffer',
      answer: 'projection-shortcut',
      options: ['projection-shortcut', 'drop-the-skip', 'zero-pad-always'],
    },
  ],
  'quiz-tanh-he': [
    {
      id: 'cause',
      answer: 'variance-too-large',
      options: ['variance-too-large', 'variance-too-small', 'dead-relus', 'learning-rate-too-low'],
    },
    { id: 'fix', answer: 'xavier', options: ['xavier', 'he', 'zeros', 'larger-learning-rate'] },
  ],
};

const validate = new Ajv({ strict: true, allErrors: true }).compile(ExerciseSpec);

describe.each(Object.keys(CURRICULUM))('%s', (id) => {
  const spec = YAML.parse(readFileSync(new URL(`../../../exercises/${id}.yaml`, import.meta.url), 'utf8')) as Spec;
  const load = async () => ({
    ref: (await import(`../../../reference/${id}.ts`)) as Record<string, unknown>,
    starter: (await import(`../../../solutions/${id}.ts`)) as Record<string, unknown>,
  });

  it('has a valid spec whose parts are the curriculum exports, in order', async () => {
    const { ref, starter } = await load();
    expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
    expect(spec.id).toBe(id);
    expect(spec.parts.map((p) => p.id)).toEqual(CURRICULUM[id].map((p) => p.id));
    for (const p of spec.parts) {
      expect(p.mode).toBe('value');
      expect(Object.keys(ref)).toContain(p.id);
      expect(starter[p.id]).toBeNull();
    }
  });

  it.each(CURRICULUM[id])('$id: the reference answer and the option ids are the curriculum ones', async (want) => {
    const { ref } = await load();
    const p = spec.parts.find((x) => x.id === want.id)!;
    expect(ref[want.id]).toBe(want.answer);
    if (want.options) {
      if (p.check.kind !== 'choice') throw new Error(`${want.id} must be a choice`);
      expect(p.check.options.map((o) => o.id).sort()).toEqual([...want.options].sort());
      expect(want.options).toContain(want.answer);
    } else {
      expect(p.check.kind).toBe('boolean');
    }
  });
});
