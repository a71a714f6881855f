// The contract every check kind implements: pure function of spec + case data -> CheckResult.
import type { CheckKind, CheckOf } from '../model/spec.js';
import type { CaseInput, CheckResult } from '../model/outcome.js';
import type { Wire } from '../model/wire.js';

/** A reference-side predicate for `behavior` checks: runs in the trusted grader on student data. */
export type BehaviorPredicate = (actual: Wire, args: Wire[]) => { pass: boolean; message: string } | Promise<{ pass: boolean; message: string }>;

export interface CheckContext {
  /** Seeded so that random sample points are reproducible run to run. */
  seed: number;
  behaviors: Record<string, BehaviorPredicate>;
}

export type CheckFn<K extends CheckKind> = (spec: CheckOf<K>, cases: CaseInput[], ctx: CheckContext) => CheckResult | Promise<CheckResult>;
