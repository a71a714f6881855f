// The contract of reference/<id>.ts: the instructor's solution (same export names as students) plus grader inputs.
import type * as tfType from '@tensorflow/tfjs';
import type { Wire } from './wire.js';

/** One grader-made input for a `call` part. Args may hold tensors; they are serialized for the sandbox. */
export interface CaseDef {
  label: string;
  args: unknown[];
  /** Only when the expected value is not "the reference export called on args" (e.g. statistical targets). */
  expected?: unknown;
}

export type Tf = typeof tfType;

/**
 * reference/<id>.ts exports `cases` (per call part), optionally `behaviors` (per behavior predicate, and predicates that
 * recognize a mistake for a behavior part's hints) and `mistakes`: common wrong versions of a call part's export, called
 * like it on every case, so a hint can say "that is the mistake of ..." when a student's value matches one.
 */
export interface ReferenceExtras {
  cases?: Record<string, (tf: Tf) => CaseDef[]>;
  /**
   * More cases per call part, from inputs that never leave the course folder: `grade`, `grade batch` and the Gradescope
   * bundle run them after the public `cases`; a student kit (`grade release`) holds neither their inputs nor their
   * expected values, so a solution that hard-codes the public outputs passes the kit and fails the course grade.
   */
  hiddenCases?: Record<string, (tf: Tf) => CaseDef[]>;
  mistakes?: Record<string, (...args: never[]) => unknown>;
  behaviors?: Record<
    string,
    (
      tf: Tf,
      actual: Wire,
      args: Wire[],
    ) => { pass: boolean; message: string } | Promise<{ pass: boolean; message: string }>
  >;
}
