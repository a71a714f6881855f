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

/** reference/<id>.ts exports `cases` (per call part) and optionally `behaviors` (per behavior predicate). */
export interface ReferenceExtras {
  cases?: Record<string, (tf: Tf) => CaseDef[]>;
  behaviors?: Record<string, (tf: Tf, actual: Wire, args: Wire[]) => { pass: boolean; message: string } | Promise<{ pass: boolean; message: string }>>;
}
