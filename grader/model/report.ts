// The JSON report: one result model for every reporter; TS types and grader/report.schema.json derive from here.
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { PART_STATUSES, REASONS } from './outcome.js';

export const REPORT_SCHEMA_VERSION = '1.0.0';

const lit = <T extends readonly string[]>(xs: T) =>
  Type.Union(xs.map((x) => Type.Literal(x))) as unknown as TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }>;
export const ExerciseStatus = lit(['passed', 'failed', 'partial', 'error', 'timeout', 'missing', 'needs-review'] as const);

export const CaseDetailSchema = Type.Object(
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
  },
  { additionalProperties: false },
);

export const PartReport = Type.Object(
  {
    id: Type.String(),
    kind: Type.String({ description: 'The check kind from the spec.' }),
    score: Type.Number({ minimum: 0 }),
    maxScore: Type.Number({ minimum: 0 }),
    status: lit(PART_STATUSES),
    reason: lit(REASONS),
    message: Type.String(),
    suggestedScore: Type.Optional(Type.Number({ minimum: 0, description: 'needs-review parts: the score a keyword rubric suggests; score stays 0 until a human reviews.' })),
    visibility: lit(['visible', 'hidden'] as const),
    cases: Type.Optional(Type.Array(CaseDetailSchema)),
    warnings: Type.Optional(Type.Array(Type.String())),
    durationMs: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const ExerciseReport = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    score: Type.Number({ minimum: 0 }),
    maxScore: Type.Number({ minimum: 0 }),
    status: ExerciseStatus,
    file: Type.String({ description: 'The solution file graded, relative to the submission folder.' }),
    parts: Type.Array(PartReport),
    output: Type.Optional(Type.String({ description: "The student's own console output, capped and stripped of control codes." })),
  },
  { additionalProperties: false },
);

export const Report = Type.Object(
  {
    schemaVersion: Type.Literal(REPORT_SCHEMA_VERSION),
    tool: Type.Object({ name: Type.Literal('tfgrade'), version: Type.String() }, { additionalProperties: false }),
    createdAt: Type.String({ format: 'date-time' }),
    submission: Type.Object(
      { path: Type.String(), student: Type.Optional(Type.String()) },
      { additionalProperties: false },
    ),
    score: Type.Number({ minimum: 0 }),
    maxScore: Type.Number({ minimum: 0 }),
    status: ExerciseStatus,
    backend: Type.Object(
      { name: lit(['tensorflow', 'wasm', 'cpu'] as const), version: Type.String(), package: Type.Optional(Type.String()) },
      { additionalProperties: false },
    ),
    sandbox: Type.Object(
      {
        level: lit(['bubblewrap', 'basic'] as const),
        description: Type.String(),
        limits: Type.Object(
          { partTimeoutMs: Type.Integer(), memoryMb: Type.Integer(), outputBytes: Type.Integer() },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false },
    ),
    durationMs: Type.Number({ minimum: 0 }),
    exercises: Type.Array(ExerciseReport),
    warnings: Type.Array(Type.String()),
  },
  { additionalProperties: false, $id: 'https://tfgrade.dev/schema/report-1.json', title: 'tfgrade report' },
);

export type PartReport = Static<typeof PartReport>;
export type ExerciseReport = Static<typeof ExerciseReport>;
export type Report = Static<typeof Report>;
export type ExerciseStatus = Static<typeof ExerciseStatus>;
export type BackendName = Report['backend']['name'];
export type SandboxLevel = Report['sandbox']['level'];
