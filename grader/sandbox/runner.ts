// One submission's sandbox: restarts the child after a hang or crash, reloads what was loaded, and re-runs on cpu
// the calls whose tfjs kernel the wasm backend lacks (never the student's fault).
import { randomInt } from 'node:crypto';
import type { BackendChoice, WorkerRequest } from '../protocol/messages.js';
import type { Limits } from '../model/limits.js';
import type { Wire } from '../model/wire.js';
import { Session } from './session.js';
import type { SandboxLevel } from '../model/report.js';
import type { SandboxPaths } from './command.js';
import { batches, judgeAnswer, type Failed, type PartRun, type RequestRun } from './answers.js';
import { stripControl } from './output.js';
import { toInputWire } from './input-file.js';

export type { Failed, PartRun } from './answers.js';

/** How loading a module ended: fine, or a failure, timeout or death (see answers.ts). */
export type LoadOutcome = { kind: 'value' } | Failed;

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
const LOADED: LoadOutcome = { kind: 'value' };

export class Runner {
  /** Request ids are random: a solution that sees one request cannot answer the next before it exists. */
  private nextId = (): number => randomInt(1, 2 ** 47);
  private readonly code = new Map<string, { code: string; filename: string }>();
  /** Per part: time spent on a request that was re-run because it never started (see exchange). */
  private readonly credit = new Map<string, number>();
  private readonly strays = new Map<string, Set<string>>();
  private readonly main: Lane;
  private cpu?: Lane;
  /** The first session's command: what the report says about isolation. */
  first?: Session;

  get backend(): BackendChoice {
    return this.main.backend;
  }

  constructor(
    private readonly paths: SandboxPaths,
    backend: BackendChoice,
    private readonly limits: Limits,
    private readonly level: SandboxLevel,
  ) {
    this.main = { backend, loaded: new Set() };
  }

  /**
   * Starts the main child now, so its tfjs load overlaps the grader's own work (compiling, preparing); one that
   * bin/grade.js started even sooner is adopted if its command line is the one this runner needs.
   */
  prestart(): void {
    if (!this.main.session && !this.main.pending) {
      this.main.pending = Session.start(this.paths, this.main.backend, this.limits, this.level);
      this.main.pending.catch(() => {}); // surfaced when awaited
    }
  }

  /** Evaluates a solution module (its top level runs here, under the part time limit). */
  async load(exercise: string, code: string, filename: string): Promise<LoadOutcome> {
    this.code.set(exercise, { code, filename });
    return this.ensureLoaded(this.main, exercise);
  }

  /**
   * Runs a part's calls (`calls` absent: reads the export once) under one time limit for them all. A call that needs
   * a tfjs kernel the wasm backend lacks is re-run on cpu, with the rest of its request.
   */
  async runPart(exercise: string, part: string, calls: Wire[][] | undefined, timeoutMs: number): Promise<PartRun> {
    const deadline = Date.now() + timeoutMs;
    const res: PartRun = { values: [], at: 0, leakedTensors: 0, ms: 0, onCpu: 0 };
    for (const batch of calls ? batches(calls) : [undefined]) {
      let todo = batch;
      let lane = this.main;
      for (;;) {
        const got = await this.runIn(lane, exercise, part, todo, Math.max(1, deadline - Date.now()));
        // A call that threw leaves its intermediates behind; that is not a leak to warn about (and wasm's missing
        // kernel is not the student's fault), so only requests that got through count.
        if (!got.stop) res.leakedTensors += got.leakedTensors;
        res.ms += got.ms;
        if (got.stop) res.at = res.values.length + got.at;
        res.values.push(...got.values);
        if (lane !== this.main) res.onCpu += got.values.length;
        if (!got.stop) break;
        const kernelMissing =
          got.stop.kind === 'failure' && got.stop.failure.kernelMissing && lane === this.main && lane.backend !== 'cpu';
        if (!kernelMissing) return { ...res, stop: got.stop };
        lane = this.cpu ??= { backend: 'cpu', loaded: new Set() };
        todo = todo?.slice(got.at);
      }
    }
    return res;
  }

  /** Errors thrown by code `exercise`'s module left running after it loaded (see 'pong' in protocol/messages.ts). */
  straysOf(exercise: string): string[] {
    return [...(this.strays.get(exercise) ?? [])];
  }

  private keepStrays(exercise: string, strays: unknown): void {
    if (!Array.isArray(strays)) return;
    const kept = this.strays.get(exercise) ?? new Set<string>();
    // A restarted child loads the module again and its timer throws again: the same error is reported once.
    for (const s of strays.slice(0, 5)) if (typeof s === 'string') kept.add(stripControl(s.slice(0, 500)));
    this.strays.set(exercise, kept);
  }

