// esbuild, required on first use: imported as ESM, Node would lex its CommonJS entry for named exports on every run.
import { createRequire } from 'node:module';
import type * as Esbuild from 'esbuild';

let loaded: typeof Esbuild | undefined;

/**
 * esbuild's API (the same module instance an `import` gives). `import { build } from 'esbuild'` cost ~100 ms of
 * cjs-module-lexer on each `grade` run (measured on 2 cores, Node 20); `require` reads the same file without it, and
 * only the runs that compile something pay even that.
 */
export function esbuild(): typeof Esbuild {
  try {
    loaded ??= createRequire(import.meta.url)('esbuild') as typeof Esbuild;
  } catch (e) {
    // Not installed (`npm ci` never ran): say it the way an import would have, which the CLI turns into
    // DEPENDENCIES_MISSING (util/errors.ts, missingDependency) instead of a stack trace.
    if ((e as { code?: string }).code !== 'MODULE_NOT_FOUND' || !/'esbuild'/.test(String((e as Error).message)))
      throw e;
    throw Object.assign(new Error(`Cannot find package 'esbuild' imported from ${import.meta.url}`), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
  }
  return loaded;
}

/**
 * Starts esbuild's service process now (a no-op transform), so that it is up by the time the first compile asks: it
 * starts in its own process while the grader loads the specs and the references. A failure here is left to that
 * compile to report, as it would have been without this.
 */
export function startEsbuild(): void {
  esbuild()
    .transform('')
    .catch(() => undefined);
}
