// What went wrong in a load or a call, as the RunFailure the grader receives: a pure reading of the thrown value.
import { types } from 'node:util';
import type { RunFailure } from '../protocol/messages.js';
import { WireError } from '../protocol/wire-codec.js';
import { describeThrown } from './thrown.js';
import { isKernelMissing } from '../tf/loader.js';

const isProxy = types.isProxy;

/** Thrown by the child's replacement for process.exit (see serve.ts): the call that exits fails, not the child. */
export class ExitCalled extends Error {}
/** An export of the wrong kind (a function where a value was asked for, or the reverse). */
export class WrongType extends Error {}

/**
 * How a call failed. `filename`: the solution's file, whose frame becomes `stack`; `memoryMb`: the child's memory
 * limit (see beyondLimit).
 */
export function failure(e: unknown, filename: string, memoryMb: number | undefined): RunFailure {
  // instanceof on a thrown Proxy runs its getPrototypeOf trap, which may throw again (fixture he-init--tricky-values).
  if (isProxy(e)) return { kind: 'threw', message: 'a Proxy was thrown; throw an Error' };
  if (e instanceof ExitCalled) return { kind: 'exited', message: e.message };
  if (e instanceof WireError) return { kind: e.kind, message: e.message };
  if (e instanceof WrongType) return { kind: 'wrong-type', message: e.message };
  const d = describeThrown(e, filename);
  if (/not implemented yet/i.test(d.message)) return { kind: 'not-implemented', message: d.message };
  // Caught allocation failures: ArrayBuffer/Buffer (Node 24 says "Failed to allocate memory"), tfjs' wasm heap, a
  // WebAssembly.Memory that cannot grow.
  if (
    /Array buffer allocation failed|Failed to allocate memory|out of memory|Cannot allocate Wasm memory|Unable to grow instance memory/i.test(
      d.message,
    ) ||
    beyondLimit(d.message, memoryMb)
  ) {
    return { kind: 'out-of-memory', message: d.message };
  }
  return { kind: 'threw', message: d.message, stack: d.where, kernelMissing: isKernelMissing(d.message) || undefined };
}

/** How a module's top level failed: what would be a plain throw in a call is an import error. */
export function importFailure(e: unknown, filename: string, memoryMb: number | undefined): RunFailure {
  const f = failure(e, filename, memoryMb);
  return f.kind === 'threw' ? { ...f, kind: 'import-error' } : f;
}

/**
 * Node 20 refuses a 10^10-element typed array as an "Invalid typed array length"; Node 22 tries, and fails to allocate
 * it. Both are the same student mistake, so a length beyond the memory limit (in bytes, at one byte an element) is
 * out of memory on every Node.
 */
export function beyondLimit(message: string, memoryMb: number | undefined): boolean {
  const m = /Invalid typed array length: (\d+)/.exec(message);
  return !!m && memoryMb !== undefined && Number(m[1]) > memoryMb * 2 ** 20;
}
