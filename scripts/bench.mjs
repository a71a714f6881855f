// `npm run bench`: how fast tfgrade grades on this machine, against the obvious alternative (vitest per student).
// A benchmark, not a test: it prints tables and writes reports/bench/bench-results.json; it asserts nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CORES, OUT_DIR, ROOT, WATCH_MEMORY, load, log, setIdleBudget, waitIdle } from './bench/util.mjs';
import { measureLatency } from './bench/latency.mjs';
import { measureSandboxStart } from './bench/sandbox-start.mjs';
import { measureEntryPoints } from './bench/entry.mjs';
import { catalog, generateSubmissions } from './bench/generate.mjs';
import { measureBatch } from './bench/throughput.mjs';
import { measureBaseline } from './bench/baseline.mjs';
import { report } from './bench/report.mjs';
import { measureBackends } from './bench/backends.mjs';
import { measureSimilarity } from './bench/similarity.mjs';

const HELP = `Usage: node scripts/bench.mjs [options]   (npm run bench builds first)

  --runs N               fresh-process runs of \`grade p3\` with cached references (default 7)
  --cold-runs N          runs with --no-cache, references computed (default 3)
  --students N           generated whole-catalog submissions for grade batch (default 100)
  --jobs N               parallel jobs compared with --jobs 1 (default: cores = ${CORES})
  --baseline-students N  students the vitest baseline runs (default 40; the first N of the same set)
  --isolate-sample N     students run under vitest's default per-file isolation (default 3; 0 skips)
  --backend-students N   students of the per-backend comparison (tensorflow, wasm, cpu; default 20)
  --similarity-students N  generated students per code exercise for the similarity detector (default 300)
  --skip-batch / --skip-baseline / --skip-latency / --skip-backends / --skip-similarity
  --wait-idle S          before each section, wait up to S seconds until other processes use < 15% of the CPU
  --quick                tiny sizes, to check that the bench itself works (figures are not meaningful)
  --out FILE             results file (default reports/bench/bench-results.json)`;