  takeOutput(): string {
    return [this.main, this.cpu].map((l) => l?.session?.takeOutput() ?? '').join('');
  }

  close(): void {
    for (const lane of [this.main, this.cpu]) {
      lane?.session?.kill();
      void lane?.pending?.then(
        (s) => s.kill(),
        () => {},
      );
    }
  }

  private async runIn(
    lane: Lane,
    exercise: string,
    part: string,
    calls: Wire[][] | undefined,
    timeoutMs: number,
  ): Promise<RequestRun> {
    const key = `${exercise}.${part}`;
    const sent = calls?.map((args) => args.map(toInputWire));
    for (let attempt = 0; ; attempt++) {
      const loaded = await this.ensureLoaded(lane, exercise);
      if (loaded.kind !== 'value') return { values: [], stop: loaded, at: 0, leakedTensors: 0, ms: 0 };
      const req: WorkerRequest = { type: 'run', id: this.nextId(), exercise, part, ...(sent ? { calls: sent } : {}) };
      const t0 = Date.now();
      // The engine's per-part deadline counts the time lost waiting on someone else's leftovers; give it back.
      const out = await this.exchange(
        lane,
        key,
        req,
        timeoutMs + (this.credit.get(key) ?? 0),
        attempt > 0,
        calls?.length ?? 1,
      );
      if (out !== RETRY) return out;
      this.credit.set(key, (this.credit.get(key) ?? 0) + (Date.now() - t0));
    }
  }

  private async ensureLoaded(lane: Lane, exercise: string): Promise<LoadOutcome> {
    for (let attempt = 0; ; attempt++) {
      if (!lane.session?.alive) {
        const pending = lane.pending;
        lane.pending = undefined;
        lane.session = await (pending ?? Session.start(this.paths, lane.backend, this.limits, this.level));
        this.first ??= lane.session;
        lane.loaded.clear();
        lane.last = undefined;
      }
      if (lane.loaded.has(exercise)) return LOADED;
      const src = this.code.get(exercise)!;
      const req: WorkerRequest = { type: 'load', id: this.nextId(), exercise, code: src.code, filename: src.filename };
      const out = await this.exchange(lane, `load ${exercise}`, req, this.limits.partTimeoutMs, attempt > 0, 0);
      if (out === RETRY) continue;
      if (out.stop) return out.stop;
      lane.loaded.add(exercise);
      return LOADED;
    }
  }

  /**
   * One request, charged to the code that caused what happened. Student code can outlive its request (a timer that
   * throws, a setInterval that spins, a callback that never yields); without care that failure lands on whichever
   * request comes next, and an honest part scores 0 for its neighbour's leftovers. `expected`: the values a full
   * answer carries (0 for a load).
   */
  private async exchange(
    lane: Lane,
    key: string,
    req: WorkerRequest,
    timeoutMs: number,
    retried: boolean,
    expected: number,
  ): Promise<RequestRun | typeof RETRY> {
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
    const { ran: out, kill } = judgeAnswer(a, expected);
    if (kill) session.kill();
    if (out.stop) return out;
    // Nothing left scheduled (the usual case): no barrier needed. A forged 'pending: false' only skips it for the
    // forger's own leftovers, which the 'started' check above then charges to this same part or re-runs elsewhere.
    if (a.kind === 'ok' && (a.msg.type === 'result' || a.msg.type === 'loaded') && a.msg.pending === false) return out;
    // Barrier: a ping is answered only after the timers and callbacks the request queued have run, so a late throw
    // or a spinning timer is charged to this request (before its values count) rather than to the next one.
    const b = await session.ask(
      { type: 'ping', id: this.nextId() },
      Math.max(BARRIER_MIN_MS, timeoutMs - (Date.now() - t0)),
    );
    if (b.kind === 'ok' && b.msg.type === 'pong') {
      if (req.type === 'load') this.keepStrays(req.exercise, b.msg.strays);
      return out;
    }
    session.kill();
    const stop: Failed =
      b.kind === 'timeout'
        ? { kind: 'timeout' }
        : {
            kind: 'died',
            reason: b.kind === 'died' ? b.reason : 'crashed',
            detail: `after it returned, code it left running failed: ${b.kind === 'died' ? b.detail : 'unexpected message from the sandbox'}`,
          };
    return { ...out, values: [], stop, at: Math.max(0, expected - 1) };
  }
}
