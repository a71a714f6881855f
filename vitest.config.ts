// Vitest: test files in parallel forks; e2e tests spawn the real CLI, so they get longer timeouts, stretched by the
// machine's load when the run starts (a loaded CI machine is slower, not wrong; see test/helpers/load.ts).
import { availableParallelism, loadavg } from 'node:os';
import { defineConfig } from 'vitest/config';
import { LongestFirst } from './test/setup/sequencer.js';

const load = Math.max(1, loadavg()[0] / availableParallelism());

/**
 * In-process unit tests that leave no state behind in the modules they share (no sandbox, no engine, no process):
 * they share one module graph per worker. Each file importing tfjs, the checks and the references afresh cost more
 * CPU than the tests themselves (about 1.5 s a file). Tests that touch module state (the sandbox's snapshot switch,
 * the early child, the engine's caches and tfjs backend, the job folder) stay isolated in the other project.
 */
const SHARED = [
  'test/unit/checks/**/*.test.ts',
  'test/unit/reference/**/*.test.ts',
  'test/unit/report/**/*.test.ts',
  'test/unit/math/**/*.test.ts',
  'test/unit/model/**/*.test.ts',
  'test/unit/protocol/**/*.test.ts',
  'test/unit/lms/**/*.test.ts',
  'test/unit/similarity/**/*.test.ts',
  'test/unit/architecture/**/*.test.ts',
  'test/unit/docs/**/*.test.ts',
  'test/unit/batch/**/*.test.ts',
  'test/fuzz/answer-parser.fuzz.test.ts',
  'test/fuzz/discover.fuzz.test.ts',
  'test/fuzz/spec-loader.fuzz.test.ts',
  'test/cli/**/*.test.ts',
];

const HOSTILE = 'test/hostile/hostile.test.ts';

const common = {
  testTimeout: Math.ceil(60_000 * load),
  hookTimeout: Math.ceil(120_000 * load),
  pool: 'forks',
} as const;

export default defineConfig({
  test: {
    // One file per core. Vitest's default is cores - 1, which on a 2-core machine ran every file one after another
    // while the e2e files mostly wait on the processes they spawned.
    maxWorkers: Math.max(2, availableParallelism()),
    // The longest files first, so the run does not end on one long e2e file alone (test/setup/sequencer.ts).
    sequence: { sequencer: LongestFirst },
    // Here only, not in the projects: each project would build dist/ again.
    globalSetup: ['test/setup/global-setup.ts'],
    reporters: ['default'],
    projects: [
      { test: { ...common, name: 'shared', include: SHARED, isolate: false } },
      { test: { ...common, name: 'isolated', include: ['test/**/*.test.ts'], exclude: [...SHARED, HOSTILE] } },
      // After every other file, alone: its cases assert wall-clock bounds and pass the grader short time limits (an
      // honest part must still finish within them), which other files' graders on the same cores would eat into. Its
      // five cases at a time keep both cores busy anyway.
      { test: { ...common, name: 'hostile', include: [HOSTILE], maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
