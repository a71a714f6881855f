// Runs one part of a loaded solution (a 'run' request): reads its export once, or calls it once per argument list.
import { types } from 'node:util';
import { fromWire, toWire, type InputReader, type TensorHooks } from '../protocol/wire-codec.js';
import type { InputWire, RunFailure, WorkerRequest, WorkerResponse } from '../protocol/messages.js';
import type { Wire } from '../model/wire.js';
import { failure, WrongType } from './classify.js';
import type { Modules } from './modules.js';

export type RunRequest = Extract<WorkerRequest, { type: 'run' }>;
export type ResultResponse = Extract<WorkerResponse, { type: 'result' }>;
type Started = Extract<WorkerResponse, { type: 'started' }>;

/** The tfjs a run needs: inputs are made with it, its tensor count measures leaks, and it disposes what a call used. */
export type CallTf = Parameters<typeof fromWire>[1] & { memory(): { numTensors: number }; dispose: (x: never) => void };

/** What a run works with, passed in (serve.ts makes them once, before any student code runs). */
export interface CallDeps {
  tf: CallTf;
  /** Tensor reads captured before student code could patch tfjs (see wire-codec.ts). */
  hooks: TensorHooks;
  /** Announces each call after the first ('started' with `call`), so a hang is charged to the right case. */
  send: (m: Started) => unknown;
  now: () => number;
  /** The child's memory limit, for the out-of-memory classification (see classify.ts). */
  memoryMb: number | undefined;
  /** Big inputs come as references into the inputs file (see runtime/inputs.ts). */
  readInput: InputReader;
}

/**
 * Runs `req` on the exports of its exercise, stopping at the first call that fails: 'result' carries the values of
 * the calls before it, the failure, the time taken and the tensors left behind.
 */
export async function runPart(req: RunRequest, modules: Modules, deps: CallDeps): Promise<ResultResponse> {
  const { tf, send, now } = deps;
  const t = now();
  const exports = modules.get(req.exercise);
  const values: Wire[] = [];
  const reply = (failure?: RunFailure): ResultResponse => ({
    type: 'result',
    id: req.id,
    values,
    ...(failure ? { failure } : {}),
    ms: now() - t,
    leakedTensors: Math.max(0, tf.memory().numTensors - before),
  });
  const before = tf.memory().numTensors;
  if (!exports || !Object.hasOwn(exports, req.part)) {
    return reply({ kind: 'missing-export', message: `${req.exercise}.ts has no export named '${req.part}'` });
  }
  const calls = req.calls ?? [undefined];
  for (const [i, args] of calls.entries()) {
    if (i > 0) send({ type: 'started', id: req.id, call: i });
    try {
      values.push(await callOnce(exports, req, args, deps));
    } catch (e) {
      return reply(failure(e, `${req.exercise}.ts`, deps.memoryMb));
    }
  }
  return reply();
}

/** One read or call of an export; the value goes to the wire at once, so the next call cannot change it. */
async function callOnce(
  exports: Record<string, unknown>,
  req: RunRequest,
  args: InputWire[] | undefined,
  { tf, hooks, readInput }: CallDeps,
): Promise<Wire> {
  let value: unknown = exports[req.part];
  if (!args) {
    if (typeof value === 'function') throw new WrongType(`'${req.part}' should be a value, not a function`);
    return toWire(value, hooks);
  }
  if (typeof value !== 'function')
    throw new WrongType(`'${req.part}' should be a function, but it is ${value === null ? 'null' : typeof value}`);
  let inputs: unknown[] = [];
  try {
    inputs = args.map((w) => fromWire(w, tf, readInput));
    value = (value as (...a: unknown[]) => unknown)(...inputs);
    if (types.isPromise(value)) value = await value;
    const wire = toWire(value, hooks);
    disposeQuietly(tf, [value]);
    return wire;
  } finally {
    disposeQuietly(tf, [inputs]);
  }
}

function disposeQuietly(tf: { dispose: (x: never) => void }, xs: unknown[]): void {
  try {
    tf.dispose(xs as never);
  } catch {
    // a student value tfjs cannot walk: its tensors count as leaked, which is only a warning
  }
}
