// `grade batch` with hostile students among honest ones: the honest students' reports are identical to a batch
// without them, the batch finishes in time, the hostile students score their attacks 0, and no file changes.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../grader/model/report.js';
import { reportErrors } from '../../grader/model/validate-report.js';
import { ROOT } from '../helpers/cli.js';
import { underLoad } from '../helpers/load.js';
import { FORBIDDEN, changes, exists, runBin, snapshot } from './guard.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'submissions');
const CASES = join(ROOT, 'test', 'hostile', 'cases');
const HONEST = { ann: join(ROOT, 'reference'), ben: join(FIXTURES, 'he-init--wrong-xavier-std') };
/** The attacks most able to reach past their own student: a hang, an exit, memory, the grader's pid, the IPC pipe. */
const HOSTILE: Record<string, [string, string, string]> = {
  'mallory-hang': [join(CASES, 'he-init--hang-in-call'), 'heStd', 'timeout/timeout'],
  'mallory-exit': [join(CASES, 'he-init--exit-in-call'), 'heStd', 'error/exited'],
  'mallory-oom': [join(CASES, 'he-init--allocate-until-oom'), 'heStd', 'error/out-of-memory'],
  'mallory-kill': [join(CASES, 'he-init--kill-grader'), 'heStd', 'error/threw'],
  'mallory-ipc': [join(CASES, 'he-init--raw-ipc-bytes'), 'heStd', 'error/crashed'],
  'mallory-forge': [join(CASES, 'he-init--forge-protocol'), 'heStd', 'error/unserializable'],
};
// Basic isolation: no pid namespace, the child shares the TA's uid: where one student could most easily hit another.
// The time limit stretches with the machine's load: on a loaded machine the honest students and the one filling its
// memory must still finish their work inside it (the hang is bounded all the same).
const FLAGS = [
  '-e',
  'he-init',
  '--timeout',
  String(underLoad(2)),
  '--memory',
  '512',
  '--jobs',
  '2',
  '--sandbox',
  'basic',
];
const BOUND_SECONDS = 60;

let base: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'tfgrade-hostile-batch-'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function batchFolder(name: string, students: Record<string, string>): string {
  const dir = join(base, name);
  for (const [id, from] of Object.entries(students)) {
    mkdirSync(join(dir, id), { recursive: true });
    cpSync(join(from, 'he-init.ts'), join(dir, id, 'he-init.ts'));
  }
  return dir;
}

async function runBatch(name: string, students: Record<string, string>): Promise<{ out: string; code: number | null }> {
  const folder = batchFolder(name, students);
  const out = join(base, `${name}-reports`);
  const before = snapshot();
  const run = await runBin(['batch', folder, '--out', out, ...FLAGS]);
  expect(run.signal, run.stderr.slice(-1500)).toBeNull();
  expect([0, 1], run.stderr.slice(-1500)).toContain(run.code);
  expect(run.seconds).toBeLessThan(underLoad(BOUND_SECONDS));
  expect(changes(before, snapshot())).toEqual([]);
  expect(FORBIDDEN.filter(exists)).toEqual([]);
  return { out, code: run.code };
}

const report = (out: string, id: string): Report => {
  const r = JSON.parse(readFileSync(join(out, `${id}.json`), 'utf8')) as Report;
  expect(reportErrors(r)).toEqual([]);
  return r;
};

/** What a student (and the gradebook) sees: scores, statuses, reasons, messages, case details; not timings or paths. */
const visible = (r: Report) => ({
  student: r.submission.student,
  score: r.score,
  maxScore: r.maxScore,
  status: r.status,
  warnings: r.warnings,
  exercises: r.exercises.map((e) => ({
    id: e.id,
    score: e.score,
    status: e.status,
    output: e.output,
    parts: e.parts.map(({ durationMs: _t, ...p }) => p),
  })),
});

describe('hostile students in a batch', () => {
  it('leave the honest students exactly as graded without them', async () => {
    const [alone, mixed] = await Promise.all([
      runBatch('honest', HONEST),
      runBatch('mixed', { ...HONEST, ...Object.fromEntries(Object.entries(HOSTILE).map(([id, [dir]]) => [id, dir])) }),
    ]);
    for (const id of Object.keys(HONEST))
      expect(visible(report(mixed.out, id)), id).toEqual(visible(report(alone.out, id)));
    expect(report(alone.out, 'ann').score).toBe(4); // the reference: full marks, so the comparison compares something

    for (const [id, [, part, want]] of Object.entries(HOSTILE)) {
      const r = report(mixed.out, id);
      const p = r.exercises[0].parts.find((x) => x.id === part)!;
      expect(`${p.status}/${p.reason}`, id).toBe(want);
      expect(p.score, id).toBe(0);
      expect(r.sandbox.level).toBe('basic');
      // The other parts of a hostile student are honest code, graded as usual.
      for (const other of r.exercises[0].parts.filter((x) => x.id !== part))
        expect(`${id}.${other.id} ${other.status}`).toBe(`${id}.${other.id} passed`);
    }
    const summary = JSON.parse(readFileSync(join(mixed.out, 'summary.json'), 'utf8')) as {
      students: number;
      roster: { id: string }[];
    };
    expect(summary.students).toBe(Object.keys(HONEST).length + Object.keys(HOSTILE).length);
    expect(summary.roster.map((s) => s.id).sort()).toEqual([...Object.keys(HONEST), ...Object.keys(HOSTILE)].sort());
    expect(mixed.code).toBe(1);
  });
});
