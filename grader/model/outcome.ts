// Part outcomes: what a check returns and what the engine records for a part (stable reason codes).
import { Type, type Static } from '@sinclair/typebox';
import type { Wire } from './wire.js';

/** 'recorded': a student kit checked only the answer's form (an on-submit or hidden part); graded after submission. */
export const PART_STATUSES = [
  'passed',
  'failed',
  'partial',
  'error',
  'timeout',
  'missing',
  'needs-review',
  'recorded',
] as const;
export type PartStatus = (typeof PART_STATUSES)[number];

/** Stable machine-readable reasons; tests assert these, never message wording. */
export const REASONS = [
  'correct',
  'wrong-value',
  'wrong-type',
  'wrong-shape',
  'wrong-dtype',
  'not-finite',
  'partial-credit',
  'needs-review',
  'not-implemented',
  'missing-file',
  'missing-export',
  'compile-error',
  'import-error',
  'threw',
  'timeout',
  'import-timeout',
  'crashed',
  'exited',
  'out-of-memory',
  'unserializable',
  'output-too-large',
  'invalid-answer',
  'reference-error',
  'reviewed',
  'overridden',
  'recorded',
  'type-error',
] as const;
export type Reason = (typeof REASONS)[number];

/** Mistakes the grader can name by itself (checks/diagnose.ts): a transformation of the expected value that explains
 * every element of the student's. Stable, like reasons: tests and hints key on them. */
export const DIAGNOSIS_CODES = [
  'reshaped',
  'transposed',
  'axes-permuted',
  'reversed',
  'missing-first',
  'missing-last',
  'sign-flipped',
  'squared',
  'square-root',
  'log-of-expected',
  'exp-of-expected',
  'scaled',
  'float32-precision',
  'truncated-normal',
  'variance-as-std',
  'seed-ignored',
  'seed-reorders',
  'uniform',
  'heavy-tails',
  'two-values',
  'constant',
  'unscaled-normal',
] as const;
export type DiagnosisCode = (typeof DIAGNOSIS_CODES)[number];

/** One graded case of a part, explained. Hidden parts keep only `label` and `passed`. */
export const CaseDetail = Type.Object(
  {
    label: Type.String(),
    passed: Type.Boolean(),
    expected: Type.Optional(Type.String()),
    actual: Type.Optional(Type.String()),
    tolerance: Type.Optional(Type.String()),
    maxAbsError: Type.Optional(Type.Number()),
    maxRelError: Type.Optional(Type.Number()),
    worstIndex: Type.Optional(Type.Union([Type.Array(Type.Integer()), Type.String()])),
    note: Type.Optional(Type.String()),
    diagnosis: Type.Optional(
      Type.Object(
        { code: Type.Union(DIAGNOSIS_CODES.map((c) => Type.Literal(c))), message: Type.String() },
        {
          additionalProperties: false,
          description:
            'The mistake the grader recognized: a transformation of the expected value that explains every element of this one.',
        },
      ),
    ),
    hint: Type.Optional(
      Type.String({ description: "The exercise author's hint for this wrong answer or diagnosed mistake." }),
    ),
  },
  { additionalProperties: false },
);
export type CaseDetail = Static<typeof CaseDetail>;

/** What a check returns: pure data, so any reporter can explain it. */
export interface CheckResult {
  /** Fraction of the part's points earned, 0..1. */
  fraction: number;
  status: 'passed' | 'failed' | 'partial' | 'needs-review';
  reason: Reason;
  message: string;
  cases?: CaseDetail[];
}

/** The inputs a check sees for one case: data only, never live objects from the student. */
export interface CaseInput {
  label: string;
  args: Wire[];
  expected: Wire;
  actual: Wire;
}
