// Vitest: test files in parallel forks; e2e tests spawn the real CLI, so they get longer timeouts, stretched by the
// machine's load when the run starts (a loaded CI machine is slower, not wrong; see test/helpers/load.ts).
import { availableParallelism, loadavg } from 'node:os';
import { defineConfig } from 'vitest/config';
import { LongestFirst } from './test/setup/sequencer.js';

const load = Math.max(1, loadavg()[0] / availableParallelism());

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: Math.ceil(60_000 * load),
    hookTimeout: Math.ceil(120_000 * load),
    pool: 'forks',
    // One file per core. Vitest's default is cores - 1, which on a 2-core machine ran every file one after another
    // while the e2e files mostly wait on the processes they spawned.
    maxWorkers: Math.max(2, availableParallelism()),
    // The longest files first, so the run does not end on one long e2e file alone (test/setup/sequencer.ts).
    sequence: { sequencer: LongestFirst },
    globalSetup: ['test/setup/global-setup.ts'],
    reporters: ['default'],
  },
});
