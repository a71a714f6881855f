// One submission's sandbox: restarts the child after a hang or crash, reloads what was loaded, and re-runs on cpu
// the calls whose tfjs kernel the wasm backend lacks (never the student's fault).
import type { BackendChoice, RunFailure, WorkerRequest } from '../protocol/messages.js';
import type { Limits } from '../engine/api.js';
import { isWire, type Wire } from '../model/wire.js';
import { Session, type Answer } from './session.js';
import type { SandboxPaths } from './command.js';

export type Outcome =
  | { kind: 'value'; value: Wire; leakedTensors: number; ms: number; ranOnCpu: boolean }
  | { kind: 'failure'; failure: RunFailure }
  | { kind: 'timeout' }
  | { kind: 'died'; reason: 'crashed' | 'out-of-memory'; detail: string };

interface Lane {
  backend: BackendChoice;
  session?: Session;
  /** A child already starting (prestart): tfjs loads while the grader compiles. */
  pending?: Promise<Session>;
  /** Exercises loaded into the current session; a restarted child needs them again. */
  loaded: Set<string>;
}

export class Runner {
  private nextId = 1;
  private readonly code = new Map<string, { code: string; filename: string }>();
  private readonly main: Lane;
  private cpu?: Lane;
  /** The first session's command: what the report says about isolation. */
  first?: Session;

  get backend(): BackendChoice {
    return this.main.backend;
  }

  constructor(private readonly paths: SandboxPaths, backend: BackendChoice, private readonly limits: Limits, private readonly bubblewrap = true) {
    this.main = { backend, loaded: new Set() };
  }

  /** Starts the main child now, so its tfjs load overlaps the grader's own work (compiling, preparing). */
  prestart(): void {
    if (!this.main.session && !this.main.pending) {
      this.main.pending = Session.start(this.paths, this.main.backend, this.limits, this.bubblewrap);
      this.main.pending.catch(() => {}); // surfaced when awaited
    }
  }

  /** Evaluates a solution module (its top level runs here, under the part time limit). */
  async load(exercise: string, code: string, filename: string): Promise<Outcome> {
    this.code.set(exercise, { code, filename });
    return this.ensureLoaded(this.main, exercise);
  }

  async run(exercise: string, part: string, args: Wire[] | undefined, timeoutMs: number): Promise<Outcome> {
    const out = await this.runIn(this.main, exercise, part, args, timeoutMs);
    if (out.kind === 'failure' && out.failure.kernelMissing && this.main.backend !== 'cpu') {
      this.cpu ??= { backend: 'cpu', loaded: new Set() };
      const again = await this.runIn(this.cpu, exercise, part, args, timeoutMs);
      return again.kind === 'value' ? { ...again, ranOnCpu: true } : again;
    }
    return out;
  }

  takeOutput(): string {
    return [this.main, this.cpu].map((l) => l?.session?.takeOutput() ?? '').join('');
  }

  close(): void {
    for (const lane of [this.main, this.cpu]) {
      lane?.session?.kill();
      void lane?.pending?.then((s) => s.kill(), () => {});
    }
  }

  private async runIn(lane: Lane, exercise: string, part: string, args: Wire[] | undefined, timeoutMs: number): Promise<Outcome> {
    const loaded = await this.ensureLoaded(lane, exercise);
    if (loaded.kind !== 'value') return loaded;
    const req: WorkerRequest = { type: 'run', id: this.nextId++, exercise, part, ...(args ? { args } : {}) };
    return this.settle(lane, await lane.session!.ask(req, timeoutMs));
  }

  private async ensureLoaded(lane: Lane, exercise: string): Promise<Outcome> {
    if (!lane.session?.alive) {
      const pending = lane.pending;
      lane.pending = undefined;
      lane.session = await (pending ?? Session.start(this.paths, lane.backend, this.limits, this.bubblewrap));
      this.first ??= lane.session;
      lane.loaded.clear();
    }
    if (lane.loaded.has(exercise)) return { kind: 'value', value: { t: 'undefined' }, leakedTensors: 0, ms: 0, ranOnCpu: false };
    const src = this.code.get(exercise)!;
    const req: WorkerRequest = { type: 'load', id: this.nextId++, exercise, code: src.code, filename: src.filename };
    const out = this.settle(lane, await lane.session.ask(req, this.limits.partTimeoutMs));
    if (out.kind === 'value') lane.loaded.add(exercise);
    return out;
  }

  /** Everything from the child is checked here: a forged or malformed value is a failure, never trusted data. */
  private settle(lane: Lane, a: Answer): Outcome {
    if (a.kind !== 'ok') {
      lane.session?.kill();
      return a;
    }
    const m = a.msg;
    if (m.type === 'loaded') return m.ok ? { kind: 'value', value: { t: 'undefined' }, leakedTensors: 0, ms: 0, ranOnCpu: false } : { kind: 'failure', failure: cleanFailure(m.failure) };
    if (m.type === 'result') {
      if (!m.ok) return { kind: 'failure', failure: cleanFailure(m.failure) };
      if (!isWire(m.value)) return { kind: 'failure', failure: { kind: 'unserializable', message: 'the sandbox returned a malformed value' } };
      return { kind: 'value', value: m.value, leakedTensors: num(m.leakedTensors), ms: num(m.ms), ranOnCpu: false };
    }
    return { kind: 'died', reason: 'crashed', detail: 'unexpected message from the sandbox' };
  }
}

const KINDS = new Set<RunFailure['kind']>(['missing-export', 'wrong-type', 'threw', 'unserializable', 'output-too-large', 'import-error', 'not-implemented', 'exited', 'out-of-memory']);

function cleanFailure(f: unknown): RunFailure {
  const x = (typeof f === 'object' && f !== null ? f : {}) as Partial<RunFailure>;
  return {
    kind: KINDS.has(x.kind as RunFailure['kind']) ? (x.kind as RunFailure['kind']) : 'threw',
    message: typeof x.message === 'string' ? x.message.slice(0, 1000) : 'unknown failure',
    stack: typeof x.stack === 'string' ? x.stack.slice(0, 200) : undefined,
    kernelMissing: x.kernelMissing === true,
  };
}

const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : 0);
