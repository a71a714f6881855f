// Vitest: unit tests in parallel forks; e2e tests spawn the real CLI, so they get longer timeouts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/setup/global-setup.ts'],
    reporters: ['default'],
  },
});
