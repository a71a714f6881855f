// The sandbox child's life: loads TensorFlow.js once, then loads compiled solutions and runs their exports on
// grader-made inputs. It never sees expected values; it answers each WorkerRequest with exactly one WorkerResponse.
// Two entries start it: worker.ts (plain Node) and snapshot.ts (from a V8 startup snapshot with tfjs already loaded).
import { compileFunction } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { types } from 'node:util';
import { loadTf, type LoadOptions } from '../protocol/tf-loader.js';
import { fromWire, tensorHooks, toWire, WireError } from '../protocol/wire-codec.js';
import type { RunFailure, WorkerBoot, WorkerRequest, WorkerResponse } from '../protocol/messages.js';
import type { Wire } from '../model/wire.js';
import { describeThrown } from './thrown.js';
import { lockDown } from './lockdown.js';

const now = () => performance.now();
const isProxy = types.isProxy;

class ExitCalled extends Error {}
/** An export of the wrong kind (a function where a value was asked for, or the reverse). */
class WrongType extends Error {}
type RunRequest = Extract<WorkerRequest, { type: 'run' }>;

/** Names of @tensorflow/tfjs beyond tfjs-core, listed at build time (scripts/build.mjs) so the child loads core only. */
declare const __TFJS_FULL_ONLY__: readonly string[];
/** V8 flags that scripts/build.mjs saw the building Node accept, and that Node's version. */
declare const __V8_TUNING__: { node: string; flags: readonly string[] };

/**
 * Runs the child. Nothing of `process` is read before this is called: in snapshot.ts, module code runs while the
 * snapshot is built, in another process. `tfjs`: the packages already in memory (the snapshot's), and how to
 * register gradients and chained ops into tfjs-core.
 */
