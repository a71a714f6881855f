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
  loaded ??= createRequire(import.meta.url)('esbuild') as typeof Esbuild;
  return loaded;
}
