// The sandbox's `@tensorflow/tfjs`: tfjs-core now, layers/converter/data only when a solution first touches them.
// Requiring all of @tensorflow/tfjs costs ~100 ms of CPU per sandbox start (layers, converter, data, webgl are most
// of it); the exercises use core ops. Every name of the full package is present, so nothing a student writes changes.
// The list of names beyond core is taken at build time (scripts/build.mjs) and compiled into the sandbox runtime.
type TfModule = typeof import('@tensorflow/tfjs');

export interface LeanParts {
  /** The names @tensorflow/tfjs exports beyond tfjs-core ('layers', 'sequential', 'data', 'version', ...). */
  fullOnly: readonly string[];
  /** Registers gradients and chained ops into tfjs-core, as loading @tensorflow/tfjs does (runtime/tfjs-extras.ts). */
  register: () => void;
}

/**
 * tfjs-core with gradients and chained ops, plus a getter for each name of `fullOnly` that loads the full package on
 * first use. Loading it later is safe: it re-exports the same tfjs-core instance (same engine, same tensors), its
 * second registration of gradients and chained ops replaces equal code, and registering its cpu/webgl backends does
 * not change the backend already chosen.
 */
export function leanTfjs(req: NodeJS.Require, parts: LeanParts): TfModule {
  const core = req('@tensorflow/tfjs-core') as object;
  parts.register();
  const facade = Object.defineProperties({}, Object.getOwnPropertyDescriptors(core)) as Record<string, unknown>;
  let full: Record<string, unknown> | undefined;
  for (const name of parts.fullOnly) {
    if (name in facade) continue;
    Object.defineProperty(facade, name, {
      enumerable: true,
      configurable: true,
      get: () => (full ??= req('@tensorflow/tfjs') as Record<string, unknown>)[name],
    });
  }
  return facade as unknown as TfModule;
}
