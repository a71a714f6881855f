// Exercise spec: the one source for both the TS types and grader/spec.schema.json; each part's `check` is one of the
// check kinds (grader/checks/kinds.ts), so a new kind reaches the schema without an edit here.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CHECKS, checkSchema, type CheckRegistry } from '../checks/registry.js';
import { feedbackFor } from '../checks/define.js';
import { DIAGNOSIS_CODES } from '../model/outcome.js';
import { roundTo } from '../util/numbers.js';

export type { CheckSpec, CheckKindName, CheckOf } from '../checks/registry.js';

/** An author's hint for one common mistake: a wrong answer, or a mistake the grader names by itself. */
export const Hint = Type.Object(
  {
    answer: Type.Optional(
      Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Array(Type.String())], {
        description:
          'A wrong answer, compared the way the check compares (an option id, a number within the tolerance, an equivalent expression).',
      }),
    ),
    diagnosis: Type.Optional(
      Type.Union(
        DIAGNOSIS_CODES.map((c) => Type.Literal(c)),
        { description: 'A mistake the grader names by itself (see docs/report-format.md).' },
      ),
    ),
    mistake: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
        description:
          "A call part's common mistake: a function of the reference's `mistakes` (or, for a behavior part, a predicate of its `behaviors`).",
      }),
    ),
    say: Type.String({
      minLength: 1,
      description: 'What to tell a student who made this mistake; it must not give the right answer away.',
    }),
  },
  { additionalProperties: false },
);

/** The part and exercise schemas around a `check` schema: the built-in kinds' below, a test's own list elsewhere. */
export function specSchemas<C extends TSchema>(check: C) {
  const PartSpec = Type.Object(
    {
      id: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'The export name in the student contract.' }),
      type: Type.String({
        minLength: 1,
        description: 'The TypeScript type or signature of the export, as the exercise states it.',
      }),
      mode: Type.Union([Type.Literal('value'), Type.Literal('call')], {
        description: 'value: read the export; call: call it on the reference cases.',
      }),
      shapes: Type.Optional(
        Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_.]*$' }), Type.Array(Type.Integer({ minimum: 0 })), {
          description:
            "Sizes the prompt fixes that the type cannot say, by field of the export's object type (`b1: [3]`, `b2: []` for a single number); checked with the type before the part is graded, in a student kit and in the course alike.",
        }),
      ),
      points: Type.Number({ exclusiveMinimum: 0 }),
      visibility: Type.Optional(Type.Union([Type.Literal('visible'), Type.Literal('hidden')])),
      feedback: Type.Optional(
        Type.Union([Type.Literal('immediate'), Type.Literal('on-submit')], {
          description:
            "What a student kit (`grade release`) checks before submission: 'immediate' grades the part on its public cases, whose expected values ship in the kit; 'on-submit' only checks the answer's form. Default: by check kind (code is immediate, answers are on-submit).",
        }),
      ),
      prompt: Type.String({ minLength: 1 }),
      check,
      hints: Type.Optional(
        Type.Array(Hint, {
          minItems: 1,
          description: 'Hints for common mistakes, shown under a failing case (never for hidden parts).',
        }),
      ),
    },
    { additionalProperties: false },
  );
  const ExerciseSpec = Type.Object(
    {
      $schema: Type.Optional(Type.String()),
      id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }),
      title: Type.String({ minLength: 1 }),
      source: Type.Optional(Type.String({ description: 'The lecture and section the exercise comes from, in words.' })),
      prompt: Type.String({ minLength: 1, description: 'Markdown, shown by `grade show`.' }),
      sizes: Type.Optional(Type.String({ description: 'Why the grader-made inputs are this size.' })),
      parts: Type.Array(PartSpec, { minItems: 1 }),
      typeErrors: Type.Optional(
        Type.Union([Type.Literal('warn'), Type.Literal('fail-part')], {
          description:
            "What a type error in a solution costs: 'warn' (the default) reports it with its file:line:col and grades the parts anyway; 'fail-part' gives 0 to each part whose export has one (in its declared type or its body). Errors outside every export (a helper) are reported and fail no part.",
        }),
      ),
    },
    { additionalProperties: false, $id: 'https://tfgrade.dev/schema/spec-1.json', title: 'tfgrade exercise spec' },
  );
  return { PartSpec, ExerciseSpec };
}

export const { PartSpec, ExerciseSpec } = specSchemas(checkSchema);
export const specSchemasOf = (registry: CheckRegistry) => specSchemas(registry.schema);

export type PartSpec = Static<typeof PartSpec>;
export type Hint = Static<typeof Hint>;
export type ExerciseSpec = Static<typeof ExerciseSpec>;

/** Points an exercise is worth: the sum of its parts' points (rounded like every score, to 1e-6). */
export function maxScoreOf(spec: Pick<ExerciseSpec, 'parts'>): number {
  return roundTo(
    spec.parts.reduce((a, p) => a + p.points, 0),
    6,
  );
}

/** What a student kit does with a part: grade it on public cases, check only its form, or show only its prompt. */
export type KitFeedback = 'immediate' | 'on-submit' | 'hidden';

export function feedbackOf(
  part: Pick<PartSpec, 'visibility' | 'feedback' | 'mode' | 'check'>,
  checks: CheckRegistry = CHECKS,
): KitFeedback {
  if (part.visibility === 'hidden') return 'hidden';
  return part.feedback ?? feedbackFor(checks.byKind(part.check.kind), part.mode);
}
