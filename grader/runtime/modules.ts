// Evaluates a compiled solution (CommonJS text from the grader's esbuild) in the child, with a require for tfjs only.
import { compileFunction } from 'node:vm';
import type { WorkerRequest, WorkerResponse } from '../protocol/messages.js';
import { importFailure } from './classify.js';

export type LoadRequest = Extract<WorkerRequest, { type: 'load' }>;
export type LoadedResponse = Extract<WorkerResponse, { type: 'loaded' }>;
/** Each loaded solution's `module.exports`, by exercise. */
export type Modules = Map<string, Record<string, unknown>>;

/** Names of the export list a 'loaded' response carries at most. */
export const MAX_EXPORT_NAMES = 200;

/**
 * The `require` a solution's CommonJS code gets: tfjs (either name, the compile step lets both through) and nothing
 * else. Its own files are bundled into it by the grader, so there is nothing more to resolve here.
 */
export function solutionRequire(tf: unknown): (name: string) => unknown {
  return (name: string): unknown => {
    if (name === '@tensorflow/tfjs' || name === '@tensorflow/tfjs-core') return tf;
    throw new Error(`solutions may import only '@tensorflow/tfjs' and their own files, not '${name}'`);
  };
}

/**
 * Runs a module's top level and keeps its exports in `modules` under `req.exercise`. Answers 'loaded' with the export
 * names, or with how the top level failed (a plain throw there is an 'import-error').
 */
export function loadModule(
  req: LoadRequest,
  modules: Modules,
  requireFor: (name: string) => unknown,
  memoryMb: number | undefined,
): LoadedResponse {
  const module = { exports: {} as Record<string, unknown> };
  try {
    const fn = compileFunction(req.code, ['exports', 'require', 'module', '__filename', '__dirname'], {
      filename: req.filename,
    });
    fn.call(module.exports, module.exports, requireFor, module, req.filename, '/');
    modules.set(req.exercise, module.exports);
    // The names are informational; a module with millions of exports must not become a huge message.
    return {
      type: 'loaded',
      id: req.id,
      ok: true,
      exports: Object.keys(module.exports).slice(0, MAX_EXPORT_NAMES).map(String),
    };
  } catch (e) {
    return { type: 'loaded', id: req.id, ok: false, failure: importFailure(e, req.filename, memoryMb) };
  }
}
