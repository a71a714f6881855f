// Throughput of `grade batch` over the generated students, at several --jobs: wall time, submissions/s, speedup,
// peak memory (grader from its own maxRSS, sandboxes sampled from /proc). Reports "unavailable" instead of guessing.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { floorOnce, summarizeFloor } from './floor.mjs';
import { BIN, OUT_DIR, load, log, runTimed, waitIdle } from './util.mjs';

function lastJsonLine(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8').trim().split('\n').pop());
  } catch {
    return undefined;
  }
}

/** One student's report: did every part pass (needs-review counts as pending, as in the CLI's exit code)? */
function allPassed(report) {
  return report.exercises.every((e) => e.parts.every((p) => p.status === 'passed' || p.status === 'needs-review'));
}

/**
 * warmDir: a one-student batch graded first, untimed, so that neither timed run pays for computing references.
 * floor: grade p3's compiled tfjs floor (latency.mjs), run FLOOR_BESIDE times right before and right after each batch:
 * the batch is then counted in units of a floor measured on the same machine state, not one measured minutes earlier
 * (this machine's speed drifts by 20-40% over minutes, which moved a batch's units by as much).
 */
export async function measureBatch({ dir, students, jobsList, warmDir, expectAllPassed, floor }) {
  const runs = [];
  let exerciseCost;
  if (warmDir) {
    log('batch: warm-up (fills the reference cache for the whole catalog)');
    const warm = join(OUT_DIR, 'batch-out-warmup');
    rmSync(warm, { recursive: true, force: true });
    await runTimed(process.execPath, [BIN, 'batch', warmDir, '--out', warm, '--jobs', '1'], {
      keepStdout: false,
      memory: false,
    });
  }
  // A one-student batch with warm references: the fixed cost of a batch (start-up, specs, references from cache).
  let oneStudentMs;
  if (warmDir) {
    const warm = join(OUT_DIR, 'batch-out-one');
    rmSync(warm, { recursive: true, force: true });
    oneStudentMs = (
      await runTimed(process.execPath, [BIN, 'batch', warmDir, '--out', warm, '--jobs', '1'], {
        keepStdout: false,
        memory: false,
      })
    ).ms;
  }
  for (const jobs of jobsList) {
    await waitIdle(`batch --jobs ${jobs}`);
    log(`batch: ${students} students, --jobs ${jobs}`);
    const loadBefore = load();
    const floorMs = floor ? await floorRuns(floor) : [];
    const timed = await batchRun(dir, jobs, false);
    if (floor) floorMs.push(...(await floorRuns(floor)));
    if (!timed.ok) return { available: false, reason: timed.reason, runs };
    log(`batch: ${students} students, --jobs ${jobs}, again with its processes sampled`);
    const sampled = await batchRun(dir, jobs, true);
    if (!sampled.ok) return { available: false, reason: sampled.reason, runs };
    const { summary, reports, t } = timed;
    const mem = sampled.r.mem;
    const durations = reports.map((x) => x.durationMs).sort((a, b) => a - b);
    if (jobs === 1) exerciseCost = costByExercise(reports);
    runs.push({
      jobs,
      students: summary.students,
      wallMs: timed.r.ms,
      perSecond: summary.students / (timed.r.ms / 1000),
      allPassed: reports.filter(allPassed).length,
      expectAllPassed,
      medianStudentMs: durations[durations.length >> 1],
      graderMaxRssKb: t?.maxRssKb,
      // The batch's own similarity phase (every pair of students, per code exercise), timed inside the grader.
      similarityMs: t?.facts?.['similarity ms'],
      // From the sampled run: its sampler (every 15 ms through /proc) takes CPU the batch would otherwise have.
      sampledWallMs: sampled.r.ms,
      sandboxMaxKb: mem?.sandboxMaxKb,
      esbuildKb: mem?.esbuildKb,
      sandboxesSeen: mem?.sandboxes,
      // CPU time of the whole tree (grader, esbuild, every sandbox), from /proc: independent of how busy the machine was.
      cpuPerStudentMs: mem ? mem.cpuMs / summary.students : undefined,
      cpuByRoleMs: mem?.cpuByRoleMs,
      coresUsed: mem ? mem.cpuMs / sampled.r.ms : undefined,
      othersCores: mem?.othersCores,
      // The floor measured beside the timed run (before and after it): the unit this run is counted in.
      floor: floorMs.length ? summarizeFloor(floorMs) : undefined,
      backend: reports[0]?.backend,
      sandboxLevel: reports[0]?.sandbox?.level,
      load: { before: loadBefore, after: load() },
    });
    if (summary.students !== students) log(`warning: batch graded ${summary.students} of ${students} students`);
    if (expectAllPassed !== undefined && runs.at(-1).allPassed !== expectAllPassed) {
      log(
        `warning: ${runs.at(-1).allPassed} students passed everything, ${expectAllPassed} should have (correct + slow profiles): the run is not representative`,
      );
    }
  }
  const one = runs.find((x) => x.jobs === 1);
  const best = runs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const speedup = one && best !== one ? one.wallMs / best.wallMs : undefined;
  const marginal =
    one && oneStudentMs !== undefined && students > 1 ? (one.wallMs - oneStudentMs) / (students - 1) : undefined;
  return {
    available: true,
    runs,
    oneStudentMs,
    marginalStudentMs: marginal,
    exerciseCost,
    speedup,
    speedupJobs: best.jobs,
    efficiency: speedup !== undefined ? speedup / best.jobs : undefined,
  };
}

