// The check registry and runCheck: dispatch a part's spec to its check kind and sanity-check the result.
import { TfgradeError } from '../util/errors.js';
import type { CheckKind, CheckSpec } from '../model/spec.js';
import { REASONS, type CaseInput, type CheckResult } from '../model/outcome.js';
import type { CheckContext, CheckFn } from './types.js';
import { choice } from './choice.js';
import { multiChoice } from './multi-choice.js';
import { boolean } from './boolean.js';
import { numeric } from './numeric.js';
import { expression } from './expression.js';
import { tensor } from './tensor.js';
import { statistical } from './statistical.js';
import { behavior } from './behavior.js';
import { freeText } from './free-text.js';

export const CHECKS: { [K in CheckKind]: CheckFn<K> } = {
  choice,
  'multi-choice': multiChoice,
  boolean,
  numeric,
  expression,
  tensor,
  statistical,
  behavior,
  'free-text': freeText,
};

const STATUSES = ['passed', 'failed', 'partial', 'needs-review'];

/**
 * Grade one part. Malformed student values always come back as a result (wrong-type,
 * invalid-answer, ...); a throw means the grader, spec or reference is at fault (TfgradeError
 * SPEC_INVALID / REFERENCE_INVALID / INTERNAL), and the engine should report it as such.
 */
export async function runCheck(spec: CheckSpec, cases: CaseInput[], ctx: CheckContext): Promise<CheckResult> {
  const fn = CHECKS[spec.kind] as CheckFn<CheckKind> | undefined;
  if (!fn) throw new TfgradeError('INTERNAL', `no check for kind '${(spec as { kind: string }).kind}'`);
  const result = await fn(spec as never, cases, ctx);
  // A result outside the contract is a bug in a check; catch it here, not in a reporter.
  if (!(result.fraction >= 0 && result.fraction <= 1) || !STATUSES.includes(result.status) || !REASONS.includes(result.reason)) {
    throw new TfgradeError('INTERNAL', `check '${spec.kind}' returned an invalid result: ${JSON.stringify({ ...result, cases: undefined })}`);
  }
  return result;
}

export type { CheckContext, CheckFn, BehaviorPredicate } from './types.js';
