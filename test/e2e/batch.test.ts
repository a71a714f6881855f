// grade batch / grade merge end to end through the real bin on tiny layouts: outcomes, --jobs 1 == 2, shard+merge == full,
// resume. (That a grader bug stays one student's problem is a unit test of the batch's grade-one step.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../../grader/model/report.js';
import { reportErrors } from '../../grader/model/validate-report.js';
import { isReportFileName } from '../../grader/layouts/student-id.js';
import type { Summary } from '../../grader/class-report/summary.js';
import { ROOT, runCli } from '../helpers/cli.js';

const COURSE = ROOT.replace(/\/$/, '');
const FIX = join(COURSE, 'test', 'fixtures', 'batches');
const EXERCISES = ['he-init', 'quiz-residual-def'];
const base = mkdtempSync(join(tmpdir(), 'tfgrade-batch-e2e-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** `grade batch <folder> -e <EXERCISES> --out <base>/<out> -j 2`, plus `flags`, run from the temp folder. */
const batch = (folder: string, out: string, ...flags: string[]) =>
  runCli(['batch', folder, '-e', ...EXERCISES, '--out', out, '-j', '2', ...flags], { cwd: base });

/** Every student report of a folder, each validated against the report schema. */
function reports(dir: string): Record<string, Report> {
  const out: Record<string, Report> = {};
  for (const f of readdirSync(dir).filter(isReportFileName)) {
    const r = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Report;
    expect(reportErrors(r), f).toEqual([]);
    out[f.slice(0, -5)] = r;
  }
  return out;
}

/** Each student's parts as "status/reason", in order. */
const outcomes = (rs: Record<string, Report>) =>
  Object.fromEntries(
    Object.entries(rs).map(([k, r]) => [
      k,
      r.exercises.flatMap((e) => e.parts.map((p) => `${p.status}/${p.reason}`)).join(' '),
    ]),
  );

const PASS = 'passed/correct passed/correct passed/correct passed/correct';
const BROKEN_NO_QUIZ = 'error/import-error error/import-error error/import-error missing/missing-file';
const read = (dir: string, f: string) => readFileSync(join(base, dir, f), 'utf8');

// Concurrent: each test writes its own --out folder and only reads the full run's.
describe.concurrent('grade batch', () => {
  let full: Awaited<ReturnType<typeof batch>>;
  beforeAll(async () => {
    full = await batch(join(FIX, 'folders'), 'full');
  });

  it('grades per-student folders (nested solutions/ included), one broken student does not stop the others', () => {
    expect(full.code).toBe(1);
    expect(outcomes(reports(join(base, 'full')))).toEqual({
      alice: PASS,
      bob: 'failed/wrong-value failed/wrong-value failed/wrong-value failed/wrong-value',
      carol: BROKEN_NO_QUIZ,
      dave: PASS,
    });
    const summary = JSON.parse(read('full', 'summary.json')) as Summary;
    expect(summary).toMatchObject({
      layout: 'folders',
      students: 4,
      allPassed: 2,
      unattributed: [{ path: 'notes.txt' }],
    });
    expect(summary.exercises.map((e) => [e.id, e.passRate, e.errors, e.missing])).toEqual([
      ['he-init', 0.5, 1, 0],
      ['quiz-residual-def', 0.5, 0, 1],
    ]);
    expect(read('full', 'gradebook.csv').split('\r\n').slice(2, 6)).toEqual([
      'alice,,,alice,,4,1',
      'bob,,,bob,,0,0',
      'carol,,,carol,,0,0',
      'dave,,,dave,,4,1',
    ]);
    expect(full.stdout).toMatch(/^4 students, 2 passed everything/);
    expect(full.stderr).toMatch(/not attributed to a student: notes\.txt/);
    expect(full.stderr.match(/^graded \d\/4 \w+ \(\d\/5\)$/gm)).toHaveLength(4);
  });

  it('gives identical gradebook.csv, summary.json and summary.html with --jobs 1', async () => {
    expect((await batch(join(FIX, 'folders'), 'jobs1', '-j', '1')).code).toBe(1);
    for (const f of ['gradebook.csv', 'summary.json', 'summary.html']) expect(read('jobs1', f)).toBe(read('full', f));
  });

  it('shard 1/2 + shard 2/2, merged, equal one full run', async () => {
    const [s1, s2] = await Promise.all([
      batch(join(FIX, 'folders'), 'shard1', '--shard', '1/2'),
      batch(join(FIX, 'folders'), 'shard2', '--shard', '2/2'),
    ]);
    const n1 = Object.keys(reports(join(base, 'shard1'))).length;
    const n2 = Object.keys(reports(join(base, 'shard2'))).length;
    expect([n1 + n2, n1 > 0, n2 > 0]).toEqual([4, true, true]);
    expect([s1.code, s2.code]).toContain(1);
    expect((await runCli(['merge', 'shard1', 'shard2', '--out', 'merged'], { cwd: base })).code).toBe(1);
    expect(read('merged', 'gradebook.csv')).toBe(read('full', 'gradebook.csv'));
    // Similar code needs the whole class: the documented step after a merge, and then every aggregate is the full run's.
    expect(JSON.parse(read('merged', 'summary.json')).similarity).toBeUndefined();
    expect((await runCli(['similarity', join(FIX, 'folders'), '--out', 'merged'], { cwd: base })).code).toBe(0);
    for (const f of ['gradebook.csv', 'summary.json', 'summary.html']) expect(read('merged', f)).toBe(read('full', f));
    expect(Object.keys(reports(join(base, 'merged'))).sort()).toEqual(['alice', 'bob', 'carol', 'dave']);
  });

  it('--resume keeps finished reports untouched and grades only the rest', async () => {
    const out = join(base, 'resume');
    mkdirSync(out);
    for (const s of ['alice', 'bob']) copyFileSync(join(base, 'full', `${s}.json`), join(out, `${s}.json`));
    // An interrupted run: a half-written temp file for carol, a report for dave over other exercises.
    writeFileSync(join(out, 'carol.json.4242.1700000000000.tmp'), '{"schemaVersion": "1.0');
    writeFileSync(join(out, 'dave.json'), read('full', 'dave.json').replace(/"quiz-residual-def"/g, '"quiz-other"'));
    const before = Object.fromEntries(
      ['alice', 'bob'].map((s) => [
        s,
        { text: readFileSync(join(out, `${s}.json`), 'utf8'), mtime: statSync(join(out, `${s}.json`)).mtimeMs },
      ]),
    );

    const refused = await batch(join(FIX, 'folders'), 'resume');
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringContaining('error[USAGE]')]);
    const r = await batch(join(FIX, 'folders'), 'resume', '--resume');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/resuming: 2 finished reports kept, 2 to grade/);
    expect(r.stderr.match(/^graded \d\/2 (carol|dave) /gm)).toHaveLength(2);
    for (const s of ['alice', 'bob']) {
      expect(readFileSync(join(out, `${s}.json`), 'utf8')).toBe(before[s].text);
      expect(statSync(join(out, `${s}.json`)).mtimeMs).toBe(before[s].mtime);
    }
    const rs = reports(out);
    expect(outcomes(rs)).toEqual(outcomes(reports(join(base, 'full'))));
    for (const f of ['gradebook.csv', 'summary.json']) expect(read('resume', f)).toBe(read('full', f));

    const forced = await batch(join(FIX, 'folders'), 'resume', '--force');
    expect(forced.stderr.match(/^graded /gm)).toHaveLength(4);
    expect(readFileSync(join(out, 'alice.json'), 'utf8')).not.toBe(before.alice.text);
  });

  it('grades a Gradescope export (group members each get a report) and prints summary.json with --format json', async () => {
    const r = await batch(join(FIX, 'gradescope'), 'gs', '--format', 'json');
    expect(r.code).toBe(1);
    expect(outcomes(reports(join(base, 'gs')))).toEqual({
      1001: PASS,
      1002: 'error/import-error error/import-error error/import-error passed/correct',
      1003: 'error/import-error error/import-error error/import-error passed/correct',
    });
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(read('gs', 'summary.json')));
    expect(JSON.parse(r.stdout)).toMatchObject({ layout: 'gradescope', unattributed: [{ path: 'submission_3' }] });
    expect(read('gs', 'gradebook.csv').split('\r\n')[3]).toBe('Bob Jones,,1002,bob@example.edu,,0,1');
    expect(reports(join(base, 'gs'))['1003'].submission.path).toMatch(/gradescope\/submission_2\/solutions$/);
  });
});

