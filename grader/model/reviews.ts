// reviews.json, the TA's decisions of a batch folder: one TypeBox source for the TS types and the schema it is read with.
import { Type, type Static } from '@sinclair/typebox';
import type { ErrorObject } from 'ajv';
import { strictValidator } from './validate-report.js';

export const REVIEWS_VERSION = 1;

const Id = Type.String({ minLength: 1 });

/** One human decision on one part of one student. */
export const Decision = Type.Object(
  {
    student: Id,
    exercise: Id,
    part: Id,
    kind: Type.Union([Type.Literal('review'), Type.Literal('override')]),
    score: Type.Number({ minimum: 0, description: "Points given; applied capped at the part's points." }),
    comment: Type.Optional(Type.String()),
    reason: Type.Optional(Type.String({ description: 'Overrides: why the automatic score was replaced.' })),
    answerHash: Type.Optional(
      Type.String({ description: "The part's answerHash when the decision was made; it applies only to that answer." }),
    ),
    by: Type.String(),
    at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const ReviewsFile = Type.Object(
  { reviewsVersion: Type.Literal(REVIEWS_VERSION), decisions: Type.Array(Decision) },
  { additionalProperties: false },
);

export type Decision = Static<typeof Decision>;
export type ReviewsFile = Static<typeof ReviewsFile>;

const reviewsValidator = strictValidator(ReviewsFile);

/** What is wrong with a parsed reviews.json (empty: it is one). */
export function reviewsFileErrors(data: unknown): ErrorObject[] {
  const compiled = reviewsValidator();
  return compiled(data) ? [] : [...(compiled.errors ?? [])];
}
