// The typed message protocol between the grader (sandbox/) and the child (runtime/), over Node IPC.
// Only inputs and raw outputs cross it: expected values never enter the child.
import type { Wire, WireDType } from '../model/wire.js';
import type { BackendChoice } from '../model/report.js';

export type { BackendChoice };

/**
 * A big input tensor the grader wrote once to the run's inputs file instead of into the message: `bytes` bytes at
 * `offset`, read by the child from INPUTS_FD (see sandbox/input-file.ts). Only inputs are ever written there.
 */
export interface InputRef {
  t: 'input-ref';
  shape: number[];
  dtype: WireDType;
  /** The typed array the bytes make, as in a 'tensor' wire value. */
  array: keyof typeof INPUT_ARRAYS;
  offset: number;
  bytes: number;
}

/** A call argument as it crosses to the child: a wire value whose big tensors may be InputRefs. */
export type InputWire =
  | Exclude<Wire, { t: 'array' } | { t: 'object' }>
  | { t: 'array'; items: InputWire[] }
  | { t: 'object'; entries: [string, InputWire][] }
  | InputRef;

/** The typed arrays an input in the inputs file can be, by the name an InputRef gives (a 'tensor' wire value's). */
export const INPUT_ARRAYS = { float32: Float32Array, int32: Int32Array, uint8: Uint8Array } as const;

/** The child's file descriptor of the inputs file (stdio slot 4, after stdin, stdout, stderr and the IPC channel). */
export const INPUTS_FD = 4;

export type WorkerRequest =
  /** Load one compiled solution module (CommonJS text produced by esbuild in the grader). */
  | { type: 'load'; id: number; exercise: string; code: string; filename: string }
  /** Read an export once (`calls` absent), or call it once per argument list, in order, stopping at the first failure.
   * One request per part (or per few MB of inputs), not per case: a round trip costs both processes CPU and leaves
   * the child idle while the grader answers. */
  | { type: 'run'; id: number; exercise: string; part: string; calls?: InputWire[][] }
  /** Answered with 'pong' once everything the previous request left queued (timers, callbacks) has had its turn. */
  | { type: 'ping'; id: number };

/** How a load or a call can fail inside the child; the grader maps any other kind it receives to 'threw'. */
export const RUN_FAILURE_KINDS = [
  'missing-export',
  'wrong-type',
  'threw',
  'unserializable',
  'output-too-large',
  'import-error',
  'not-implemented',
  'exited',
  'out-of-memory',
] as const;

export type RunFailure = {
  kind: (typeof RUN_FAILURE_KINDS)[number];
  message: string;
  stack?: string;
  /** The error came from a missing tfjs kernel on this backend: re-run on cpu rather than blame the student. */
  kernelMissing?: boolean;
};

export type WorkerResponse =
  | { type: 'ready'; backend: BackendChoice; version: string; loadMs: number }
  /** Sent first thing on receiving a load/run: a hang or death before it belongs to code an earlier request left running.
   * A run sends it again before each further call (`call`: its index), so a hang is charged to the right case. */
  | { type: 'started'; id: number; call?: number }
  /** `strays`: errors thrown by code a module left running after it loaded (a timer that throws), caught since the load.
   * They cost no points; after a run, such an error is fatal and charged to the part that left the code behind. */
  | { type: 'pong'; id: number; strays?: string[] }
  /** `pending: false`: no timer or immediate of the solution's is left, so the grader can skip its ping barrier. */
  | { type: 'loaded'; id: number; ok: true; exports: string[]; pending?: boolean }
  | { type: 'loaded'; id: number; ok: false; failure: RunFailure; pending?: boolean }
  /** `values`: one per call that returned (one for a read); with `failure`, the call after them failed. */
  | {
      type: 'result';
      id: number;
      values: Wire[];
      failure?: RunFailure;
      leakedTensors: number;
      ms: number;
      pending?: boolean;
    }
  | { type: 'fatal'; message: string };

/** Argv contract of the child (argv[2] as JSON): everything else arrives over IPC. */
export interface WorkerBoot {
  backend: BackendChoice;
  /** Real path of the course's node_modules: tfjs is resolved from there (see loadTf). */
  nodeModules?: string;
  /** The memory limit, so an allocation far beyond it is reported as out of memory on every Node. */
  memoryMb?: number;
}

const RESPONSE_TYPES = new Set(['ready', 'started', 'pong', 'loaded', 'result', 'fatal']);

/** The grader trusts nothing from the child: any message must at least look like a response. */
export function isWorkerResponse(m: unknown): m is WorkerResponse {
  return typeof m === 'object' && m !== null && RESPONSE_TYPES.has((m as { type?: unknown }).type as string);
}
