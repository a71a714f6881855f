// The sandbox child's life: loads TensorFlow.js once, then loads compiled solutions and runs their exports on
// grader-made inputs. It never sees expected values; it answers each WorkerRequest with exactly one WorkerResponse.
// Two entries start it: worker.ts (plain Node) and snapshot.ts (from a V8 startup snapshot with tfjs already loaded).
// This file wires the process (handlers, lockdown, the message loop); modules.ts loads, calls.ts runs, classify.ts
// names failures.
import { loadTf, type LoadOptions } from '../tf/loader.js';
import { tensorHooks } from '../protocol/wire-codec.js';
import type { WorkerBoot, WorkerRequest, WorkerResponse } from '../protocol/messages.js';
import { describeThrown } from './thrown.js';
import { lockDown } from './lockdown.js';
import { ExitCalled } from './classify.js';
import { loadModule, solutionRequire, type Modules } from './modules.js';
import { runPart, type CallDeps } from './calls.js';
import { inputReader } from './inputs.js';
import { applyV8Tuning } from '../util/v8-tuning.js';

const now = () => performance.now();

/** Names of @tensorflow/tfjs beyond tfjs-core, listed at build time (scripts/build.mjs) so the child loads core only. */
declare const __TFJS_FULL_ONLY__: readonly string[];

/**
 * Runs the child. Nothing of `process` is read before this is called: in snapshot.ts, module code runs while the
 * snapshot is built, in another process. `tfjs`: the packages already in memory (the snapshot's), and how to
 * register gradients and chained ops into tfjs-core.
 */
export async function serve(
  boot: WorkerBoot,
  tfjs: Pick<LoadOptions, 'preloaded'> & { register: () => void },
): Promise<void> {
  // Captured before any student code runs: a solution can reassign process.send or process.exit, not these.
  const send = process.send!.bind(process) as (m: WorkerResponse) => boolean;
  const realExit = process.exit.bind(process);
  // Timers and immediates still scheduled (ref'd ones: what would keep a plain Node process alive).
  const activeResources = process.getActiveResourcesInfo.bind(process);
  const timersPending = (): boolean => activeResources().some((r) => r === 'Timeout' || r === 'Immediate');
  // Errors thrown by code a module left running after it loaded (a timer beside correct exports): kept for the next
  // pong, and the parts are graded. After a run they are fatal: the grader restarts us and charges that part.
  let loading = false;
  const strays: string[] = [];
  process.on('uncaughtException', (e) => {
    const message = describeThrown(e, '').message;
    if (loading) {
      if (strays.length < MAX_STRAYS) strays.push(message);
      return;
    }
    send({ type: 'fatal', message: `uncaught error in solution code: ${message}` });
    realExit(70);
  });
  process.on('unhandledRejection', () => {
    // An unawaited rejected promise in a solution is its own business; it does not decide any part.
  });
  const t0 = now();
  // V8 compiles wasm lazily with Liftoff, then recompiles hot functions with TurboFan on background threads. A
  // sandbox lives for one submission: compiling each function once, optimized, on first call costs less CPU
  // (about 5-10% of a batch, docs/benchmarks.md) and runs tfjs' kernels as fast. The same holds for JS: a higher
  // interrupt budget optimizes only what stays hot (scripts/build.mjs).
  applyV8Tuning();
  let loaded: Awaited<ReturnType<typeof loadTf>>;
  try {
    loaded = await loadTf(boot.backend, {
      nodeModules: boot.nodeModules,
      preloaded: tfjs.preloaded,
      lean: { fullOnly: __TFJS_FULL_ONLY__, register: tfjs.register },
    });
  } catch (e) {
    send({ type: 'fatal', message: (e as Error).message });
    return;
  }
  const { tf } = loaded;
  const calls: CallDeps = {
    tf,
    hooks: tensorHooks(tf),
    send,
    now,
    memoryMb: boot.memoryMb,
    readInput: inputReader(),
  };
  const modules: Modules = new Map();

  lockDown();
  // V8 keeps 10 frames by default: an error thrown deep inside tfjs (a broadcast or shape check under add, runKernel,
  // scopedRun, …) lost the solution's own frame, so it had no location. Student code may lower this again; its loss.
  Error.stackTraceLimit = STACK_FRAMES;
  // A solution that calls process.exit gets that part marked, instead of taking the other parts down with it.
  process.exit = ((code?: number) => {
    throw new ExitCalled(`process.exit(${code ?? ''}) was called`);
  }) as typeof process.exit;
  process.on('disconnect', () => realExit(0));

  const requireFor = solutionRequire(tf);

  // One request at a time: the grader waits for each answer (and kills us on a timeout), so no queueing is needed.
  process.on('message', (m: WorkerRequest) => {
    // A ping is answered from a 1 ms timer: timers join the same list in order, so everything the previous request
    // queued (setTimeout(f, 0) is 1 ms too, immediates, callbacks, promises) runs before the pong leaves.
    if (m.type === 'ping') {
      setTimeout(() => send({ type: 'pong', id: m.id, ...(strays.length ? { strays: strays.splice(0) } : {}) }), 1);
      return;
    }
    loading = m.type === 'load';
    // Acknowledge before any student code runs: a hang before this belongs to an earlier request's leftovers.
    send({ type: 'started', id: m.id });
    void (async () => {
      let res: WorkerResponse;
      try {
        res = m.type === 'load' ? loadModule(m, modules, requireFor, boot.memoryMb) : await runPart(m, modules, calls);
      } catch (e) {
        res = { type: 'fatal', message: `runtime error: ${describeThrown(e, '').message}` };
      }
      if (res.type === 'result' || res.type === 'loaded') res.pending = timersPending();
      send(res);
    })();
  });
  send({ type: 'ready', backend: loaded.backend, version: loaded.version, loadMs: now() - t0 });
}

/** Frames kept in a stack: enough to reach the solution's frame below tfjs' deepest kernel path (about 12-20). */
const STACK_FRAMES = 100;

/** Errors kept per load: a timer that throws every millisecond must not become a huge message. */
const MAX_STRAYS = 5;