export async function serve(boot: WorkerBoot, tfjs: Pick<LoadOptions, 'preloaded'> & { register: () => void }): Promise<void> {
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
  // (about 5-10% of a batch, docs/benchmarks.md) and runs tfjs' kernels as fast. Only on the Node the build
  // checked the flags with: V8 prints an unknown flag to stderr, where it would pass for the student's output.
  if (process.version === __V8_TUNING__.node) for (const flag of __V8_TUNING__.flags) setFlagsFromString(flag);
  let loaded;
  try {
    loaded = await loadTf(boot.backend, { nodeModules: boot.nodeModules, preloaded: tfjs.preloaded, lean: { fullOnly: __TFJS_FULL_ONLY__, register: tfjs.register } });
  } catch (e) {
    send({ type: 'fatal', message: (e as Error).message });
    return;
  }
  const { tf } = loaded;
  const hooks = tensorHooks(tf);
  const modules = new Map<string, Record<string, unknown>>();

  lockDown();
  // A solution that calls process.exit gets that part marked, instead of taking the other parts down with it.
  process.exit = ((code?: number) => {
    throw new ExitCalled(`process.exit(${code ?? ''}) was called`);
  }) as typeof process.exit;
  process.on('disconnect', () => realExit(0));

  const requireFor = (name: string): unknown => {
    if (name === '@tensorflow/tfjs' || name === '@tensorflow/tfjs-core') return tf;
    throw new Error(`solutions may import only '@tensorflow/tfjs' and their own files, not '${name}'`);
  };

  const failure = (e: unknown, filename: string): RunFailure => {
    // instanceof on a thrown Proxy runs its getPrototypeOf trap, which may throw again (fixture he-init--tricky-values).
    if (isProxy(e)) return { kind: 'threw', message: 'a Proxy was thrown; throw an Error' };
    if (e instanceof ExitCalled) return { kind: 'exited', message: e.message };
    if (e instanceof WireError) return { kind: e.kind, message: e.message };
    if (e instanceof WrongType) return { kind: 'wrong-type', message: e.message };
    const d = describeThrown(e, filename);
    if (/not implemented yet/i.test(d.message)) return { kind: 'not-implemented', message: d.message };
    // Caught allocation failures: ArrayBuffer/Buffer (Node 24 says "Failed to allocate memory"), tfjs' wasm heap, a
    // WebAssembly.Memory that cannot grow.
    if (/Array buffer allocation failed|Failed to allocate memory|out of memory|Cannot allocate Wasm memory|Unable to grow instance memory/i.test(d.message) || beyondLimit(d.message, boot.memoryMb)) {
      return { kind: 'out-of-memory', message: d.message };
    }
    return { kind: 'threw', message: d.message, stack: d.where, kernelMissing: /Kernel '.*' not registered for backend/.test(d.message) || undefined };
  };

  const load = (req: Extract<WorkerRequest, { type: 'load' }>): WorkerResponse => {
    const module = { exports: {} as Record<string, unknown> };
    try {
      const fn = compileFunction(req.code, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: req.filename });
      fn.call(module.exports, module.exports, requireFor, module, req.filename, '/');
      modules.set(req.exercise, module.exports);
      // The names are informational; a module with millions of exports must not become a huge message.
      return { type: 'loaded', id: req.id, ok: true, exports: Object.keys(module.exports).slice(0, 200).map(String) };
    } catch (e) {
      const f = failure(e, req.filename);
      return { type: 'loaded', id: req.id, ok: false, failure: f.kind === 'threw' ? { ...f, kind: 'import-error' } : f };
    }
  };

  /** One read or call of an export; the value goes to the wire at once, so the next call cannot change it. */
  const once = async (exports: Record<string, unknown>, req: RunRequest, args: Wire[] | undefined): Promise<Wire> => {
    let value: unknown = exports[req.part];
    if (!args) {
      if (typeof value === 'function') throw new WrongType(`'${req.part}' should be a value, not a function`);
      return toWire(value, hooks);
    }
    if (typeof value !== 'function') throw new WrongType(`'${req.part}' should be a function, but it is ${value === null ? 'null' : typeof value}`);
    let inputs: unknown[] = [];
    try {
      inputs = args.map((w) => fromWire(w, tf));
      value = (value as (...a: unknown[]) => unknown)(...inputs);
      if (types.isPromise(value)) value = await value;
      const wire = toWire(value, hooks);
      disposeQuietly(tf, [value]);
      return wire;
    } finally {
      disposeQuietly(tf, [inputs]);
    }
  };

  const run = async (req: RunRequest): Promise<WorkerResponse> => {
    const t = now();
    const exports = modules.get(req.exercise);
    const values: Wire[] = [];
    const reply = (failure?: RunFailure): WorkerResponse => ({ type: 'result', id: req.id, values, ...(failure ? { failure } : {}), ms: now() - t, leakedTensors: Math.max(0, tf.memory().numTensors - before) });
    const before = tf.memory().numTensors;
    if (!exports || !Object.prototype.hasOwnProperty.call(exports, req.part)) {
      return reply({ kind: 'missing-export', message: `${req.exercise}.ts has no export named '${req.part}'` });
    }
    const calls = req.calls ?? [undefined];
    for (const [i, args] of calls.entries()) {
      if (i > 0) send({ type: 'started', id: req.id, call: i });
      try {
        values.push(await once(exports, req, args));
      } catch (e) {
        return reply(failure(e, `${req.exercise}.ts`));
      }
    }
    return reply();
  };

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
        res = m.type === 'load' ? load(m) : await run(m);
      } catch (e) {
        res = { type: 'fatal', message: `runtime error: ${describeThrown(e, '').message}` };
      }
      if (res.type === 'result' || res.type === 'loaded') res.pending = timersPending();
      send(res);
    })();
  });
  send({ type: 'ready', backend: loaded.backend, version: loaded.version, loadMs: now() - t0 });
}

/** Errors kept per load: a timer that throws every millisecond must not become a huge message. */
const MAX_STRAYS = 5;

/**
 * Node 20 refuses a 10^10-element typed array as an "Invalid typed array length"; Node 22 tries, and fails to allocate
 * it. Both are the same student mistake, so a length beyond the memory limit (in bytes, at one byte an element) is
 * out of memory on every Node.
 */
export function beyondLimit(message: string, memoryMb: number | undefined): boolean {
  const m = /Invalid typed array length: (\d+)/.exec(message);
  return !!m && memoryMb !== undefined && Number(m[1]) > memoryMb * 2 ** 20;
}

function disposeQuietly(tf: { dispose: (x: never) => void }, xs: unknown[]): void {
  try {
    tf.dispose(xs as never);
  } catch {
    // a student value tfjs cannot walk: its tensors count as leaked, which is only a warning
  }
}
