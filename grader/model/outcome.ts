// Part outcomes: what a check returns and what the engine records for a part (stable reason codes).
import type { Wire } from './wire.js';

export const PART_STATUSES = ['passed', 'failed', 'partial', 'error', 'timeout', 'missing', 'needs-review'] as const;
export type PartStatus = (typeof PART_STATUSES)[number];

/** Stable machine-readable reasons; tests assert these, never message wording. */
export const REASONS = [
  'correct', 'wrong-value', 'wrong-type', 'wrong-shape', 'wrong-dtype', 'not-finite', 'partial-credit',
  'needs-review', 'not-implemented', 'missing-file', 'missing-export', 'compile-error', 'import-error', 'threw',
  'timeout', 'import-timeout', 'crashed', 'exited', 'out-of-memory', 'unserializable', 'output-too-large',
  'invalid-answer', 'reference-error',
] as const;
export type Reason = (typeof REASONS)[number];

/** One graded case of a part, explained. Hidden parts drop `expected`. */
export interface CaseDetail {
  label: string;
  passed: boolean;
  expected?: string;
  actual?: string;
  tolerance?: string;
  maxAbsError?: number;
  maxRelError?: number;
  worstIndex?: number[] | string;
  note?: string;
}

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
