// The typed message protocol between the grader (sandbox/) and the child (runtime/), over Node IPC.
// Only inputs and raw outputs cross it: expected values never enter the child.
import type { Wire } from '../model/wire.js';

export type BackendChoice = 'tensorflow' | 'wasm' | 'cpu';

export type WorkerRequest =
  /** Load one compiled solution module (CommonJS text produced by esbuild in the grader). */
  | { type: 'load'; id: number; exercise: string; code: string; filename: string }
  /** Read an export (`args` absent) or call it with deserialized args. */
  | { type: 'run'; id: number; exercise: string; part: string; args?: Wire[] };

export type RunFailure = {
  kind: 'missing-export' | 'wrong-type' | 'threw' | 'unserializable' | 'output-too-large' | 'import-error' | 'not-implemented' | 'exited' | 'out-of-memory';
  message: string;
  stack?: string;
  /** The error came from a missing tfjs kernel on this backend: re-run on cpu rather than blame the student. */
  kernelMissing?: boolean;
};

export type WorkerResponse =
  | { type: 'ready'; backend: BackendChoice; version: string; loadMs: number }
  | { type: 'loaded'; id: number; ok: true; exports: string[] }
  | { type: 'loaded'; id: number; ok: false; failure: RunFailure }
  | { type: 'result'; id: number; ok: true; value: Wire; leakedTensors: number; ms: number }
  | { type: 'result'; id: number; ok: false; failure: RunFailure; ms: number }
  | { type: 'fatal'; message: string };

/** Argv contract of the child (argv[2] as JSON): everything else arrives over IPC. */
export interface WorkerBoot {
  backend: BackendChoice;
}

const RESPONSE_TYPES = new Set(['ready', 'loaded', 'result', 'fatal']);

/** The grader trusts nothing from the child: any message must at least look like a response. */
export function isWorkerResponse(m: unknown): m is WorkerResponse {
  return typeof m === 'object' && m !== null && RESPONSE_TYPES.has((m as { type?: unknown }).type as string);
}
