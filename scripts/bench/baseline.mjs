// The obvious alternative, measured on the same students: one `vitest run` process per student running the
// hand-written assertions of test/bench/baseline/ (no sandbox, no time limits, no cached references).
import { join } from 'node:path';
import { ROOT, load, log, runTimed, waitIdle } from './util.mjs';

const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const CONFIG = 'test/bench/vitest.baseline.config.ts';

function counts(out) {
  const clean = out.replace(/\x1b\[[0-9;]*m/g, '');
  const line = /Tests\s+(.*)\((\d+)\)/.exec(clean);
  if (!line) return undefined;
  const failed = Number(/(\d+) failed/.exec(line[1])?.[1] ?? 0);
  const passed = Number(/(\d+) passed/.exec(line[1])?.[1] ?? 0);
  return { failed, passed, total: Number(line[2]) };
}

/** Runs vitest once per student, `parallel` processes at a time (node vitest.mjs directly: no npx start-up). */
async function pass(students, dir, parallel, extra) {
  await waitIdle(`baseline, ${parallel} at a time`);
  const results = new Array(students.length);
  let next = 0;
  let peakMainKb = 0;
  let peakWorkerKb = 0;
  let cpuMs = 0;
  let othersMs = 0;
  const t0 = performance.now();
  const loadBefore = load();
  const lane = async () => {
    while (next < students.length) {
      const i = next++;
      const r = await runTimed(process.execPath, [VITEST, 'run', '--config', CONFIG, ...extra], {
        env: { STUDENT_DIR: join(dir, students[i]) },
      });
      const c = counts(r.stdout + r.stderr);
      if (!c) log(`baseline: no vitest summary for ${students[i]} (exit ${r.code}): ${r.stderr.slice(-300)}`);
      results[i] = { student: students[i], ms: r.ms, code: r.code, ...c };
      cpuMs += r.mem?.cpuMs ?? 0;
      othersMs += (r.mem?.othersCores ?? 0) * r.ms;
      peakMainKb = Math.max(peakMainKb, r.mem?.graderKb ?? 0);
      peakWorkerKb = Math.max(peakWorkerKb, r.mem?.sandboxMaxKb ?? 0);
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  const wallMs = performance.now() - t0;
  return {
    parallel,
    students: students.length,
    wallMs,
    perSecond: students.length / (wallMs / 1000),
    allPassed: results.filter((r) => r.code === 0).length,
    broken: results.filter((r) => r.total === undefined).length,
    cpuPerStudentMs: cpuMs / students.length,
    coresUsed: cpuMs / wallMs,
    // Approximate when several students run at once (each run sees the others as 'other work').
    othersCores: parallel === 1 ? othersMs / wallMs : undefined,
    vitestMainMaxKb: peakMainKb,
    vitestWorkerMaxKb: peakWorkerKb,
    load: { before: loadBefore, after: load() },
  };
}

export async function measureBaseline({ dir, students, parallelList, isolateSample, expectAllPassed }) {
  const runs = [];
  for (const parallel of parallelList) {
    log(`baseline: ${students.length} students, vitest ${parallel} at a time`);
    runs.push(await pass(students, dir, parallel, []));
  }
  // vitest's default (a fresh module graph, hence a fresh tfjs, per test file), on a few students only: it is slow.
  let isolated;
  if (isolateSample > 0) {
    log(`baseline: vitest default isolation, ${isolateSample} students sequentially`);
    isolated = await pass(students.slice(0, isolateSample), dir, 1, ['--isolate']);
  }
  const best = runs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  return {
    expectAllPassed,
    command: `STUDENT_DIR=<student> node node_modules/vitest/vitest.mjs run --config ${CONFIG}`,
    runs,
    best: best.parallel,
    isolated,
  };
}
