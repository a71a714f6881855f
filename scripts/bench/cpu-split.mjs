// Where a batch's CPU goes, as ratios that hold still on a machine whose speed drifts: `perf record` of one batch, its
// samples split by process and thread, each part divided by the samples in the sandbox children's JIT code (the wasm
// kernels and the students' optimized JS: the exercises' own work). Linux with `perf` only.
// Usage: node scripts/bench/cpu-split.mjs [students folder] [--jobs N] [--runs N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { jobs: { type: 'string', default: '2' }, runs: { type: 'string', default: '2' } },
});
const students = positionals[0] ?? join(root, 'reports', 'bench', 'students');

if (spawnSync('perf', ['--version']).status !== 0) {
  console.error('cpu-split needs Linux perf (apt install linux-perf)');
  process.exit(2);
}

/** One batch under perf: sample counts per part. The grader is the first process perf sees. */
function once() {
  const dir = mkdtempSync(join(tmpdir(), 'tfgrade-cpu-split-'));
  try {
    const data = join(dir, 'perf.data');
    const args = ['record', '-F', '2000', '-o', data, '--', process.execPath, join(root, 'bin', 'grade.js')];
    args.push('batch', students, '--out', join(dir, 'out'), '--jobs', values.jobs);
    const rec = spawnSync('perf', args, { cwd: root, stdio: 'ignore' });
    if (rec.status === null) throw new Error('perf record was killed');
    const script = spawnSync('perf', ['script', '-i', data, '-F', 'comm,pid,tid,ip,sym,dso'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const counts = {};
    let grader;
    for (const line of script.stdout.split('\n')) {
      const m = /^\s*(\S+)\s+(\d+)\/(\d+)\s+[0-9a-f]+\s+.*\((.*)\)\s*$/.exec(line);
      if (!m) continue;
      const [, comm, pid, tid, dso] = m;
      grader ??= pid;
      let part = 'bwrap, sh, esbuild';
      if (pid === grader) part = 'grader';
      else if (comm === 'node' && pid !== tid) part = 'child helper threads';
      else if (comm === 'node') part = /perf-\d+\.map|\[JIT\]/.test(dso) ? 'child JIT code' : 'child main thread, rest';
      counts[part] = (counts[part] ?? 0) + 1;
    }
    return counts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const parts = ['grader', 'child main thread, rest', 'child helper threads', 'bwrap, sh, esbuild'];
console.log(`CPU per part / samples in the children's JIT code (${students}, --jobs ${values.jobs})`);
console.log(['run', 'total', ...parts].join(' | '));
for (let r = 1; r <= Number(values.runs); r++) {
  const c = once();
  const jit = c['child JIT code'];
  if (!jit) throw new Error('no samples in JIT code: did the batch run?');
  const total = Object.values(c).reduce((a, b) => a + b, 0);
  console.log([r, (total / jit).toFixed(2), ...parts.map((p) => ((c[p] ?? 0) / jit).toFixed(2))].join(' | '));
}