const { values: o } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    'cold-runs': { type: 'string', default: '3' },
    students: { type: 'string', default: '100' },
    jobs: { type: 'string', default: String(CORES) },
    'baseline-students': { type: 'string', default: '40' },
    'isolate-sample': { type: 'string', default: '3' },
    'backend-students': { type: 'string', default: '20' },
    'similarity-students': { type: 'string', default: '300' },
    'skip-batch': { type: 'boolean' },
    'skip-baseline': { type: 'boolean' },
    'skip-latency': { type: 'boolean' },
    'skip-backends': { type: 'boolean' },
    'skip-similarity': { type: 'boolean' },
    'wait-idle': { type: 'string' },
    quick: { type: 'boolean' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (o.help) {
  console.log(HELP);
  process.exit(0);
}
const int = (name, quick) => {
  const v = o.quick && quick !== undefined ? quick : Number(o[name]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} must be a whole number`);
  return v;
};
const cfg = {
  runs: int('runs', 2),
  coldRuns: int('cold-runs', 1),
  students: int('students', 3),
  jobs: int('jobs', CORES),
  baselineStudents: int('baseline-students', 1),
  isolateSample: int('isolate-sample', 0),
  sandboxRuns: o.quick ? 1 : 5,
  backendStudents: int('backend-students', 2),
  similarityStudents: int('similarity-students', 30),
};

async function main() {
  mkdirSync(OUT_DIR, { recursive: true });
  if (o['wait-idle']) setIdleBudget(Number(o['wait-idle']));
  await waitIdle('start');
  const results = {
    createdAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cores: CORES,
      cpu: cpus()[0]?.model,
      loadAtStart: load(),
    },
    config: { ...cfg, quick: !!o.quick },
    memoryMethod: WATCH_MEMORY
      ? 'grader: process.resourceUsage().maxRSS at exit (TFGRADE_TIMINGS); sandbox child and esbuild service: VmHWM from /proc/<pid>/status, sampled every 15 ms until the process ends'
      : 'grader only (process.resourceUsage().maxRSS): /proc/<pid>/task/<tid>/children is not available here',
  };
  results.sandboxStart = await measureSandboxStart({ runs: cfg.sandboxRuns });
  if (!o['skip-latency']) {
    results.latency = await measureLatency({ exercise: 'p3', runs: Math.max(1, cfg.runs), coldRuns: cfg.coldRuns });
    // The whole catalog in one process: how the same phases grow with 17 exercises instead of one.
    if (!o.quick) {
      await waitIdle('latency, whole catalog');
      results.latencyAll = await measureLatency({
        exercise: 'all',
        runs: Math.max(1, Math.min(3, cfg.runs)),
        coldRuns: Math.min(1, cfg.coldRuns),
        catalog: catalog(),
      });
    }
    results.entryPoints = await measureEntryPoints({ runs: o.quick ? 1 : 5 });
  }

  const needStudents = Math.max(o['skip-batch'] ? 0 : cfg.students, o['skip-baseline'] ? 0 : cfg.baselineStudents);
  if (needStudents > 0) {
    const dir = join(OUT_DIR, 'students');
    log(`generating ${needStudents} whole-catalog submissions in ${dir.slice(ROOT.length + 1)}`);
    const gen = generateSubmissions({ n: needStudents, dir });
    results.submissions = {
      dir: dir.slice(ROOT.length + 1),
      exercises: gen.exercises.length,
      composition: gen.composition,
      students: gen.students,
    };
    if (!o['skip-batch']) {
      // The batch grades the first `students` folders: generate them in a folder of their own when the baseline needs more.
      let batchDir = dir;
      if (cfg.students < needStudents) {
        batchDir = join(OUT_DIR, 'students-batch');
        generateSubmissions({ n: cfg.students, dir: batchDir });
      }
      const jobsList = [...new Set([1, cfg.jobs])];
      const warmDir = join(OUT_DIR, 'students-warmup');
      generateSubmissions({ n: 1, dir: warmDir });
      const expectAllPassed = gen.students.slice(0, cfg.students).filter((s) => s.profile !== 'wrong').length;
      results.batch = await measureBatch({
        dir: batchDir,
        students: cfg.students,
        jobsList,
        warmDir,
        expectAllPassed,
        floor: results.latency?.floorWork,
      });
      results.batch.command = `node bin/grade.js batch ${batchDir.slice(ROOT.length + 1)} --out <dir> --jobs <1|${cfg.jobs}>`;
    }
    if (!o['skip-baseline'] && cfg.baselineStudents > 0) {
      const chosen = gen.students.slice(0, cfg.baselineStudents);
      const names = chosen.map((s) => s.id);
      results.baseline = await measureBaseline({
        dir,
        students: names,
        expectAllPassed: chosen.filter((s) => s.profile !== 'wrong').length,
        parallelList: o.quick ? [1] : [...new Set([1, Math.min(2, CORES)])],
        isolateSample: Math.min(cfg.isolateSample, names.length),
      });
    }
  }
  if (!o['skip-backends'] && cfg.backendStudents > 0) {
    const dir = join(OUT_DIR, 'students-backends');
    generateSubmissions({ n: cfg.backendStudents, dir });
    results.backends = await measureBackends({
      backends: ['tensorflow', 'wasm', 'cpu'],
      runs: Math.max(1, Math.min(5, cfg.runs)),
      dir,
      students: cfg.backendStudents,
      jobs: cfg.jobs,
    });
  }
  if (!o['skip-similarity'] && cfg.similarityStudents > 1) {
    await waitIdle('similarity');
    log(`similarity: ${cfg.similarityStudents} generated students per code exercise`);
    results.similarity = await measureSimilarity({ students: cfg.similarityStudents, runs: o.quick ? 1 : 3 });
  }
  results.machine.loadAtEnd = load();
  const file = o.out ? resolve(o.out) : join(OUT_DIR, 'bench-results.json');
  const text = report(results);
  results.summary = text;
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${text}\nresults: ${file.startsWith(ROOT) ? file.slice(ROOT.length + 1) : file}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e?.stack ?? e}\n`);
  process.exitCode = 1;
});
