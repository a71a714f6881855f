// Renders the benchmark's results as plain-text tables (stdout), including the issue's targets and whether they hold.
import { FACTS, PHASES } from './latency.mjs';
import { fmtMb, fmtMs, table } from './util.mjs';
import { backendsSection } from './backends.mjs';
import { similaritySection } from './similarity.mjs';

const CATEGORIES = [
  'process start',
  'spec load',
  'reference',
  'transpile',
  'sandbox start',
  'student execution',
  'checking',
  'reporting',
  'teardown',
];

function latencySection(l, title = '1. Latency') {
  const out = [];
  const b = l.report.backend;
  out.push(
    `${title}: \`${l.command}\` in a fresh process (median of ${l.cached.n} runs with cached references, ${l.cold.n} with --no-cache)`,
  );
  out.push(
    `   report: ${l.report.status} ${l.report.score}/${l.report.maxScore}, backend ${b?.name} (${b?.package} ${b?.version}), isolation ${l.report.sandbox.level}`,
  );
  if (l.report.status !== 'passed' && l.report.status !== 'needs-review')
    out.push(`   WARNING: the correct submission did not pass (${l.report.status}): this split is not representative`);
  const rows = PHASES.filter(([k]) => l.cached.phases[k] !== undefined || l.cold.phases[k] !== undefined).map(
    ([k, cat, note]) => [k, cat, fmtMs(l.cached.phases[k]), fmtMs(l.cold.phases[k]), note ?? ''],
  );
  rows.push([
    'wall, spawn -> exit (median)',
    '',
    fmtMs(l.cached.wallMs),
    fmtMs(l.cold.wallMs),
    `cached min ${fmtMs(l.cached.minWallMs)}, max ${fmtMs(l.cached.maxWallMs)}`,
  ]);
  if (l.floor)
    rows.push([
      'the tfjs floor (median, run beside each cached run)',
      '',
      fmtMs(l.floor.wallMs),
      '',
      `${(l.cached.wallMs / l.floor.wallMs).toFixed(2)}x the floor (scripts/bench/floor-child.mjs)`,
    ]);
  if (l.cached.othersCores !== undefined)
    rows.push([
      'other processes meanwhile (median)',
      '',
      `${l.cached.othersCores.toFixed(2)} cores`,
      `${l.cold.othersCores?.toFixed(2)} cores`,
      'CPU the rest of the machine used during the runs',
    ]);
  out.push(table(['phase (wall-clock laps of the grader)', 'category', 'cached ref', 'cold ref', 'what'], rows));
  const byCat = (s) =>
    Object.fromEntries(
      CATEGORIES.map((c) => [c, PHASES.filter(([, cat]) => cat === c).reduce((a, [k]) => a + (s.phases[k] ?? 0), 0)]),
    );
  const cc = byCat(l.cached);
  const co = byCat(l.cold);
  out.push('');
  out.push(
    table(
      ['by category (sum of phase medians)', 'cached ref', 'cold ref'],
      CATEGORIES.map((c) => [c, fmtMs(cc[c]), fmtMs(co[c])]),
    ),
  );
  out.push('');
  out.push(
    table(
      ['overlapping measurements', 'cached ref', 'cold ref', 'what'],
      FACTS.map(([k, what]) => [k, fmtMs(l.cached.phases[k]), fmtMs(l.cold.phases[k]), what]),
    ),
  );
  return out.join('\n');
}

function sandboxSection(rows) {
  return [
    '2. Sandbox start on its own: spawn -> ready of the sandbox child (median; wasm backend; from the startup snapshot dist/runtime/worker.blob unless the row says otherwise)',
    table(
      ['isolation', 'spawn -> ready', 'child tfjs load', 'idle resident'],
      rows.map((r) => [r.name, fmtMs(r.spawnToReadyMs), fmtMs(r.childTfjsLoadMs), fmtMb(r.idleKb)]),
    ),
  ].join('\n');
}

