// The sandbox's `@tensorflow/tfjs`: tfjs-core now, layers/converter/data only when a solution first touches them.
// Requiring all of @tensorflow/tfjs costs ~100 ms of CPU per sandbox start (layers, converter, data, webgl are most
// of it); the exercises use core ops. Every name of the full package is present, so nothing a student writes changes.
// The list of names beyond core is taken at build time (scripts/build.mjs) and compiled into the sandbox runtime.
type TfModule = typeof import('@tensorflow/tfjs');

/**
 * tfjs-core plus a getter for each of `extraNames` that loads the full package on first use. Loading it later is
 * safe: it re-exports the same tfjs-core instance (same engine, same tensors) and registering its cpu/webgl
 * backends does not change the backend already chosen.
 */
export function leanTfjs(req: NodeJS.Require, extraNames: readonly string[]): TfModule {
  const core = req('@tensorflow/tfjs-core') as object;
  const facade = Object.defineProperties({}, Object.getOwnPropertyDescriptors(core)) as Record<string, unknown>;
  let full: Record<string, unknown> | undefined;
  for (const name of extraNames) {
    if (name in facade) continue;
    Object.defineProperty(facade, name, {
      enumerable: true,
      configurable: true,
      get: () => (full ??= req('@tensorflow/tfjs') as Record<string, unknown>)[name],
    });
  }
  return facade as unknown as TfModule;
}
