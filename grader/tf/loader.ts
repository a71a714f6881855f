// Loads TensorFlow.js on the chosen backend, quietly, and proves it is the one running.
// Shared by the grader (references) and the child (student code) so both compute on the same backend and agree on
// which errors are the backend's (a missing kernel).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BackendChoice } from '../model/report.js';
import { leanTfjs, type LeanParts } from './lean.js';

type TfModule = typeof import('@tensorflow/tfjs');
export interface LoadedTf {
  tf: TfModule;
  backend: BackendChoice;
  version: string;
  /** The npm package that provided the backend (tfjs-node-gpu, tfjs-node, tfjs-backend-wasm, tfjs). */
  pkg: string;
}

const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

/** tfjs' error for an op the backend has no kernel for (wasm lacks a few): never the student's fault. */
export const isKernelMissing = (e: unknown): boolean =>
  /Kernel '.*' not registered for backend/.test(String((e as Error)?.message ?? e));

/** tfjs prints an install banner and emscripten installs process-wide crash handlers that dump its source; keep both out. */
async function quietly<T>(f: () => Promise<T>): Promise<T> {
  const saved = { warn: console.warn, log: console.log, info: console.info };
  const before = {
    ex: new Set(process.listeners('uncaughtException')),
    rej: new Set(process.listeners('unhandledRejection')),
  };
  console.warn = console.log = console.info = () => {};
  try {
    return await f();
  } finally {
    Object.assign(console, saved);
    for (const l of process.listeners('uncaughtException')) if (!before.ex.has(l)) process.off('uncaughtException', l);
    for (const l of process.listeners('unhandledRejection'))
      if (!before.rej.has(l)) process.off('unhandledRejection', l);
  }
}

/**
 * tfjs-node 4.22 calls util.isNullOrUndefined and util.isArray in every op it builds: Node 22 deprecated them (a
 * warning on first use, which showed up as the student's output) and Node 23 removed isNullOrUndefined (every native op
 * threw "is not a function"). Plain, warning-free versions go back on the util module it requires, before it loads.
 */
function restoreUtilForTfjsNode(req: NodeJS.Require): void {
  const util = req('node:util') as Record<string, unknown>;
  util.isNullOrUndefined = (x: unknown): boolean => x === null || x === undefined;
  util.isArray = Array.isArray;
}

/**
 * The first native package that loads and registers the tensorflow backend. A package that is installed but fails to
 * load (a binding without its libtensorflow, a library built for another CPU) says why: that message is the only clue.
 */
async function tryNative(tf: TfModule, req: NodeJS.Require): Promise<string> {
  // TensorFlow logs to stderr from C++ (oneDNN notices, CPU feature lines, with pids and timestamps): in the grader they
  // would clutter the terminal, in the child they would pass for the student's output. oneDNN's custom ops are off so
  // that results do not depend on the CPU's instruction set (its own notice says they change round-off).
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
  process.env.TF_ENABLE_ONEDNN_OPTS ??= '0';
  restoreUtilForTfjsNode(req);
  const problems: string[] = [];
  for (const pkg of NATIVE_PACKAGES) {
    try {
      req.resolve(pkg);
    } catch {
      continue; // not installed: the usual case on machines without libtensorflow
    }
    try {
      req(pkg);
      if (tf.findBackend('tensorflow')) return pkg;
      problems.push(`${pkg} loaded but registered no tensorflow backend`);
    } catch (e) {
      problems.push(`${pkg} is installed but does not load: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
    }
  }
  throw new Error(
    problems.length ? problems.join('; ') : 'neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node is installed',
  );
}

export interface LoadOptions {
  /** Resolve the packages from this folder rather than from this file's. The sandbox child passes it: its runtime may
   * sit in a copy of the course whose node_modules is a symlink (a Gradescope image), while the sandbox exposes and
   * allows the packages at their real path only. */
  nodeModules?: string;
  /** Load tfjs-core only (see lean.ts), plus what the full package would register into it, and the full package
   * itself only when a solution uses one of its other names. */
  lean?: LeanParts;
  /** Packages already in memory, by name (the sandbox's startup snapshot holds tfjs-core and the wasm backend). */
  preloaded?: Record<string, unknown>;
}

/** Loads tfjs and makes `want` its backend (the engine chose it: engine/backend-choice.ts), or says why it cannot. */
export async function loadTf(want: BackendChoice, opts: LoadOptions = {}): Promise<LoadedTf> {
  // require, not import(): tfjs ships CommonJS bundles, and an ESM import makes Node lex every re-exported bundle
  // for named exports (~1 s here) where require takes ~0.15 s. Same module instance either way.
  const fromDisk = createRequire(
    opts.nodeModules ? join(opts.nodeModules, 'tfgrade-resolve-from-here.js') : import.meta.url,
  );
  const preloaded = opts.preloaded ?? {};
  const req = Object.assign(
    (id: string): unknown => (Object.hasOwn(preloaded, id) ? preloaded[id] : fromDisk(id)),
    fromDisk,
  );
  return quietly(async () => {
    const tf = opts.lean ? leanTfjs(req, opts.lean) : (req('@tensorflow/tfjs') as TfModule);
    // PROD silences tfjs' warnings, e.g. the cpu backend's "install the node backend" banner on first use,
    // which would otherwise show up as the student's own output.
    tf.env().set('PROD', true);
    let pkg = '@tensorflow/tfjs';
    try {
      if (want === 'tensorflow') {
        pkg = await tryNative(tf, req);
      } else if (want === 'wasm') {
        req('@tensorflow/tfjs-backend-wasm');
        pkg = '@tensorflow/tfjs-backend-wasm';
      } else if (opts.lean) {
        req('@tensorflow/tfjs-backend-cpu'); // the full package registers it; tfjs-core alone does not
      }
      if (!(await tf.setBackend(want))) throw new Error(`tf.setBackend('${want}') returned false`);
      await tf.ready();
      // setBackend can fall back silently; the report must name the backend that really ran.
      if (tf.getBackend() !== want) throw new Error(`asked for ${want}, tfjs is running ${tf.getBackend()}`);
    } catch (e) {
      throw new Error(`the ${want} backend of TensorFlow.js cannot start: ${(e as Error).message}`);
    }
    // tf.version would load the full package in lean mode; tfjs-core's version is the same release.
    return { tf, backend: want, version: tf.version_core, pkg };
  });
}
