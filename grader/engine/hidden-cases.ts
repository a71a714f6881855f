// Hidden cases (the reference's `hiddenCases`): graded like the public ones, reported without a single value of theirs.
// Rule: hints and diagnoses come from the public cases only; a hidden case shows its label `hidden case k` and whether
// it passed. A sandbox failure on one (a throw, a crash) keeps its reason but not its message or location, which the
// student's code writes and could fill with the inputs.
import type { CaseDetail, CaseInput, CheckResult } from '../model/outcome.js';
import type { Failed } from '../sandbox/runner.js';
import { CHECKS, type CheckContext, type CheckRegistry } from '../checks/registry.js';
import { withHints } from './hints.js';
import type { PreparedPart } from './api.js';
import { plural } from '../util/plural.js';

/** How the report names the k-th (1-based) hidden case of a part: never the reference's own label. */
export const hiddenLabel = (k: number): string => `hidden case ${k}`;
/** Whether a report's case is a hidden one (views and tests that treat them apart). */
export const isHiddenLabel = (label: string): boolean => /^hidden case \d+$/.test(label);

/** What a report says of the case at index `i` of a part (hidden ones by their number among the hidden). */
export function caseName(part: PreparedPart, i: number): string {
  const c = part.cases[i];
  return c.hidden
    ? `${hiddenLabel(part.cases.slice(0, i + 1).filter((x) => x.hidden).length)} (an input the course grades without showing it)`
    : c.label;
}

/** A run stopped on a hidden case: its kind and reason stay, the student-written text (message, stack, detail) goes. */
export function withoutHiddenText(stop: Failed): Failed {
  const gone = 'details of hidden cases are not shown; make the code work for any valid input';
  if (stop.kind === 'died') return { ...stop, detail: gone };
  if (stop.kind === 'failure') return { kind: 'failure', failure: { kind: stop.failure.kind, message: gone } };
  return stop;
}

/**
 * Grades a call part's cases (in `part.cases` order, public then hidden) and attaches its hints. With hidden cases the
 * public ones are graded (and hinted) on their own, the hidden ones apart under their `hidden case k` labels, and only
 * the hidden ones' pass/fail and reason code survive the merge.
 */
export async function judgeCases(
  part: PreparedPart,
  cases: CaseInput[],
  ctx: CheckContext,
  checks: CheckRegistry = CHECKS,
): Promise<CheckResult> {
  const isHidden = (i: number): boolean => part.cases[i]?.hidden === true;
  if (!cases.some((_, i) => isHidden(i)))
    return withHints(part, cases, await checks.run(part.spec.check, cases, ctx), ctx, checks);
  const open = cases.filter((_, i) => !isHidden(i));
  const hidden = cases.filter((_, i) => isHidden(i)).map((c, k) => ({ ...c, label: hiddenLabel(k + 1) }));
  const pub = open.length
    ? await withHints(
        { ...part, cases: part.cases.filter((c) => !c.hidden) },
        open,
        await checks.run(part.spec.check, open, ctx),
        ctx,
        checks,
      )
    : undefined;
  return mergeHidden(pub, await checks.run(part.spec.check, hidden, ctx), open.length, hidden.length);
}

/**
 * The part's result from its public result (kept whole) and its hidden result, of which only each case's label and
 * pass/fail, the fraction and the reason code are kept: the hidden check's message and details quote values.
 */
export function mergeHidden(
  pub: CheckResult | undefined,
  hid: CheckResult,
  nPublic: number,
  nHidden: number,
): CheckResult {
  const hiddenDetails: CaseDetail[] = (hid.cases ?? []).map((c) => ({ label: c.label, passed: c.passed }));
  const hiddenFailing = hid.status === 'passed' ? 0 : Math.max(1, hiddenDetails.filter((c) => !c.passed).length);
  const cases = [...(pub?.cases ?? []), ...hiddenDetails];
  if (pub && pub.status !== 'passed' && pub.status !== 'failed' && pub.status !== 'partial') return { ...pub, cases };
  if (hiddenFailing === 0) {
    const allHidden = nHidden === 1 ? 'the hidden case passes' : `all ${nHidden} hidden cases pass`;
    return pub
      ? { ...pub, message: `${pub.message}; ${allHidden} too`, cases }
      : { fraction: 1, status: 'passed', reason: 'correct', message: allHidden, cases };
  }
  const fraction = Math.min(pub?.fraction ?? 1, hid.fraction);
  const status = fraction >= 1 ? 'passed' : fraction > 0 ? 'partial' : 'failed';
  const failingHidden = `${hiddenFailing} of ${plural(nHidden, 'hidden case')}`;
  if (pub && pub.status !== 'passed') {
    return {
      fraction,
      status,
      reason: status === 'partial' ? 'partial-credit' : pub.reason,
      message: `${pub.message}; ${failingHidden} fail too`,
      cases,
    };
  }
  const passes = nPublic ? `passes the ${nPublic === 1 ? 'public case' : `${nPublic} public cases`} but ` : '';
  return {
    fraction,
    status,
    reason: status === 'partial' ? 'partial-credit' : hid.reason,
    message: `${passes}fails ${failingHidden}: the course grades more inputs than the ones you can see, and their values are not shown; make it work for any valid input, not only the public cases`,
    cases,
  };
}