function batchSection(r) {
  const s = r.submissions;
  const out = [
    `3. Throughput: grade batch over ${r.batch?.runs?.[0]?.students ?? r.config.students} generated whole-catalog submissions (${s.exercises} exercises each; mix ${s.composition.correct} correct / ${s.composition.wrong} wrong / ${s.composition.slow} slow, in the first ${s.students.length})`,
  ];
  if (!r.batch) return out.concat('   skipped (--skip-batch)').join('\n');
  if (!r.batch.available) return out.concat(`   not measured: batch unavailable (${r.batch.reason})`).join('\n');
  out.push(`   ${r.batch.command}`);
  const off = r.batch.runs.filter((x) => x.expectAllPassed !== undefined && x.allPassed !== x.expectAllPassed);
  if (off.length)
    out.push(
      `   WARNING: ${off.map((x) => `--jobs ${x.jobs}: ${x.allPassed} students passed everything, ${x.expectAllPassed} should have`).join('; ')}: not representative`,
    );
  out.push(
    table(
      [
        '--jobs',
        'wall',
        'students/s',
        'median per student',
        'CPU per student',
        'cores busy',
        'other processes',
        'all passed',
        'p3 floor beside',
      ],
      r.batch.runs.map((x) => [
        String(x.jobs),
        fmtMs(x.wallMs),
        x.perSecond.toFixed(2),
        fmtMs(x.medianStudentMs),
        fmtMs(x.cpuPerStudentMs),
        x.coresUsed?.toFixed(2) ?? '-',
        x.othersCores !== undefined ? `${x.othersCores.toFixed(2)} cores` : '-',
        `${x.allPassed}/${x.students}`,
        x.floor ? `${fmtMs(x.floor.wallMs)} (${fmtMs(x.floor.minWallMs)}-${fmtMs(x.floor.maxWallMs)})` : '-',
      ]),
    ),
  );
  const sampled = r.batch.runs.filter((x) => x.sampledWallMs !== undefined);
  if (sampled.length)
    out.push(
      `   wall, students/s, median and floor: a run without the /proc sampler; CPU, cores busy, other processes: a second run, sampled every 15 ms (its wall: ${sampled.map((x) => `${fmtMs(x.sampledWallMs)} at --jobs ${x.jobs}`).join(', ')})`,
    );
  const cpu = r.batch.runs[0]?.cpuByRoleMs;
  if (cpu) {
    const n = r.batch.runs[0].students;
    out.push(
      `   CPU per student at --jobs ${r.batch.runs[0].jobs}: sandbox children ${fmtMs(cpu.sandbox / n)}, grader ${fmtMs(cpu.grader / n)}, esbuild ${fmtMs(cpu.esbuild / n)}, bwrap/sh ${fmtMs(cpu.other / n)}`,
    );
  }
  const lowest = r.batch.runs
    .map((x) => x.cpuPerStudentMs)
    .filter(Boolean)
    .sort((a, b) => a - b)[0];
  if (lowest) {
    const cores = r.machine.cores;
    out.push(
      `   CPU floor: ${fmtMs(lowest)} of CPU per student over ${cores} cores = ${fmtMs((lowest * 100) / cores)} per 100 students at best (all cores busy, nothing else running)`,
    );
  }
  if (r.batch.marginalStudentMs !== undefined) {
    out.push(
      `   growth: a one-student batch takes ${fmtMs(r.batch.oneStudentMs)} (fixed cost + 1 student); each further student adds ${fmtMs(r.batch.marginalStudentMs)} at --jobs 1`,
    );
  }
  if (r.batch.exerciseCost?.length) {
    out.push(
      "   time inside each exercise (sum of its parts' durationMs, median over students who passed it, --jobs 1):",
    );
    const rows = [...r.batch.exerciseCost]
      .sort((a, b) => b.medianMs - a.medianMs)
      .map((e) => [e.id, String(e.parts), String(e.cases), fmtMs(e.medianMs)]);
    out.push(
      table(
        ['   exercise', 'parts', 'cases', 'median'],
        rows.map(([a, ...x]) => [`   ${a}`, ...x]),
      ),
    );
  }
  if (r.batch.speedup !== undefined)
    out.push(
      `   speedup --jobs 1 -> --jobs ${r.batch.speedupJobs}: ${r.batch.speedup.toFixed(2)}x (parallel efficiency ${(r.batch.efficiency * 100).toFixed(0)}% per core)`,
    );
  return out.join('\n');
}

