// Latency of `grade p3` from a cold process: N fresh processes, each timed from spawn to exit, split by phase
// through TFGRADE_TIMINGS (grader/util/timings.ts). Cold reference = --no-cache (computed, nothing read or written).
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, OUT_DIR, ROOT, log, median, runTimed, waitIdle } from './util.mjs';
import { floorOnce, prepareFloor, summarizeFloor } from './floor.mjs';

/** Rows of the split, in the order a run goes through them, with the category for each. */
export const PHASES = [
  ['node bootstrap', 'process start'],
  [
    'early sandbox launch',
    'sandbox start',
    'bin/grade.js: dist/early.js, bwrap probe, spawn() before the CLI bundle loads',
  ],
  ['process start', 'process start', 'import of the CLI bundle (dist/cli.js) until main()'],
  ['parse args', 'process start'],
  ['grade command load', 'spec load', "evaluating the grade command's code (engine, checks, mathjs), loaded lazily"],
  ['spec load', 'spec load', 'the specs: from the validated-spec cache, else YAML + ajv + the rules'],
  ['backend resolve', 'spec load'],
  [
    'reference: bundle',
    'reference',
    'the bundled reference/<id>.ts (half the cache key): esbuild only when one of its files changed',
  ],
  ['reference: cache read', 'reference'],
  ['reference: grader tfjs load', 'reference', 'cold only: tfjs + backend in the grader process'],
  ['reference: import module', 'reference'],
  ['reference: compute', 'reference', 'cold only: cases and expected values'],
  ['reference: cache write', 'reference'],
  ['reference: hint checks', 'reference', "hints tried on the reference's answers; remembered once found sound"],
  ['job copy', 'transpile'],
  ['sandbox: spawn (sync part)', 'sandbox start', 'adopting the early child (else: bwrap probe + spawn())'],
  ['transpile', 'transpile', 'esbuild compile of the solution (the child is already starting)'],
  [
    'sandbox: wait for ready + load module',
    'sandbox start',
    'what the grader still waits for the child after transpiling',
  ],
  ['student execution', 'student execution', 'sum of run round trips'],
  ['checking', 'checking'],
  ['sandbox close + job cleanup', 'teardown'],
  ['grade submission: finish', 'reporting'],
  ['reporting', 'reporting', 'render + write'],
  ['exit', 'teardown', 'main() returned -> process exit (event loop drain)'],
  ['unaccounted', 'teardown', 'spawn/exec before the time origin + after the exit hook'],
];

export const FACTS = [
  [
    'sandbox: child tfjs load (in child)',
    "the child's own tfjs import + backend init (ready.loadMs); overlaps the rows above",
  ],
  [
    'student execution: in-child compute',
    'time inside the child running student code; the rest of execution is IPC + (de)serialization',
  ],
];

/** A correct submission of `ids` (the <id>--correct fixture, else a copy of the reference). */
function submission(label, ids) {
  const dir = join(OUT_DIR, 'latency', `${label}-submission`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const id of ids) {
    const fixture = join(ROOT, 'test/fixtures/submissions', `${id}--correct`, `${id}.ts`);
    copyFileSync(existsSync(fixture) ? fixture : join(ROOT, 'reference', `${id}.ts`), join(dir, `${id}.ts`));
  }
  return dir;
}

async function once(exercise, dir, extra, timingsFile) {
  rmSync(timingsFile, { force: true });
  const r = await runTimed(process.execPath, [BIN, exercise, '-s', dir, ...extra], {
    env: { TFGRADE_TIMINGS: timingsFile },
    keepStdout: extra.includes('--json'),
  });
  let t;
  try {
    t = JSON.parse(readFileSync(timingsFile, 'utf8').trim().split('\n').pop());
  } catch {
    throw new Error(`grade ${exercise} wrote no timings (exit ${r.code}): ${r.stderr.slice(-2000)}`);
  }
  const phases = { ...t.phases, unaccounted: Math.max(0, r.ms - t.totalMs) };
  return {
    code: r.code,
    wallMs: r.ms,
    phases,
    facts: t.facts,
    graderMaxRssKb: t.maxRssKb,
    mem: r.mem,
    stdout: r.stdout,
  };
}

function summarize(runs) {
  const keys = new Set(runs.flatMap((r) => [...Object.keys(r.phases), ...Object.keys(r.facts)]));
  const med = {};
  for (const k of keys) med[k] = median(runs.map((r) => r.phases[k] ?? r.facts[k] ?? 0));
  return {
    n: runs.length,
    wallMs: median(runs.map((r) => r.wallMs)),
    minWallMs: Math.min(...runs.map((r) => r.wallMs)),
    maxWallMs: Math.max(...runs.map((r) => r.wallMs)),
    phases: med,
    graderMaxRssKb: median(runs.map((r) => r.graderMaxRssKb)),
    sandboxMaxKb: median(runs.map((r) => r.mem?.sandboxMaxKb)),
    esbuildKb: median(runs.map((r) => r.mem?.esbuildKb)),
    exitCodes: [...new Set(runs.map((r) => r.code))],
    othersCores: median(runs.map((r) => r.mem?.othersCores)),
  };
}

/** exercise: an id, or 'all' (the whole catalog in one submission: `grade all`). */
export async function measureLatency({ exercise = 'p3', runs = 7, coldRuns = 3, catalog = [exercise] }) {
  const dir = submission(exercise, exercise === 'all' ? catalog : [exercise]);
  const timingsFile = join(OUT_DIR, 'latency', 'timings.jsonl');
  log(`latency: warm-up + JSON report of grade ${exercise}`);
  // The warm-up fills the reference cache and the OS page cache; its --json report says what ran.
  const first = await once(exercise, dir, ['--json'], timingsFile);
  let report;
  try {
    report = JSON.parse(first.stdout);
  } catch {
    throw new Error(`grade ${exercise} --json did not print a report (exit ${first.code})`);
  }
  const cold = [];
  for (let i = 0; i < coldRuns; i++) {
    log(`latency: cold reference run ${i + 1}/${coldRuns} (--no-cache)`);
    cold.push(await once(exercise, dir, ['--no-cache'], timingsFile));
  }
  const ids = exercise === 'all' ? catalog : [exercise];
  const floor = await prepareFloor(ids, dir, exercise);
  await floorOnce(floor); // warm-up: the page cache holds tfjs for both
  await waitIdle(`latency of grade ${exercise}`);
  const cached = [];
  const floorMs = [];
  for (let i = 0; i < runs; i++) {
    // Side by side: each grade run is followed by a floor run, so both see the same machine.
    log(`latency: cached reference run ${i + 1}/${runs}, then the tfjs floor`);
    cached.push(await once(exercise, dir, [], timingsFile));
    floorMs.push(await floorOnce(floor));
  }
  return {
    exercise,
    command: `node bin/grade.js ${exercise} -s ${dir.slice(ROOT.length + 1)}`,
    report: {
      status: report.status,
      score: report.score,
      maxScore: report.maxScore,
      backend: report.backend,
      sandbox: { level: report.sandbox?.level, description: report.sandbox?.description },
    },
    cached: summarize(cached),
    floor: summarizeFloor(floorMs),
    // The compiled floor itself (two paths), so that the batch can run the same floor beside its own runs.
    floorWork: floor,
    cold: summarize(cold),
    raw: { cached: cached.map(({ stdout, ...r }) => r), cold: cold.map(({ stdout, ...r }) => r) },
  };
}
