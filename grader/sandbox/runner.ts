// One submission's sandbox: restarts the child after a hang or crash, reloads what was loaded, and re-runs on cpu
// the calls whose tfjs kernel the wasm backend lacks (never the student's fault).
import { randomInt } from 'node:crypto';
import type { BackendChoice, RunFailure, WorkerRequest } from '../protocol/messages.js';
import type { Limits } from '../engine/api.js';
import { isWire, type Wire } from '../model/wire.js';
import { Session, type Answer } from './session.js';
import { stripControl } from './output.js';
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
  /** What the current session ran last ('load he-init', 'he-init.heStd'): whose leftovers a hang before 'started' is. */
  last?: string;
}

/** The child's answer to a ping after a value: enough for a loaded machine, nothing for code left spinning. */
const BARRIER_MIN_MS = 250;
const RETRY = Symbol('retry');
const NOTHING: Outcome = { kind: 'value', value: { t: 'undefined' }, leakedTensors: 0, ms: 0, ranOnCpu: false };

export class Runner {
  /** Request ids are random: a solution that sees one request cannot answer the next before it exists. */
  private nextId = (): number => randomInt(1, 2 ** 47);
  private readonly code = new Map<string, { code: string; filename: string }>();
  /** Per part: time spent on a request that was re-run because it never started (see exchange). */
  private readonly credit = new Map<string, number>();
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
    const key = `${exercise}.${part}`;
    for (let attempt = 0; ; attempt++) {
      const loaded = await this.ensureLoaded(lane, exercise);
      if (loaded.kind !== 'value') return loaded;
      const req: WorkerRequest = { type: 'run', id: this.nextId(), exercise, part, ...(args ? { args } : {}) };
      const t0 = Date.now();
      // The engine's per-part deadline counts the time lost waiting on someone else's leftovers; give it back.
      const out = await this.exchange(lane, key, req, timeoutMs + (this.credit.get(key) ?? 0), attempt > 0);
      if (out !== RETRY) return out;
      this.credit.set(key, (this.credit.get(key) ?? 0) + (Date.now() - t0));
    }
  }

  private async ensureLoaded(lane: Lane, exercise: string): Promise<Outcome> {
    for (let attempt = 0; ; attempt++) {
      if (!lane.session?.alive) {
        const pending = lane.pending;
        lane.pending = undefined;
        lane.session = await (pending ?? Session.start(this.paths, lane.backend, this.limits, this.bubblewrap));
        this.first ??= lane.session;
        lane.loaded.clear();
        lane.last = undefined;
      }
      if (lane.loaded.has(exercise)) return NOTHING;
      const src = this.code.get(exercise)!;
      const req: WorkerRequest = { type: 'load', id: this.nextId(), exercise, code: src.code, filename: src.filename };
      const out = await this.exchange(lane, `load ${exercise}`, req, this.limits.partTimeoutMs, attempt > 0);
      if (out === RETRY) continue;
      if (out.kind === 'value') lane.loaded.add(exercise);
      return out;
    }
  }

  /**
   * One request, charged to the code that caused what happened. Student code can outlive its request (a timer that
   * throws, a setInterval that spins, a callback that never yields); without care that failure lands on whichever
   * request comes next, and an honest part scores 0 for its neighbour's leftovers.
   */
  private async exchange(lane: Lane, key: string, req: WorkerRequest, timeoutMs: number, retried: boolean): Promise<Outcome | typeof RETRY> {
    const session = lane.session!;
    const previous = lane.last;
    lane.last = key;
    const t0 = Date.now();
    const a = await session.ask(req, timeoutMs);
    // Never acknowledged: the child was already stuck or dying when the request arrived, so an earlier request's
    // leftovers are to blame. Run it again in a fresh child, once, unless those leftovers are this part's own.
    if (a.kind !== 'ok' && !a.started && !retried && previous !== undefined && previous !== key) {
      session.kill();
      return RETRY;
    }
    const out = this.settle(lane, a);
    if (out.kind !== 'value') return out;
    // Nothing left scheduled (the usual case): no barrier needed. A forged 'pending: false' only skips it for the
    // forger's own leftovers, which the 'started' check above then charges to this same part or re-runs elsewhere.
    if (a.kind === 'ok' && (a.msg.type === 'result' || a.msg.type === 'loaded') && a.msg.pending === false) return out;
    // Barrier: a ping is answered only after the timers and callbacks the request queued have run, so a late throw
    // or a spinning timer is charged to this request (before its value counts) rather than to the next one.
    const b = await session.ask({ type: 'ping', id: this.nextId() }, Math.max(BARRIER_MIN_MS, timeoutMs - (Date.now() - t0)));
    if (b.kind === 'ok' && b.msg.type === 'pong') return out;
    session.kill();
    if (b.kind === 'timeout') return { kind: 'timeout' };
    return { kind: 'died', reason: b.kind === 'died' ? b.reason : 'crashed', detail: `after it returned, code it left running failed: ${b.kind === 'died' ? b.detail : 'unexpected message from the sandbox'}` };
  }

  /** Everything from the child is checked here: a forged or malformed value is a failure, never trusted data. */
  private settle(lane: Lane, a: Answer): Outcome {
    if (a.kind !== 'ok') {
      lane.session?.kill();
      return a.kind === 'timeout' ? { kind: 'timeout' } : { kind: 'died', reason: a.reason, detail: a.detail };
    }
    const m = a.msg;
    if (m.type === 'loaded') return m.ok ? NOTHING : { kind: 'failure', failure: cleanFailure(m.failure) };
    if (m.type === 'result') {
      if (!m.ok) {
        const failure = cleanFailure(m.failure);
        // A caught allocation failure can leave the wasm heap or V8 in a state where the next part fails for it:
        // a fresh child grades the next part.
        if (failure.kind === 'out-of-memory') lane.session?.kill();
        return { kind: 'failure', failure };
      }
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
    // Student text (a thrown message) ends up in the terminal report: no escape sequences that could rewrite it.
    message: typeof x.message === 'string' ? stripControl(x.message.slice(0, 1000)) : 'unknown failure',
    stack: typeof x.stack === 'string' ? stripControl(x.stack.slice(0, 200)) : undefined,
    kernelMissing: x.kernelMissing === true,
  };
}

const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : 0);