function baselineSection(r) {
  const b = r.baseline;
  if (!b) return '4. Baseline: skipped';
  const out = [
    `4. Baseline: one vitest process per student, hand-written assertions (test/bench/baseline), the first ${b.runs[0].students} of the same students`,
    `   ${b.command}`,
    `   ${b.expectAllPassed} of them should pass everything (correct and slow profiles)`,
  ];
  const row = (name, x) => [
    name,
    fmtMs(x.wallMs),
    x.perSecond.toFixed(2),
    fmtMs((x.wallMs / x.students) * x.parallel),
    fmtMs(x.cpuPerStudentMs),
    x.coresUsed?.toFixed(2) ?? '-',
    x.othersCores !== undefined ? `${x.othersCores.toFixed(2)} cores` : '-',
    `${x.allPassed}/${x.students}`,
    fmtMb(x.vitestMainMaxKb),
    fmtMb(x.vitestWorkerMaxKb),
  ];
  const rows = b.runs.map((x) => row(`${x.parallel} at a time (isolate: false)`, x));
  if (b.isolated) rows.push(row(`1 at a time, vitest default isolation (${b.isolated.students} students)`, b.isolated));
  out.push(
    table(
      [
        'vitest',
        'wall',
        'students/s',
        'per student',
        'CPU per student',
        'cores busy',
        'other processes',
        'all passed',
        'main peak',
        'worker peak',
      ],
      rows,
    ),
  );
  return out.join('\n');
}

/** The issue's targets, each with what was measured here. */
function targets(r) {
  const rows = [];
  const l = r.latency;
  if (l)
    rows.push([
      'grade p3 from a cold process, median < 1 s (cached references)',
      fmtMs(l.cached.wallMs),
      l.cached.wallMs < 1000 ? 'met' : 'NOT met',
    ]);
  if (l)
    rows.push([
      '  same, references computed (--no-cache; first run ever)',
      fmtMs(l.cold.wallMs),
      l.cold.wallMs < 1000 ? 'met' : 'NOT met',
    ]);
  if (l?.floor) {
    const ratio = l.cached.wallMs / l.floor.wallMs;
    rows.push([
      `grade ${l.exercise} <= 1.4x its tfjs floor (${fmtMs(l.floor.wallMs)}), side by side`,
      `${ratio.toFixed(2)}x`,
      ratio <= 1.4 ? 'met' : 'NOT met',
    ]);
  }
  const runs = r.batch?.available ? r.batch.runs : [];
  const two = runs.find((x) => x.jobs === 2) ?? runs.find((x) => x.jobs > 1);
  if (two) {
    const per100 = (two.wallMs / two.students) * 100;
    rows.push([
      `batch of 100 whole-catalog submissions < 60 s with ${two.jobs} jobs`,
      `${fmtMs(per100)}${two.students === 100 ? '' : ` (from ${two.students})`}`,
      per100 < 60_000 ? 'met' : 'NOT met',
    ]);
    // The unit is the floor run beside this batch (before and after it); the latency section's floor, minutes earlier,
    // only when the batch ran without one.
    const unit = two.floor ?? l?.floor;
    if (unit) {
      const units = ((two.wallMs / two.students) * 20) / unit.wallMs;
      rows.push([
        `20 whole-catalog students with ${two.jobs} jobs <= 30 floor units (one unit: grade p3's tfjs floor, ${two.floor ? 'run beside the batch' : 'from the latency runs'}: ${fmtMs(unit.wallMs)})`,
        `${units.toFixed(1)} units`,
        units <= 30 ? 'met' : 'NOT met',
      ]);
    }
  }
  if (r.batch?.speedup !== undefined)
    rows.push([
      `speedup >= 1.7 on ${r.batch.speedupJobs} cores (jobs 1 -> ${r.batch.speedupJobs})`,
      `${r.batch.speedup.toFixed(2)}x`,
      r.batch.speedup >= 1.7 ? 'met' : 'NOT met',
    ]);
  if (runs.length && r.baseline) {
    const best = runs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    const base = r.baseline.runs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    const ratio = best.perSecond / base.perSecond;
    r.ratio = { tfgradePerSecond: best.perSecond, baselinePerSecond: base.perSecond, ratio };
    rows.push([
      `tfgrade >= 3x the baseline's throughput (best of each: jobs ${best.jobs} vs ${base.parallel} at a time)`,
      `${ratio.toFixed(2)}x`,
      ratio >= 3 ? 'met' : 'NOT met',
    ]);
    const seq1 = runs.find((x) => x.jobs === 1);
    const base1 = r.baseline.runs.find((x) => x.parallel === 1);
    if (seq1 && base1)
      rows.push(['  one at a time on both sides', `${(seq1.perSecond / base1.perSecond).toFixed(2)}x`, '']);
    if (seq1?.cpuPerStudentMs && base1?.cpuPerStudentMs)
      rows.push([
        '  CPU per student, baseline / tfgrade (throughput ratio once the cores are saturated)',
        `${(base1.cpuPerStudentMs / seq1.cpuPerStudentMs).toFixed(2)}x`,
        '',
      ]);
    if (r.baseline.isolated)
      rows.push([
        '  vs vitest with its default per-file isolation, one at a time',
        `${((seq1 ?? best).perSecond / r.baseline.isolated.perSecond).toFixed(1)}x`,
        '',
      ]);
  } else if (r.baseline) {
    rows.push(["tfgrade >= 3x the baseline's throughput", 'not measured: batch unavailable', '']);
  }
  // Similarity is judged against grading the same class: the batch's fixed cost plus its per-student cost at --jobs 1.
  const sim = r.similarity;
  if (sim && r.batch?.marginalStudentMs !== undefined) {
    const batchMs = r.batch.oneStudentMs + (sim.students - 1) * r.batch.marginalStudentMs;
    const share = sim.totalMs / batchMs;
    rows.push([
      `similarity of a ${sim.students}-student class < 10% of its batch (${fmtMs(batchMs)} at --jobs 1, from section 3)`,
      `${fmtMs(sim.totalMs)} = ${(share * 100).toFixed(2)}%`,
      share < 0.1 ? 'met' : 'NOT met',
    ]);
  }
  for (const x of runs.filter((x) => x.similarityMs !== undefined)) {
    rows.push([
      `  inside the measured batch (--jobs ${x.jobs}, ${x.students} students): similarity phase / wall`,
      `${fmtMs(x.similarityMs)} = ${((x.similarityMs / x.wallMs) * 100).toFixed(2)}%`,
      '',
    ]);
  }
  // --quick sizes say nothing about the targets: keep the figures, drop the verdicts.
  if (r.config.quick) for (const row of rows) row[2] = row[2] ? '(quick)' : '';
  return ['Targets', table(['target', 'measured', ''], rows)].join('\n');
}

