// What the grader believes of the child's answers: every field checked, a forged or malformed answer is a failure,
// never trusted data. Also how a part's calls are split into requests.
import { RUN_FAILURE_KINDS, type RunFailure } from '../protocol/messages.js';
import { isWire, wireBytes, type Wire } from '../model/wire.js';
import type { Answer } from './session.js';
import { stripControl } from './output.js';

export type Failed =
  | { kind: 'failure'; failure: RunFailure }
  | { kind: 'timeout' }
  | { kind: 'died'; reason: 'crashed' | 'out-of-memory'; detail: string };

/**
 * A part's calls (or its one read): a value per call, in order, or the values before the call `at` that stopped the
 * part and how it stopped. `onCpu`: values that came from the cpu backend (see Runner.runPart).
 */
export interface PartRun {
  values: Wire[];
  stop?: Failed;
  at: number;
  leakedTensors: number;
  ms: number;
  onCpu: number;
}

/** What one request gave; `at` is relative to its own calls. */
export type RequestRun = Omit<PartRun, 'onCpu'>;

/** Inputs per run request: big tensors (p4/p6 weight stacks are MBs each) go a few at a time, small ones all at once. */
export const REQUEST_INPUT_BYTES = 8 * 2 ** 20;

/** Consecutive calls grouped so that one request carries about REQUEST_INPUT_BYTES of inputs (a bigger call alone). */
export function batches(calls: Wire[][]): Wire[][][] {
  const out: Wire[][][] = [];
  let size = Infinity;
  for (const args of calls) {
    const bytes = args.reduce((n, w) => n + wireBytes(w), 0);
    if (size + bytes > REQUEST_INPUT_BYTES) {
      out.push([]);
      size = 0;
    }
    out[out.length - 1].push(args);
    size += bytes;
  }
  return out;
}

/**
 * The answer to a load (`expected` 0) or a run of `expected` calls. `kill`: this child must not grade anything else
 * (it hung or died, or a caught allocation failure may have left its wasm heap or V8 unusable).
 */
export function judgeAnswer(a: Answer, expected: number): { ran: RequestRun; kill: boolean } {
  const last = Math.max(0, expected - 1);
  const stopped = (stop: Failed, at = 0, kill = false) => ({
    ran: { values: [], stop, at, leakedTensors: 0, ms: 0 },
    kill,
  });
  if (a.kind !== 'ok')
    return stopped(
      a.kind === 'timeout' ? { kind: 'timeout' } : { kind: 'died', reason: a.reason, detail: a.detail },
      Math.min(a.call, last),
      true,
    );
  const m = a.msg;
  if (m.type === 'loaded')
    return m.ok
      ? { ran: { values: [], at: 0, leakedTensors: 0, ms: 0 }, kill: false }
      : stopped({ kind: 'failure', failure: cleanFailure(m.failure) });
  if (m.type !== 'result')
    return stopped({ kind: 'died', reason: 'crashed', detail: 'unexpected message from the sandbox' });
  const values = Array.isArray(m.values) ? m.values : [];
  const complete = m.failure === undefined ? values.length === expected : values.length < expected;
  if (!complete || !values.every((v) => isWire(v))) {
    return stopped(
      { kind: 'failure', failure: { kind: 'unserializable', message: 'the sandbox returned a malformed value' } },
      Math.min(values.length, last),
    );
  }
  const ran: RequestRun = { values, at: values.length, leakedTensors: num(m.leakedTensors), ms: num(m.ms) };
  if (m.failure === undefined) return { ran, kill: false };
  const failure = cleanFailure(m.failure);
  return { ran: { ...ran, stop: { kind: 'failure', failure } }, kill: failure.kind === 'out-of-memory' };
}

const KINDS = new Set<string>(RUN_FAILURE_KINDS);

function cleanFailure(f: unknown): RunFailure {
  const x = (typeof f === 'object' && f !== null ? f : {}) as Partial<RunFailure>;
  return {
    kind: KINDS.has(x.kind as RunFailure['kind']) ? (x.kind as RunFailure['kind']) : 'threw',
    // Student text (a thrown message) ends up in the terminal report: no escape sequences that could rewrite it.
    message: typeof x.message === 'string' ? stripControl(x.message.slice(0, 1000)) : 'unknown failure',
    stack: typeof x.stack === 'string' ? stripControl(x.stack.slice(0, 200)) : undefined,
    kernelMissing: x.kernelMissing === true,
  };
}

const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : 0);
