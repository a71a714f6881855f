// Per-case verdicts folded into one CheckResult, plus small wire helpers every check kind shares.
import { TfgradeError } from '../util/errors.js';
import { describeWire, type Wire } from '../model/wire.js';
import type { CaseDetail, CaseInput, CheckResult, Reason } from '../model/outcome.js';

/** Reports stay readable: at most this many case details per part. */
export const MAX_DETAILS = 20;

export interface Verdict {
  passed: boolean;
  reason: Reason;
  message: string;
  /** Credit for this case; defaults to 1 when passed, 0 when not. */
  fraction?: number;
  detail?: Omit<CaseDetail, 'label' | 'passed'>;
}

export const ok = (message = 'correct', detail?: Verdict['detail']): Verdict => ({
  passed: true,
  reason: 'correct',
  message,
  detail,
});
export const bad = (reason: Reason, message: string, detail?: Verdict['detail']): Verdict => ({
  passed: false,
  reason,
  message,
  detail,
});

/** A check receiving no cases is a preparation bug, never a student's fault. */
export function requireCases(cases: CaseInput[], kind: string): void {
  if (cases.length === 0) throw new TfgradeError('INTERNAL', `${kind} check called with no cases`);
}

/** A bad expected value is the reference's fault: fail loudly instead of failing every student. */
export function referenceError(message: string): TfgradeError {
  return new TfgradeError(
    'REFERENCE_INVALID',
    message,
    "fix the reference export or its cases; this is not the student's fault",
  );
}

/**
 * A part passes only if every case passes; credit is the smallest case credit; the reason and
 * message are those of the first failing case, prefixed with its label when there are several.
 */
export function combine(cases: CaseInput[], given: Verdict[]): CheckResult {
  const verdicts = consistentDiagnoses(given);
  const n = cases.length;
  const details: CaseDetail[] = cases.map((c, i) => ({
    label: c.label,
    passed: verdicts[i].passed,
    expected: describeWire(c.expected),
    actual: describeWire(c.actual),
    ...verdicts[i].detail,
  }));
  const failing = verdicts.map((v, i) => (v.passed ? -1 : i)).filter((i) => i >= 0);
  const fraction = clamp01(Math.min(...verdicts.map((v) => v.fraction ?? (v.passed ? 1 : 0))));
  const capped = capDetails(details, failing[0]);
  if (failing.length === 0) {
    return {
      fraction: 1,
      status: 'passed',
      reason: 'correct',
      message: n === 1 ? verdicts[0].message : `all ${n} cases pass`,
      cases: capped,
    };
  }
  const first = failing[0];
  const v = verdicts[first];
  const message = n === 1 ? v.message : `${cases[first].label}: ${v.message} (${failing.length} of ${n} cases fail)`;
  const status = fraction >= 1 ? 'passed' : fraction > 0 ? 'partial' : 'failed';
  return {
    fraction: status === 'passed' ? 1 : fraction,
    status,
    reason: status === 'partial' ? 'partial-credit' : v.reason,
    message,
    cases: capped,
  };
}

/**
 * A diagnosis names a systematic mistake: it stays only when every failing case of the part carries the same one. Cases
 * that disagree (one looks scaled, another squared) are coincidences, and nothing is claimed.
 */
function consistentDiagnoses(verdicts: Verdict[]): Verdict[] {
  const failing = verdicts.filter((v) => !v.passed);
  const first = failing[0]?.detail?.diagnosis;
  const same =
    first !== undefined &&
    failing.every((v) => v.detail?.diagnosis?.code === first.code && v.detail.diagnosis.message === first.message);
  if (same || !verdicts.some((v) => v.detail?.diagnosis)) return verdicts;
  return verdicts.map((v) => {
    if (!v.detail?.diagnosis) return v;
    const { diagnosis: _dropped, ...detail } = v.detail;
    return { ...v, detail };
  });
}

/** Keep the first MAX_DETAILS cases, but never drop the first failing one: it explains the result. */
function capDetails(details: CaseDetail[], firstFailing: number | undefined): CaseDetail[] {
  if (details.length <= MAX_DETAILS) return details;
  const kept = details.slice(0, MAX_DETAILS);
  if (firstFailing !== undefined && firstFailing >= MAX_DETAILS) kept[MAX_DETAILS - 1] = details[firstFailing];
  return kept;
}

export function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

/** "a number (3)", "an array ([1, 2])": what the student gave, in words a student recognizes. */
export function whatIs(w: Wire): string {
  switch (w.t) {
    case 'tensor':
      return `a tensor (${describeWire(w, 4)})`;
    case 'number':
      return `the number ${describeWire(w)}`;
    case 'string':
      return `the string ${describeWire(w)}`;
    case 'boolean':
      return `the boolean ${w.v}`;
    case 'null':
      return 'null';
    case 'undefined':
      return 'undefined';
    case 'array':
      return `an array (${describeWire(w, 4)})`;
    case 'object':
      return `an object (${describeWire(w, 4)})`;
    default:
      return 'an unknown value';
  }
}

/** Object wire lookup without building a JS object, so keys like __proto__ stay inert; first entry wins. */
export function getEntry(w: Extract<Wire, { t: 'object' }>, key: string): Wire | undefined {
  for (const [k, v] of w.entries) if (k === key) return v;
  return undefined;
}

/** A tensor wire whose shape and data agree; otherwise a description of what is malformed. */
export function tensorProblem(w: Extract<Wire, { t: 'tensor' }>): string | null {
  if (!Array.isArray(w.shape) || !w.shape.every((d) => Number.isSafeInteger(d) && d >= 0))
    return 'its shape is not a list of sizes';
  if (!ArrayBuffer.isView(w.data)) return 'it has no data';
  const size = w.shape.reduce((p, d) => p * d, 1);
  if (size !== w.data.length) return `it holds ${w.data.length} values but shape [${w.shape.join(', ')}] needs ${size}`;
  return null;
}

export const shapeStr = (shape: number[]): string => `[${shape.join(', ')}]`;