function memorySection(r) {
  const rows = [];
  const l = r.latency;
  if (l)
    rows.push([
      'grade p3, cached references',
      fmtMb(l.cached.graderMaxRssKb),
      fmtMb(l.cached.esbuildKb),
      fmtMb(l.cached.sandboxMaxKb),
    ]);
  if (l)
    rows.push([
      'grade p3, references computed',
      fmtMb(l.cold.graderMaxRssKb),
      fmtMb(l.cold.esbuildKb),
      fmtMb(l.cold.sandboxMaxKb),
    ]);
  for (const x of r.batch?.available ? r.batch.runs : [])
    rows.push([
      `batch --jobs ${x.jobs} (whole catalog)`,
      fmtMb(x.graderMaxRssKb),
      fmtMb(x.esbuildKb),
      fmtMb(x.sandboxMaxKb),
    ]);
  return [
    '5. Peak memory',
    table(['run', 'grader (maxRSS)', 'esbuild service', 'one sandbox (peak)'], rows),
    `   method: ${r.memoryMethod}`,
  ].join('\n');
}

export function report(r) {
  const m = r.machine;
  const head = `tfgrade benchmark ${r.createdAt}: node ${m.node}, ${m.cores} cores (${m.cpu}), load average ${m.loadAtStart.join(' ')} at start, ${m.loadAtEnd.join(' ')} at end${r.config.quick ? '  [--quick: figures not meaningful]' : ''}`;
  const backend = r.latency?.report.backend ?? r.batch?.runs?.[0]?.backend;
  const level = r.latency?.report.sandbox.level ?? r.batch?.runs?.[0]?.sandboxLevel;
  const parts = [
    head,
    `Ran on backend ${backend?.name ?? '?'} (${backend?.package ?? '?'} ${backend?.version ?? ''}), isolation level ${level ?? '?'}`,
  ];
  if (r.latency) parts.push(latencySection(r.latency));
  if (r.latencyAll)
    parts.push(latencySection(r.latencyAll, '1b. The same split for the whole catalog in one submission'));
  parts.push(sandboxSection(r.sandboxStart));
  if (r.entryPoints) {
    parts.push(
      [
        'How the bin is started (`grade list`: start-up only; median)',
        table(
          ['command', 'wall', 'overhead'],
          r.entryPoints.map((e) => [
            e.name + (e.ok ? '' : ' (failed)'),
            fmtMs(e.medianMs),
            e.overheadMs > 0 ? `+${fmtMs(e.overheadMs)}` : '',
          ]),
        ),
      ].join('\n'),
    );
  }
  if (r.submissions) parts.push(batchSection(r), baselineSection(r));
  parts.push(memorySection(r));
  if (r.backends) parts.push(backendsSection(r.backends));
  if (r.similarity) parts.push(similaritySection(r.similarity));
  parts.push(targets(r));
  return `${parts.join('\n\n')}\n`;
}
