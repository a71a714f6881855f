// Vitest: unit tests in parallel forks; e2e tests spawn the real CLI, so they get longer timeouts, stretched by the
// machine's load when the run starts (a loaded CI machine is slower, not wrong; see test/helpers/load.ts).
import { availableParallelism, loadavg } from 'node:os';
import { defineConfig } from 'vitest/config';

const load = Math.max(1, loadavg()[0] / availableParallelism());

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: Math.ceil(60_000 * load),
    hookTimeout: Math.ceil(120_000 * load),
    pool: 'forks',
    globalSetup: ['test/setup/global-setup.ts'],
    reporters: ['default'],
  },
});
