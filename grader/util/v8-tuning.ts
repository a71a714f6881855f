// V8 flags for processes that live for one command or one submission (scripts/build.mjs lists them), set at run time.
import { setFlagsFromString } from 'node:v8';

/** Defined by scripts/build.mjs in the bundles (absent when the sources run untranspiled, as in the tests). */
declare const __V8_TUNING__: { node: string; flags: readonly string[] } | undefined;

/**
 * Applies the build's flags, only on the Node the build checked them with: V8 prints an unknown flag to stderr, where
 * in the sandbox it would pass for the student's output. Called before the code they concern runs: a function's
 * optimization budget is fixed when its feedback is first allocated.
 */
export function applyV8Tuning(): void {
  const tuning = typeof __V8_TUNING__ === 'undefined' ? undefined : __V8_TUNING__;
  if (tuning && process.version === tuning.node) for (const flag of tuning.flags) setFlagsFromString(flag);
}
