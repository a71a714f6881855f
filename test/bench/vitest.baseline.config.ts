// The benchmark's baseline (scripts/bench.mjs): hand-written per-exercise assertions, run once per student with
// STUDENT_DIR set. Named *.spec.ts so the normal `npm test` (test/**/*.test.ts) never picks them up.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/bench/baseline/*.spec.ts'],
    // One module graph per worker instead of one per file: every file imports tfjs, and re-importing it 17 times
    // per student (vitest's default) is several times slower. The baseline gets the faster setting; the bench
    // measures the default too (--isolate on the command line).
    isolate: false,
    testTimeout: 60_000,
    reporters: ['dot'],
  },
});
