// `grade pack` in a course copy without references, its zips graded by `grade batch` (Canvas and per-student folders)
// exactly as the .ts files are, next to hostile zips (zip-slip, a bomb, a link) that are refused while the batch goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Report } from '../../grader/model/report.js';
import { gradeJson, ROOT, runCli } from '../helpers/cli.js';
import { ZIPS } from '../helpers/zips.js';

const EXERCISES = ['he-init', 'quiz-residual-def'];
const FIX = join(ROOT, 'test', 'fixtures', 'submissions');
const base = mkdtempSync(join(tmpdir(), 'tfgrade-zip-e2e-'));
const course = join(base, 'course');
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Each part as [exercise.part, score, status, reason]: what "the same scores" means. */
const scores = (r: Report) =>
  r.exercises.flatMap((e) => e.parts.map((p) => [`${e.id}.${p.id}`, p.score, p.status, p.reason]));
const report = (out: string, id: string) => JSON.parse(readFileSync(join(out, `${id}.json`), 'utf8')) as Report;

/** The student's side: solutions/ filled from fixtures, then `grade pack` through the course copy's own bin. */
async function pack(
  name: string,
  fixtures: Record<string, string>,
): Promise<{ zip: string; direct: string; code: number; stdout: string }> {
  rmSync(join(course, 'solutions'), { recursive: true, force: true });
  mkdirSync(join(course, 'solutions'));
  const direct = join(base, 'direct', name);
  mkdirSync(direct, { recursive: true });
  for (const [fixture, file] of Object.entries(fixtures)) {
    copyFileSync(join(FIX, fixture, file), join(course, 'solutions', file));
    copyFileSync(join(FIX, fixture, file), join(direct, file));
  }
  const r = await runCli(['pack', '--out', `${name}.zip`], { cwd: course, bin: join(course, 'bin', 'grade.js') });
  return { zip: join(course, `${name}.zip`), direct, code: r.code, stdout: r.stdout };
}

let alice: Awaited<ReturnType<typeof pack>>;
let bob: Awaited<ReturnType<typeof pack>>;

beforeAll(async () => {
  // A course folder as a student gets it: the built grader and the specs, no reference/ (pack must not need one).
  for (const d of ['bin', 'dist', 'exercises']) cpSync(join(ROOT, d), join(course, d), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(course, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(course, 'node_modules'), 'dir');
  alice = await pack('alice', {
    'he-init--correct': 'he-init.ts',
    'quiz-residual-def--correct': 'quiz-residual-def.ts',
  });
  bob = await pack('bob', { 'he-init--wrong-xavier-std': 'he-init.ts' });
});

describe('grade pack', () => {
  it('writes solutions/<id>.ts into the zip, path relative to the user, exit 0 when every file compiles and exports its parts', () => {
    expect([alice.code, bob.code]).toEqual([0, 0]);
    expect(alice.stdout).toBe(
      'wrote alice.zip: 2 solutions (he-init, quiz-residual-def); each compiles and exports every part\n',
    );
    expect(Object.keys(unzipSync(readFileSync(alice.zip))).sort()).toEqual([
      'solutions/he-init.ts',
      'solutions/quiz-residual-def.ts',
    ]);
  });

  it('exits 1 with a warning per problem and still writes the zip; 2 without solutions to pack', async () => {
    writeFileSync(join(course, 'solutions', 'p1.ts'), 'export const order = "1/eps";\n');
    writeFileSync(join(course, 'solutions', 'notes.md'), 'todo\n');
    const r = await runCli(['pack'], { cwd: join(course, 'solutions'), bin: join(course, 'bin', 'grade.js') });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^wrote submission\.zip: 2 solutions \(he-init, p1\); 4 warnings: fix them and pack again/,
    );
    expect(r.stderr).toContain("warning: p1.ts does not export 'ramps' (a function the grader calls");
    expect(r.stderr).toContain('note: left out notes.md (not a solution file)');
    expect(existsSync(join(course, 'solutions', 'submission.zip'))).toBe(true);
    rmSync(join(course, 'solutions'), { recursive: true });
    const none = await runCli(['pack'], { cwd: course, bin: join(course, 'bin', 'grade.js') });
    expect([none.code, none.stderr]).toEqual([
      2,
      expect.stringContaining('error[SUBMISSION_NOT_FOUND] no solutions folder at solutions'),
    ]);
  });
});

