// Exercise spec: the one source for both the TS types and the JSON Schema shipped as grader/spec.schema.json.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Why = Type.Optional(Type.String({ description: 'Why this tolerance or bound is right for the part.' }));
const Tol = {
  rtol: Type.Optional(Type.Number({ minimum: 0, description: 'Relative tolerance.' })),
  atol: Type.Optional(Type.Number({ minimum: 0, description: 'Absolute tolerance.' })),
};
const Option = Type.Object(
  { id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }), text: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);
const Variable = Type.Object(
  {
    min: Type.Number(),
    max: Type.Number(),
    scale: Type.Optional(Type.Union([Type.Literal('linear'), Type.Literal('log')])),
    integer: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

function check<K extends string, P extends Record<string, TSchema>>(kind: K, props: P, description: string) {
  return Type.Object({ kind: Type.Literal(kind), why: Why, ...props }, { additionalProperties: false, description });
}

export const ChoiceCheck = check('choice', { options: Type.Array(Option, { minItems: 2 }) }, 'One option id.');
export const MultiChoiceCheck = check(
  'multi-choice',
  {
    options: Type.Array(Option, { minItems: 2 }),
    required: Type.Optional(Type.Integer({ minimum: 1, description: 'Correct picks needed for full credit (default: all).' })),
    penaltyPerWrong: Type.Number({ minimum: 0, maximum: 1, description: 'Fraction of the part lost per wrong pick.' }),
  },
  'A set of option ids, with partial credit.',
);
export const BooleanCheck = check('boolean', {}, 'true or false.');
export const NumericCheck = check(
  'numeric',
  { ...Tol, log10: Type.Optional(Type.Boolean({ description: 'Compare log10 of magnitudes (quantities spanning decades).' })) },
  'A number, a mathjs string, or arrays/objects of numbers, within |a-e| <= atol + rtol*|e|.',
);
export const ExpressionCheck = check(
  'expression',
  {
    ...Tol,
    variables: Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Variable),
    samples: Type.Optional(Type.Integer({ minimum: 4, maximum: 2000 })),
    mode: Type.Optional(Type.Union([Type.Literal('equivalent'), Type.Literal('order')])),
    scaleVariable: Type.Optional(Type.String({ description: 'order mode: the variable that is scaled.' })),
    scaleBy: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'order mode: factor applied to scaleVariable.' })),
  },
  'A mathjs expression string, graded by equivalence at random points (or by its order of growth).',
);
export const TensorCheck = check(
  'tensor',
  {
    ...Tol,
    log10: Type.Optional(Type.Boolean()),
    dtype: Type.Optional(Type.Union([Type.Literal('float32'), Type.Literal('int32'), Type.Literal('bool'), Type.Literal('any')])),
  },
  'A tf.Tensor: exact shape, dtype, allclose.',
);
export const StatisticalCheck = check(
  'statistical',
  {
    sigmas: Type.Number({ exclusiveMinimum: 0, description: 'Allowed deviation in standard errors of the sample moment.' }),
    repeatable: Type.Optional(Type.Boolean({ description: 'Cases with equal args must give equal tensors, different seeds different ones.' })),
  },
  'A random tensor: sample mean and std within a bound derived from the sample size.',
);
export const BehaviorCheck = check(
  'behavior',
  { predicate: Type.String({ minLength: 1, description: 'Name of a function in the reference `behaviors` export.' }) },
  'A predicate in the reference decides (e.g. "classifies all four points").',
);
export const FreeTextCheck = check(
  'free-text',
  {
    minWords: Type.Optional(Type.Integer({ minimum: 0 })),
    rubric: Type.Array(
      Type.Object(
        { label: Type.String(), keywords: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }), weight: Type.Number({ exclusiveMinimum: 0 }) },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  'Prose: needs human review; a keyword rubric suggests a score.',
);

export const CheckSpec = Type.Union([
  ChoiceCheck, MultiChoiceCheck, BooleanCheck, NumericCheck, ExpressionCheck,
  TensorCheck, StatisticalCheck, BehaviorCheck, FreeTextCheck,
]);

export const PartSpec = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'The export name in the student contract.' }),
    type: Type.String({ minLength: 1, description: 'The TypeScript type or signature of the export, as the curriculum states it.' }),
    mode: Type.Union([Type.Literal('value'), Type.Literal('call')], { description: 'value: read the export; call: call it on the reference cases.' }),
    points: Type.Number({ exclusiveMinimum: 0 }),
    visibility: Type.Optional(Type.Union([Type.Literal('visible'), Type.Literal('hidden')])),
    prompt: Type.String({ minLength: 1 }),
    check: CheckSpec,
  },
  { additionalProperties: false },
);

export const ExerciseSpec = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }),
    title: Type.String({ minLength: 1 }),
    source: Type.Optional(Type.String()),
    prompt: Type.String({ minLength: 1, description: 'Markdown, shown by `grade show`.' }),
    sizes: Type.Optional(Type.String({ description: 'Why the grader-made inputs are this size.' })),
    parts: Type.Array(PartSpec, { minItems: 1 }),
  },
  { additionalProperties: false, $id: 'https://tfgrade.dev/schema/spec-1.json', title: 'tfgrade exercise spec' },
);

export type CheckSpec = Static<typeof CheckSpec>;
export type CheckKind = CheckSpec['kind'];
export type PartSpec = Static<typeof PartSpec>;
export type ExerciseSpec = Static<typeof ExerciseSpec>;
export type CheckOf<K extends CheckKind> = Extract<CheckSpec, { kind: K }>;

/** Points an exercise is worth: the sum of its parts' points (rounded like every score, to 1e-6). */
export function maxScoreOf(spec: Pick<ExerciseSpec, 'parts'>): number {
  return Math.round(spec.parts.reduce((a, p) => a + p.points, 0) * 1e6) / 1e6;
}