const FLOOR_BESIDE = 3;

/**
 * One `grade batch` run into a fresh folder. `sampled`: its process tree is watched through /proc every 15 ms (CPU by
 * role, peak memory); that sampler needs a core of its own, so the wall time that counts comes from an unsampled run
 * (with both cores busy, sampling made the same batch 5-7% slower in side-by-side pairs).
 */
async function batchRun(dir, jobs, sampled) {
  const out = join(OUT_DIR, `batch-out-j${jobs}`);
  const timings = join(OUT_DIR, `batch-timings-j${jobs}.jsonl`);
  rmSync(out, { recursive: true, force: true });
  rmSync(timings, { force: true });
  const r = await runTimed(process.execPath, [BIN, 'batch', dir, '--out', out, '--jobs', String(jobs)], {
    env: { TFGRADE_TIMINGS: timings },
    keepStdout: false,
    memory: sampled,
  });
  const summaryFile = join(out, 'summary.json');
  if (r.timedOut || ![0, 1].includes(r.code) || !existsSync(summaryFile)) {
    const why = r.timedOut ? 'by timeout' : r.code;
    return { ok: false, reason: `grade batch exited ${why}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}` };
  }
  const reports = readdirSync(out)
    .filter((n) => n.startsWith('student-') && n.endsWith('.json'))
    .map((n) => JSON.parse(readFileSync(join(out, n), 'utf8')));
  return { ok: true, r, t: lastJsonLine(timings), summary: JSON.parse(readFileSync(summaryFile, 'utf8')), reports };
}

async function floorRuns(floor) {
  const ms = [];
  for (let i = 0; i < FLOOR_BESIDE; i++) ms.push(await floorOnce(floor));
  return ms;
}

/** Per exercise, over the students who got it right at full speed (--jobs 1, no contention): parts, cases, time. */
function costByExercise(reports) {
  const by = new Map();
  for (const r of reports) {
    for (const e of r.exercises) {
      if (e.status !== 'passed' && e.status !== 'needs-review') continue;
      const x = by.get(e.id) ?? {
        id: e.id,
        parts: e.parts.length,
        cases: e.parts.reduce((a, p) => a + (p.cases?.length || 1), 0),
        ms: [],
      };
      x.ms.push(e.parts.reduce((a, p) => a + (p.durationMs ?? 0), 0));
      by.set(e.id, x);
    }
  }
  return [...by.values()].map(({ ms, ...x }) => ({
    ...x,
    medianMs: ms.sort((a, b) => a - b)[ms.length >> 1],
    students: ms.length,
  }));
}