describe('grading zip uploads', () => {
  let direct: Record<'alice' | 'bob', Report>;
  beforeAll(async () => {
    const [a, b] = await Promise.all([alice, bob].map((s) => gradeJson([...EXERCISES, '-s', s.direct])));
    direct = { alice: a.report, bob: b.report };
  });

  it('Canvas: packed students score exactly as their .ts files do; hostile zips are refused with their code; the batch finishes', async () => {
    const canvas = join(base, 'canvas');
    mkdirSync(canvas);
    copyFileSync(alice.zip, join(canvas, 'smithalice_101_5001_submission.zip'));
    copyFileSync(bob.zip, join(canvas, 'jonesbob_LATE_102_5002_submission.zip'));
    writeFileSync(join(canvas, 'slipcarl_103_5003_submission.zip'), ZIPS['refused-zip-slip-dotdot']());
    writeFileSync(join(canvas, 'bombdana_104_5004_submission.zip'), ZIPS['refused-bomb-lying-size']());
    writeFileSync(join(canvas, 'linkeve_105_5005_submission.zip'), ZIPS['refused-symlink']());
    const out = join(base, 'canvas-out');
    const r = await runCli(['batch', canvas, '-e', ...EXERCISES, '--out', out, '-j', '2']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^5 students, 1 passed everything/);
    expect(scores(report(out, '101'))).toEqual(scores(direct.alice));
    expect(scores(report(out, '102'))).toEqual(scores(direct.bob));
    expect(scores(report(out, '101')).every(([, , status]) => status === 'passed')).toBe(true);
    for (const [id, code] of [
      ['103', 'ZIP_UNSAFE_PATH'],
      ['104', 'ZIP_TOO_LARGE'],
      ['105', 'ZIP_SYMLINK'],
    ]) {
      const rep = report(out, id);
      expect(rep.score).toBe(0);
      expect(rep.exercises.flatMap((e) => e.parts.map((p) => p.reason))).toEqual([
        'missing-file',
        'missing-file',
        'missing-file',
        'missing-file',
      ]);
      expect(rep.warnings).toEqual([expect.stringContaining(`zip refused [${code}]: submission.zip: `)]);
      expect(r.stderr).toContain(`warning: ${id}: zip refused [${code}]`);
    }
    expect(existsSync(join(tmpdir(), 'evil.ts'))).toBe(false);
  });

  it('per-student folders: <student>/submission.zip is graded; a zip beside .ts files is listed, not opened', async () => {
    const folders = join(base, 'folders');
    mkdirSync(join(folders, 'ana'), { recursive: true });
    mkdirSync(join(folders, 'ben'), { recursive: true });
    copyFileSync(alice.zip, join(folders, 'ana', 'submission.zip'));
    copyFileSync(join(bob.direct, 'he-init.ts'), join(folders, 'ben', 'he-init.ts'));
    copyFileSync(alice.zip, join(folders, 'ben', 'hw1.zip'));
    const out = join(base, 'folders-out');
    const r = await runCli(['batch', folders, '-e', ...EXERCISES, '--out', out, '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    expect(scores(report(out, 'ana'))).toEqual(scores(direct.alice));
    expect(scores(report(out, 'ben'))).toEqual(scores(direct.bob));
    expect(JSON.parse(r.stdout).ignored).toEqual([
      { path: 'ben/hw1.zip', student: 'ben', reason: expect.stringMatching(/beside solution files/) },
    ]);
  });

  it('grade --submission <file.zip> (what run_autograder calls) grades the zip with the same extraction', async () => {
    const packed = await gradeJson([...EXERCISES, '-s', alice.zip]);
    expect(scores(packed.report)).toEqual(scores(direct.alice));
    expect(packed.report.submission.path).toMatch(/alice\.zip$/);
    const bad = join(base, 'link.zip');
    writeFileSync(bad, ZIPS['refused-symlink']());
    const refused = await gradeJson(['he-init', '-s', bad]);
    expect(refused.code).toBe(1);
    expect(refused.report.warnings).toEqual([expect.stringContaining('zip refused [ZIP_SYMLINK]: link.zip: ')]);
  });
});
