// The JSON report: one result model for every reporter; TS types and grader/report.schema.json derive from here.
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { CaseDetail, PART_STATUSES, REASONS } from './outcome.js';

export const REPORT_SCHEMA_VERSION = '1.5.0';

const lit = <T extends readonly string[]>(xs: T) =>
  Type.Union(xs.map((x) => Type.Literal(x))) as unknown as TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }>;
/** TensorFlow.js backends a report can name (the CLI adds 'auto'). */
export const BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export const SANDBOX_LEVELS = ['bubblewrap', 'basic'] as const;
/** The views of a report `--format` accepts (grader/report/): text for people, the others files for machines. */
export const FORMATS = ['text', 'json', 'gradescope', 'junit', 'lti'] as const;
export type ReportFormat = (typeof FORMATS)[number];

/** When an on-submit part's result (score, verdict, expected values) reaches the student on Gradescope: a course setting. */
export const REVEAL_CHOICES = ['after_due_date', 'after_published'] as const;
export type Reveal = (typeof REVEAL_CHOICES)[number];

/** `--format gradescope`'s reveal options; a Gradescope bundle fixes them for its course (bundle/scripts.ts). */
export interface GradescopeOptions {
  /** When on-submit parts' results are shown (default after_due_date). */
  reveal?: Reveal;
  /** Show an on-submit part's score and pass/fail at once (its details still wait for `reveal`); off by default. */
  revealScores?: boolean;
}
/** What a sandbox command can enforce; which ones apply depends on the platform (grader/sandbox/command.ts). */
export const ENFORCED = [
  'time',
  'heap',
  'output',
  'permission-model',
  'data-rlimit',
  'no-core-dumps',
  'namespaces',
  'read-only-root',
] as const;

export const ExerciseStatus = lit(PART_STATUSES);

/** A human decision on a part, applied over the automatic result (which it keeps, to undo or audit). */
export const Review = Type.Object(
  {
    kind: lit(['review', 'override'] as const),
    by: Type.String({ description: 'Who decided.' }),
    at: Type.String({ format: 'date-time' }),
    comment: Type.Optional(Type.String()),
    reason: Type.Optional(Type.String({ description: 'Overrides: why the automatic score was replaced.' })),
    automatic: Type.Object(
      { score: Type.Number({ minimum: 0 }), status: lit(PART_STATUSES), reason: lit(REASONS) },
      { additionalProperties: false, description: 'What the grader decided by itself.' },
    ),
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
    suggestedScore: Type.Optional(
      Type.Number({
        minimum: 0,
        description: 'needs-review parts: the score a keyword rubric suggests; score stays 0 until a human reviews.',
      }),
    ),
    visibility: lit(['visible', 'hidden'] as const),
    /** The part's feedback setting. In a student kit, 'immediate' parts were graded on the public cases, 'on-submit' and 'hidden' ones only checked for form (status recorded); in the course, views for students withhold the result of 'on-submit' parts until the due date. */
    feedback: Type.Optional(lit(['immediate', 'on-submit', 'hidden'] as const)),
    cases: Type.Optional(Type.Array(CaseDetail)),
    warnings: Type.Optional(Type.Array(Type.String())),
    durationMs: Type.Optional(Type.Number({ minimum: 0 })),
    answerHash: Type.Optional(
      Type.String({
        description:
          "A hash of the student's values for this part: a human decision applies only while the answer it was made on is unchanged.",
      }),
    ),
    answer: Type.Optional(
      Type.String({ description: "needs-review parts: the student's answer in full, for the reviewer." }),
    ),
    review: Type.Optional(Review),
  },
  { additionalProperties: false },
);

/** One TypeScript diagnostic of a solution, at the student's own file:line:col. */
export const TypeDiagnostic = Type.Object(
  {
    file: Type.String({ description: 'The file, relative to the submission folder.' }),
    line: Type.Integer({ minimum: 1 }),
    col: Type.Integer({ minimum: 1 }),
    code: Type.Integer({ description: "TypeScript's error code (2322 is TS2322)." }),
    message: Type.String(),
    part: Type.Optional(
      Type.String({
        description:
          "The part whose export (its declared type, or its body) the error is in; absent for a helper's or the top level's.",
      }),
    ),
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
    output: Type.Optional(
      Type.String({ description: "The student's own console output, capped and stripped of control codes." }),
    ),
    typeErrors: Type.Optional(
      Type.Array(TypeDiagnostic, {
        description:
          "The solution's type errors, checked against each part's declared type before it ran (the spec's typeErrors says whether they cost points).",
      }),
    ),
    warnings: Type.Optional(
      Type.Array(Type.String(), {
        description:
          'Exercise-level warnings that cost no points, e.g. an error thrown by code the module left running after it loaded.',
      }),
    ),
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
      {
        name: lit(BACKENDS),
        version: Type.String(),
        package: Type.Optional(Type.String()),
        requested: lit(['auto', ...BACKENDS] as const),
        reason: Type.String({
          description: 'Why this backend ran: what --backend auto found, or that it was asked for.',
        }),
      },
      { additionalProperties: false },
    ),
    sandbox: Type.Object(
      {
        level: lit(SANDBOX_LEVELS),
        platform: Type.String({ description: "The grader's platform (process.platform): linux, darwin, win32, ..." }),
        enforced: Type.Array(lit(ENFORCED), { description: 'The limits and barriers in force on this platform.' }),
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
export type Review = Static<typeof Review>;
export type ExerciseReport = Static<typeof ExerciseReport>;
export type TypeDiagnostic = Static<typeof TypeDiagnostic>;
export type Report = Static<typeof Report>;
export type ExerciseStatus = Static<typeof ExerciseStatus>;
export type BackendChoice = (typeof BACKENDS)[number];
export type SandboxLevel = (typeof SANDBOX_LEVELS)[number];
export type Enforced = (typeof ENFORCED)[number];

/** Nothing failed (exit 0, `passed` in summaries): parts awaiting a human (needs-review) are pending, not failed. */
export const allPassed = (r: Report): boolean =>
  r.exercises.every((e) => e.parts.every((p) => PENDING_OR_PASSED.has(p.status)));
/** Not failed: passed, or waiting for a human (needs-review) or for submission (recorded, in a student kit). */
const PENDING_OR_PASSED = new Set<string>(['passed', 'needs-review', 'recorded']);
