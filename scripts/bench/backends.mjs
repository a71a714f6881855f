// The backend column: the same `grade p3` and the same batch on tensorflow (native), wasm and cpu, so that `--backend
// auto` can be chosen by evidence (README, Backends). Grades must not differ between backends; time and memory may.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, OUT_DIR, ROOT, log, median, runTimed, waitIdle } from './util.mjs';
import { fmtMb, fmtMs, table } from './util.mjs';

const P3 = join(ROOT, 'test/fixtures/submissions/p3--correct');

/** `grade p3` on one backend: a warm-up (fills that backend's reference cache), then `runs` timed fresh processes. */
async function latency(backend, runs) {
  const warm = await runTimed(process.execPath, [BIN, 'p3', '-s', P3, '--backend', backend, '--json'], {
    memory: false,
  });
  if (![0, 1].includes(warm.code)) return { backend, available: false, reason: warm.stderr.trim().split('\n')[0] };
  const report = JSON.parse(warm.stdout);
  const times = [];
  const sandbox = [];
  for (let i = 0; i < runs; i++) {
    const r = await runTimed(process.execPath, [BIN, 'p3', '-s', P3, '--backend', backend], { keepStdout: false });
    times.push(r.ms);
    if (r.mem?.sandboxMaxKb) sandbox.push(r.mem.sandboxMaxKb);
  }
  return {
    backend,
    available: true,
    status: report.status,
    pkg: report.backend.package,
    wallMs: median(times),
    minMs: Math.min(...times),
    sandboxMaxKb: median(sandbox),
  };
}

/** `grade batch` of the first `students` generated students on one backend, --jobs `jobs`, references warm. */
async function batch(backend, dir, _students, jobs) {
  const out = join(OUT_DIR, `backend-${backend}`);
  rmSync(out, { recursive: true, force: true });
  await waitIdle(`batch on ${backend}`);
  const r = await runTimed(
    process.execPath,
    [BIN, 'batch', dir, '--out', out, '--jobs', String(jobs), '--backend', backend],
    { keepStdout: false },
  );
  if (![0, 1].includes(r.code) || !existsSync(join(out, 'summary.json')))
    return { available: false, reason: r.stderr.trim().split('\n').slice(-2).join(' | ') };
  const reports = readdirSync(out)
    .filter((n) => n.startsWith('student-') && n.endsWith('.json'))
    .map((n) => JSON.parse(readFileSync(join(out, n), 'utf8')));
  // What a student got, backend aside: the figures are only comparable if every grade is the same.
  const grades = Object.fromEntries(
    reports.map((x) => [
      x.submission.student,
      x.exercises.map((e) => e.parts.map((p) => `${p.status}/${p.score}`).join(',')).join(';'),
    ]),
  );
  return {
    available: true,
    students: reports.length,
    wallMs: r.ms,
    perSecond: reports.length / (r.ms / 1000),
    cpuPerStudentMs: r.mem ? r.mem.cpuMs / reports.length : undefined,
    sandboxMaxKb: r.mem?.sandboxMaxKb,
    grades,
  };
}

export async function measureBackends({ backends, runs, dir, students, jobs }) {
  const rows = [];
  for (const backend of backends) {
    await waitIdle(`grade p3 on ${backend}`);
    log(`backends: grade p3 --backend ${backend} (${runs} runs)`);
    const l = await latency(backend, runs);
    if (!l.available) {
      rows.push(l);
      continue;
    }
    log(`backends: batch of ${students} students --backend ${backend}`);
    // A one-student batch first: this backend's references for the whole catalog are computed before the timed run.
    await runTimed(
      process.execPath,
      [
        BIN,
        'batch',
        dir,
        '--out',
        join(OUT_DIR, `backend-warm-${backend}`),
        '--jobs',
        '1',
        '--backend',
        backend,
        '--shard',
        `1/${students}`,
      ],
      { keepStdout: false, memory: false },
    );
    rows.push({ ...l, batch: await batch(backend, dir, students, jobs) });
  }
  const base = rows.find((x) => x.backend === 'wasm')?.batch?.grades;
  for (const x of rows)
    if (x.batch?.available && base) x.sameGrades = JSON.stringify(x.batch.grades) === JSON.stringify(base);
  for (const x of rows) if (x.batch) delete x.batch.grades;
  return { students, jobs, rows };
}

export function backendsSection(b) {
  const rows = b.rows.map((x) =>
    x.available
      ? [
          x.backend,
          x.pkg,
          fmtMs(x.wallMs),
          fmtMb(x.sandboxMaxKb),
          x.batch?.available ? fmtMs(x.batch.wallMs) : 'n/a',
          x.batch?.available ? x.batch.perSecond.toFixed(2) : '-',
          fmtMs(x.batch?.cpuPerStudentMs),
          x.sameGrades === undefined ? '-' : x.sameGrades ? 'yes' : 'NO',
        ]
      : [x.backend, `unavailable: ${x.reason}`, '', '', '', '', '', ''],
  );
  return [
    `6. Backends: \`grade p3\` (median, cached references) and \`grade batch\` of ${b.students} whole-catalog students with --jobs ${b.jobs}, per backend`,
    table(
      [
        'backend',
        'package',
        'grade p3',
        'sandbox peak',
        'batch wall',
        'students/s',
        'CPU per student',
        'same grades as wasm',
      ],
      rows,
    ),
  ].join('\n');
}
