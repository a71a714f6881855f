// The check registry: the kinds of kinds.ts (or any list, for a test), the spec's `check` schema they make, and runCheck.
import { Type, type Static, type TSchema, type TUnion } from '@sinclair/typebox';
import { TfgradeError } from '../util/errors.js';
import { REASONS, type CaseInput, type CheckResult } from '../model/outcome.js';
import type { CheckContext, CheckKind } from './define.js';
import * as builtIn from './kinds.js';

type BuiltIn = (typeof builtIn)[keyof typeof builtIn];
/** The `check` of a part: one of the built-in kinds' specs. */
export type CheckSpec = Static<BuiltIn['schema']>;
export type CheckKindName = CheckSpec['kind'];
export type CheckOf<K extends CheckKindName> = Extract<CheckSpec, { kind: K }>;

export interface CheckRegistry {
  readonly kinds: readonly CheckKind[];
  /** The kind names, in the order of `schema`'s branches (spec errors pick the branch a part's kind selects). */
  readonly names: readonly string[];
  /** The spec's `check` field: one closed object per kind. */
  readonly schema: TSchema;
  byKind(kind: string): CheckKind;
  /**
   * Grade one part. Malformed student values always come back as a result (wrong-type, invalid-answer, ...); a throw
   * means the grader, spec or reference is at fault (SPEC_INVALID / REFERENCE_INVALID / INTERNAL).
   */
  run(
    check: { readonly kind: string; readonly [field: string]: unknown },
    cases: CaseInput[],
    ctx: CheckContext,
  ): Promise<CheckResult>;
}

const STATUSES = ['passed', 'failed', 'partial', 'needs-review'];

export function checkRegistry(kinds: readonly CheckKind[]): CheckRegistry {
  const byName = new Map(kinds.map((k) => [k.kind, k]));
  if (byName.size !== kinds.length) throw new TfgradeError('INTERNAL', 'two check kinds share a name');
  const byKind = (kind: string): CheckKind => {
    const k = byName.get(kind);
    if (!k) throw new TfgradeError('INTERNAL', `no check for kind '${kind}'`);
    return k;
  };
  return {
    kinds,
    names: kinds.map((k) => k.kind),
    schema: Type.Union(kinds.map((k) => k.schema)),
    byKind,
    async run(check, cases, ctx) {
      const result = await byKind(check.kind).grade(check as never, cases, ctx);
      // A result outside the contract is a bug in a check; catch it here, not in a reporter.
      if (
        !(result.fraction >= 0 && result.fraction <= 1) ||
        !STATUSES.includes(result.status) ||
        !REASONS.includes(result.reason)
      ) {
        throw new TfgradeError(
          'INTERNAL',
          `check '${check.kind}' returned an invalid result: ${JSON.stringify({ ...result, cases: undefined })}`,
        );
      }
      return result;
    },
  };
}

/** The course's kinds. Sorted by name (a module namespace is), which is also the order of spec.schema.json's branches. */
export const CHECKS = checkRegistry(Object.values(builtIn) as CheckKind[]);

/** The `check` schema typed as the union of the built-in kinds, for the spec model's TS types. */
export const checkSchema = CHECKS.schema as TUnion<BuiltIn['schema'][]>;

export type { CheckContext, CheckKind, BehaviorPredicate } from './define.js';