describe.concurrent('grade batch through the real bin', () => {
  it('grades a Canvas download: grouped files, LATE, -1 resubmission names, older submission and stray file listed', async () => {
    const out = join(base, 'canvas');
    const r = await runCli(['batch', 'test/fixtures/batches/canvas', '-e', ...EXERCISES, '--out', out, '-j', '2']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^3 students, 2 passed everything/);
    expect(r.stderr).toMatch(/not attributed to a student: readme\.txt/);
    expect(r.stderr).toMatch(/ignored jonesbob_102_4002_\*/);
    const rs = reports(out);
    expect(outcomes(rs)).toEqual({ 101: PASS, 102: PASS, 103: BROKEN_NO_QUIZ });
    expect(rs['102'].submission).toEqual({
      path: 'test/fixtures/batches/canvas/jonesbob_LATE_102_5002_*',
      student: '102',
    });
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
    expect(summary.roster.map((x) => [x.id, x.name, x.late ?? false])).toEqual([
      ['101', 'smithalice', false],
      ['102', 'jonesbob', true],
      ['103', 'leecarol', false],
    ]);
    expect(readFileSync(join(out, 'gradebook.csv'), 'utf8')).toBe(
      'Student,ID,SIS User ID,SIS Login ID,Section,he-init,quiz-residual-def\r\nPoints Possible,,,,,4,1\r\n' +
        'smithalice,101,,,,4,1\r\njonesbob,102,,,,4,1\r\nleecarol,103,,,,0,0\r\n',
    );
    const lti = JSON.parse(readFileSync(join(out, 'lti-scores.json'), 'utf8')) as {
      userId: string;
      scoreGiven: number;
    }[];
    expect(lti.map((x) => [x.userId, x.scoreGiven])).toEqual([
      ['101', 5],
      ['102', 5],
      ['103', 0],
    ]);
  });

  it('exits 2 on a missing folder (path relative to cwd) and on an --out that already holds reports', async () => {
    const missing = await runCli(['batch', 'test/fixtures/batches/nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error[SUBMISSION_NOT_FOUND] no submission folder at test/fixtures/batches/nope');
    mkdirSync(join(base, 'taken'), { recursive: true });
    writeFileSync(join(base, 'taken', '101.json'), '{}');
    const taken = await runCli(['batch', 'test/fixtures/batches/canvas', '--out', join(base, 'taken')]);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/error\[USAGE\].*--resume/s);
    expect(missing.stdout + taken.stdout).toBe('');
  });
});
