// What a check kind is, in one place (as ajv defines a keyword in one file): its spec schema, whether its expected value
// is the answer, its feedback default, its rules, what it needs of the reference, how `show` prints it, how it grades.
import {
  Type,
  type Static,
  type TLiteral,
  type TObject,
  type TOptional,
  type TProperties,
  type TString,
} from '@sinclair/typebox';
import type { CaseInput, CheckResult, DiagnosisCode } from '../model/outcome.js';
import type { Wire } from '../model/wire.js';

/** Shared by every kind's schema: why the tolerance or bound is right for the part. */
export const Why = Type.Optional(Type.String({ description: 'Why this tolerance or bound is right for the part.' }));

/** The spec schema of a kind: its `kind` literal, `why`, and its own fields. */
export type KindSchema<K extends string, P extends TProperties> = TObject<
  { kind: TLiteral<K>; why: TOptional<TString> } & P
>;
/** The spec of one part's check of this kind, as a TypeScript type. */
export type KindSpec<K extends string, P extends TProperties> = Static<KindSchema<K, P>>;

/** A reference-side predicate for `behavior` checks: runs in the trusted grader on student data. */
export type BehaviorPredicate = (
  actual: Wire,
  args: Wire[],
) => { pass: boolean; message: string } | Promise<{ pass: boolean; message: string }>;

export interface CheckContext {
  /** Seeded so that random sample points are reproducible run to run. */
  seed: number;
  behaviors: Record<string, BehaviorPredicate>;
}

/** A problem a rule finds in a part; `path` is below the part (`check.options`, `mode`). */
export interface RuleProblem {
  path: string;
  message: string;
  fix: string;
}

/** What the reference offers a kind besides the exports (today: the `behaviors` predicates). */
export interface ReferenceView {
  behaviors: Record<string, unknown>;
}

export type Feedback = 'immediate' | 'on-submit';

/** The feedback default of a part of this kind and mode. */
export function feedbackFor(kind: Pick<CheckDefinition, 'feedback'>, mode: 'value' | 'call'): Feedback {
  return typeof kind.feedback === 'string' ? kind.feedback : kind.feedback[mode];
}

export interface CheckDefinition<K extends string = string, P extends TProperties = TProperties> {
  kind: K;
  /** One line for the schema and `grade show`. */
  description: string;
  fields: P;
  /** The expected value IS the answer (an option id, a formula, a model essay): reports never show it. */
  answer: boolean;
  /**
   * What a student kit may tell before submission: 'immediate' (checked on public cases, expected values shown) or
   * 'on-submit' (only whether the answer is well-formed); per part mode where it differs (a numeric value is an
   * answer, a numeric function is code). A part's spec may override it.
   */
  feedback: Feedback | { value: Feedback; call: Feedback };
  /** The mistakes this kind can name by itself (checks/diagnose.ts); a part's hints may key on them. */
  diagnoses?: readonly DiagnosisCode[];
  /** A part's hints may key on a wrong answer, matched the way this kind compares an answer with the expected one. */
  hintsByAnswer?: boolean;
  /**
   * How a call part's hint keys on a mistake of the reference: 'output' (a wrong version of the export, whose value on
   * each case is compared like the expected one) or 'predicate' (a reference predicate that recognizes the mistake).
   */
  mistakes?: 'output' | 'predicate';
  // Methods, not function-typed fields: a kind's definition must be usable where any kind is expected.
  /** Cross-field rules the JSON Schema cannot state. */
  rules?(check: KindSpec<K, P>, part: { mode: 'value' | 'call' }): RuleProblem[];
  /** The reference must provide more than the export (a behavior's predicate); returns what is missing, if anything. */
  reference?(check: KindSpec<K, P>, ref: ReferenceView): { message: string; fix: string } | undefined;
  /**
   * Whether a student's value is a hint's wrong answer, where the kind's own comparison with an expected value is not
   * what "this answer" means (a multi-choice hint names one wrong pick, not a whole set). Absent: that comparison.
   */
  hintMatches?(check: KindSpec<K, P>, answer: Wire, actual: Wire): boolean;
  /**
   * The check fields an `on-submit` part keeps in a student kit: what `wellFormed` needs (the option list, the
   * expression's variables) and nothing that narrows the answer (tolerances, `required`, a rubric, `why`). Absent: none.
   */
  kitFields?: readonly (keyof P & string)[];
  /**
   * Whether a value has the form of an answer of this kind, without knowing the answer (a student kit's `on-submit`
   * parts): undefined when it does, else what is wrong. Absent: any value but null and undefined.
   */
  wellFormed?(check: KindSpec<K, P>, actual: Wire): string | undefined;
  /**
   * What this kind's grade accepts beyond the part's declared TypeScript type, for the form check of checks/form.ts: a
   * number written as a mathjs string (numeric), a tensor where a number array is declared (a behavior's predicate).
   */
  form?: { numberStrings?: boolean; tensorsForArrays?: boolean };
  /** Lines `grade show` prints under the part (the options of a choice), indented by the caller. */
  show?(check: KindSpec<K, P>): string[];
  grade(check: KindSpec<K, P>, cases: CaseInput[], ctx: CheckContext): CheckResult | Promise<CheckResult>;
}

export interface CheckKind<K extends string = string, P extends TProperties = TProperties>
  extends CheckDefinition<K, P> {
  schema: KindSchema<K, P>;
}

/** A kind with its schema built from its fields; every object is closed, so a typo in a spec is an error. */
export function defineCheck<const K extends string, P extends TProperties>(
  def: CheckDefinition<K, P>,
): CheckKind<K, P> {
  const schema = Type.Object(
    { kind: Type.Literal(def.kind), why: Why, ...def.fields },
    { additionalProperties: false, description: def.description },
  ) as unknown as KindSchema<K, P>;
  return { ...def, schema };
}

/** Tolerance fields of the numeric kinds: |a - e| <= atol + rtol * |e|. */
export const Tol = {
  rtol: Type.Optional(Type.Number({ minimum: 0, description: 'Relative tolerance.' })),
  atol: Type.Optional(Type.Number({ minimum: 0, description: 'Absolute tolerance.' })),
};
