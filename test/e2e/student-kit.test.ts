// A student kit end to end: `grade release` for the whole catalog, `npm ci --offline` in a fresh folder, then the
// kit's own `grade` on the correct fixtures, a hard-coded one, a malformed answer, `--watch`, `validate`.
import { execFile, spawn } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, gradeJson, runCli } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/submissions');
const tmp = mkdtempSync(join(tmpdir(), 'tfgrade-kit-'));
const kit = join(tmp, 'kit');
const kitBin = join(kit, 'bin/grade.js');

/** A fresh solutions/ folder in the kit holding the given fixtures' files (the kit's starters replaced). */
function solutionsOf(name: string, fixtures: string[]): string {
  const dir = join(tmp, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of fixtures)
    for (const file of readdirSync(join(FIXTURES, f)).filter((n) => n.endsWith('.ts')))
      copyFileSync(join(FIXTURES, f, file), join(dir, file));
  return dir;
}

/** A second kit folder: bin/ and dist/ copied (Node runs a linked main from its real path), `linked` linked. */
function linkKit(dir: string, linked: string[]): void {
  for (const f of ['bin', 'dist']) cpSync(join(kit, f), join(dir, f), { recursive: true });
  for (const f of linked) symlinkSync(join(kit, f), join(dir, f));
}

function npmCi(cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    // --offline: the kit installs from the machine's npm cache only (the network is not reachable here, and a kit
    // that needed more than the course's lock file would fail this).
    execFile(
      'npm',
      ['ci', '--offline', '--no-audit', '--no-fund'],
      { cwd, timeout: 240_000, env: { ...process.env, npm_config_update_notifier: 'false' } },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, out: `${stdout}\n${stderr}` });
      },
    );
  });
}

beforeAll(async () => {
  const released = await runCli(['release', '--out', kit]);
  expect(released.code, released.stderr).toBe(0);
  const ci = await npmCi(kit);
  expect(ci.code, ci.out).toBe(0);
}, 300_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a student kit', () => {
  it('holds the built grader and the kit files, and none of the course folder', () => {
    for (const absent of ['reference', 'exercises', 'grader', 'test', 'scripts', 'node_modules/.cache/tfgrade'])
      expect(existsSync(join(kit, absent)), absent).toBe(false);
    for (const present of [
      'bin/grade.js',
      'dist/cli.js',
      'kit/manifest.json',
      'kit/p3.json',
      'solutions/p3.ts',
      'README.md',
    ])
      expect(existsSync(join(kit, present)), present).toBe(true);
    const readme = readFileSync(join(kit, 'README.md'), 'utf8');
    expect(readme).toMatch(/npx grade pack/);
    expect(readme).toMatch(/\| p3 \| `vanishes` \| 1 \| form checked now, graded after you submit \|/);
  });

  it('is small: large public inputs ship as their seeds (under 5 MB without node_modules)', () => {
    const size = (p: string): number =>
      statSync(p).isDirectory() ? readdirSync(p).reduce((n, c) => n + size(join(p, c)), 0) : statSync(p).size;
    const total = readdirSync(kit)
      .filter((n) => n !== 'node_modules')
      .reduce((n, c) => n + size(join(kit, c)), 0);
    expect(total).toBeLessThan(5 * 1024 * 1024);
    const p4 = JSON.parse(readFileSync(join(kit, 'kit/p4.json'), 'utf8')) as {
      cases: Record<string, { args: { t: string; items?: { t: string }[] }[] }[]>;
    };
    expect(p4.cases.activationVariances[0].args[0].t).toBe('normal');
  });

  it('speaks to a student: --help lists the student commands only, and a course command is refused by name', async () => {
    const help = await runCli(['--help'], { bin: kitBin, cwd: kit });
    expect(help.code).toBe(0);
    for (const c of ['grade all', 'grade list', 'grade show', 'grade pack', 'grade validate'])
      expect(help.stdout).toContain(c);
    for (const c of [
      'batch',
      'review',
      'similarity',
      'merge',
      'release',
      'gradescope-bundle',
      'course reference',
      'course folder',
    ])
      expect(help.stdout, c).not.toMatch(new RegExp(`\\b${c}\\b`));
    const batch = await runCli(['batch', 'subs', '--jobs', '2'], { bin: kitBin, cwd: kit });
    expect([
      batch.code,
      /error\[USAGE\] this is a student kit: `grade batch` is for the course folder/.test(batch.stderr),
    ]).toEqual([2, true]);
  }, 60_000);

  it('without npm ci, says to run it (exit 2), not a stack trace', async () => {
    const bare = join(tmp, 'bare');
    mkdirSync(bare, { recursive: true });
    linkKit(bare, ['kit', 'solutions', 'package.json']);
    const r = await runCli(['p3'], { bin: join(bare, 'bin/grade.js'), cwd: bare });
    expect([
      r.code,
      /error\[DEPENDENCIES_MISSING\]/.test(r.stderr),
      /npm ci/.test(r.stderr),
      /at \S+ \(/.test(r.stderr),
    ]).toEqual([2, true, true, false]);
  }, 60_000);

  it('grades every correct fixture: immediate parts pass, on-submit and hidden parts are recorded, exit 0', async () => {
    const correct = readdirSync(FIXTURES).filter((n) => n.endsWith('--correct'));
    expect(correct.length).toBeGreaterThanOrEqual(17);
    const dir = solutionsOf('all-correct', correct);
    const { code, report, stderr } = await gradeJson(['all', '--submission', dir], { bin: kitBin, cwd: kit });
    expect(code, stderr).toBe(0);
    const parts = report.exercises.flatMap((e) => e.parts.map((p) => ({ at: `${e.id}.${p.id}`, ...p })));
    expect(parts.length).toBeGreaterThan(50);
    for (const p of parts) {
      expect(p.feedback, p.at).toBeDefined();
      expect(p.status, `${p.at}: ${p.message}`).toBe(p.feedback === 'immediate' ? 'passed' : 'recorded');
    }
    // Both kinds occur: the catalog has code parts and answer parts.
    expect(new Set(parts.map((p) => p.feedback))).toEqual(new Set(['immediate', 'on-submit', 'hidden']));
    expect(
      parts.filter((p) => p.status === 'recorded').every((p) => p.score === 0 && /answer recorded/.test(p.message)),
    ).toBe(true);
  }, 180_000);

  it('passes a solution that hard-codes the public outputs (the course grade fails it: see its expected.json)', async () => {
    const dir = solutionsOf('hard-coded', ['p3--wrong-hard-codes-public-outputs']);
    const { report } = await gradeJson(['p3', '--submission', dir], { bin: kitBin, cwd: kit });
    expect(report.exercises[0].parts.find((p) => p.id === 'gradientNorms')?.status).toBe('passed');
    const expected = JSON.parse(
      readFileSync(join(FIXTURES, 'p3--wrong-hard-codes-public-outputs/expected.json'), 'utf8'),
    ) as Record<string, Record<string, string>>;
    expect(expected.p3.gradientNorms).not.toMatch(/^passed/);
  }, 60_000);

  // p4's public inputs ship as seeds (kit/p4.json): regenerated in the kit, they must grade as the course's own.
  it.each([
    ['p3', 'p3--wrong-transposed-jacobian'],
    ['p4', 'p4--wrong-variance-before-relu'],
  ])(
    "an immediate part of %s gets the course grader's messages, diagnoses and hints on the public cases",
    async (id, fixture) => {
      const dir = solutionsOf(`wrong-${id}`, [fixture]);
      const mine = (await gradeJson([id, '--submission', dir], { bin: kitBin, cwd: kit })).report.exercises[0].parts;
      const course = (await gradeJson([id, '--submission', dir])).report.exercises[0].parts;
      const immediate = mine.filter((p) => p.feedback === 'immediate' && p.status !== 'passed');
      expect(immediate.length).toBeGreaterThan(0);
      for (const p of immediate) {
        const c = course.find((x) => x.id === p.id)!;
        // The course says more (its hidden cases); what the kit says is where the course's message starts.
        expect(c.message.startsWith(p.message), `${p.id}: ${c.message} / ${p.message}`).toBe(true);
        expect(c.cases?.filter((x) => !/^hidden case/.test(x.label))).toEqual(p.cases);
      }
    },
    60_000,
  );

  it("packs the student's solutions into submission.zip, which the course grades like the files", async () => {
    for (const f of ['p3--correct', 'quiz-xor--correct'])
      for (const n of readdirSync(join(FIXTURES, f)).filter((x) => x.endsWith('.ts')))
        copyFileSync(join(FIXTURES, f, n), join(kit, 'solutions', n));
    const packed = await runCli(['pack'], { bin: kitBin, cwd: kit });
    // The other exercises' starters are as the kit shipped them: each is named (its points will score 0), exit 1,
    // and the zip is written all the same.
    expect(packed.code, packed.stdout + packed.stderr).toBe(1);
    expect(packed.stderr).toMatch(
      /solutions\/he-init\.ts is the starter as the kit shipped it: its 4 points will score 0/,
    );
    expect(packed.stderr).not.toMatch(/solutions\/(p3|quiz-xor)\.ts/);
    const zip = join(kit, 'submission.zip');
    const byZip = await gradeJson(['p3', 'quiz-xor', '--submission', zip]);
    const byFiles = await gradeJson(['p3', 'quiz-xor', '--submission', join(kit, 'solutions')]);
    expect(byZip.report.exercises.map((e) => [e.id, e.score, e.parts.map((p) => p.status)])).toEqual(
      byFiles.report.exercises.map((e) => [e.id, e.score, e.parts.map((p) => p.status)]),
    );
    expect(byZip.report.exercises.map((e) => e.score)).toEqual([9, 3]);
  }, 60_000);

  it("pack grades the files as the kit's grade does: exit 0 only when nothing is likely to lose points", async () => {
    const work = join(tmp, 'pack-kit');
    rmSync(work, { recursive: true, force: true });
    mkdirSync(join(work, 'solutions'), { recursive: true });
    linkKit(work, ['kit', 'node_modules', 'package.json']);
    const copy = (fixture: string) => {
      for (const n of readdirSync(join(FIXTURES, fixture)).filter((x) => x.endsWith('.ts')))
        copyFileSync(join(FIXTURES, fixture, n), join(work, 'solutions', n));
    };
    copy('p4--correct');
    copy('quiz-xor--correct');
    const good = await runCli(['pack'], { bin: join(work, 'bin/grade.js'), cwd: work });
    expect([good.code, good.stderr]).toEqual([0, '']);
    expect(good.stdout).toMatch(/nothing in them is likely to lose points/);
    // A file failing public cases, a malformed answer, a file with type errors: each named, exit 1, the zip written.
    copy('p3--wrong-transposed-jacobian');
    copy('p4--correct');
    const p4 = join(work, 'solutions/p4.ts');
    writeFileSync(p4, `${readFileSync(p4, 'utf8')}\nexport const unused: string = 42;\n`);
    const xor = join(work, 'solutions/quiz-xor.ts');
    writeFileSync(
      xor,
      readFileSync(xor, 'utf8').replace(/export const answer[^\n]*/, "export const answer: string = 'not-an-option';"),
    );
    rmSync(join(work, 'submission.zip'));
    const bad = await runCli(['pack'], { bin: join(work, 'bin/grade.js'), cwd: work });
    expect(bad.code).toBe(1);
    expect(existsSync(join(work, 'submission.zip'))).toBe(true);
    expect(bad.stderr).toMatch(
      /solutions\/p3\.ts fails on the public cases, likely losing \d+ points?: residualJacobian/,
    );
    expect(bad.stderr).toMatch(
      /solutions\/quiz-xor\.ts has malformed answers, which score 0: answer \(.*'not-an-option' is not an option/,
    );
    expect(bad.stderr).toMatch(/solutions\/p4\.ts has 1 type error: p4\.ts:\d+:14: Type 'number' is not assignable/);
    expect(bad.stderr).not.toMatch(/solutions\/p4\.ts (fails|has malformed)/);
  }, 120_000);

  it("status: the kit's starter is named untouched, answer parts count as recorded, the total says what waits", async () => {
    const dir = solutionsOf('status', ['he-init--correct', 'quiz-xor--correct']);
    copyFileSync(join(kit, 'solutions', 'p1.ts'), join(dir, 'p1.ts'));
    const text = await runCli(['status', '--submission', dir], { bin: kitBin, cwd: kit });
    expect(text.code, text.stdout + text.stderr).toBe(1);
    expect(text.stdout).toMatch(/^p1 +untouched starter +0 +0 +9$/m);
    // he-init's first part (std, a numeric value) is on-submit in the kit: 1 of its 4 points waits for the course.
    expect(text.stdout).toMatch(/^he-init +passing +3 +1 +4$/m);
    expect(text.stdout).toMatch(/^Total \d+\/80 now, up to \d+ more after you submit$/m);
    rmSync(join(dir, 'p1.ts'));
    const json = await runCli(['status', '--submission', dir, '--json'], { bin: kitBin, cwd: kit });
    expect(json.code, json.stderr).toBe(0);
    const rows = (
      JSON.parse(json.stdout) as {
        exercises: { id: string; state: string; now: number; recorded: number; max: number }[];
      }
    ).exercises;
    const xor = rows.find((r) => r.id === 'quiz-xor')!;
    expect([['passing', 'recorded'].includes(xor.state), xor.recorded > 0, xor.now + xor.recorded]).toEqual([
      true,
      true,
      3,
    ]);
  }, 120_000);

  it('says what is malformed in an on-submit answer, without judging it', async () => {
    const dir = join(tmp, 'malformed');
    mkdirSync(dir, { recursive: true });
    const correct = readFileSync(join(FIXTURES, 'quiz-xor--correct/quiz-xor.ts'), 'utf8');
    writeFileSync(
      join(dir, 'quiz-xor.ts'),
      correct.replace(/export const answer[^\n]*/, "export const answer: string = 'not-an-option';"),
    );
    const { code, report } = await gradeJson(['quiz-xor', '--submission', dir], { bin: kitBin, cwd: kit });
    expect(code).toBe(1);
    const answer = report.exercises[0].parts.find((p) => p.id === 'answer')!;
    expect([answer.status, answer.reason, answer.feedback]).toEqual(['failed', 'invalid-answer', 'on-submit']);
    expect(answer.message).toMatch(/'not-an-option' is not an option/);
  }, 60_000);

  it('refuses a value of the wrong declared form (shapes, element types) with what to fix, as the course does', async () => {
    const dir = solutionsOf('malformed-net', ['quiz-xor--wrong-malformed-bias-shapes']);
    const mine = (
      await gradeJson(['quiz-xor', '--submission', dir], { bin: kitBin, cwd: kit })
    ).report.exercises[0].parts.find((p) => p.id === 'xorNet')!;
    expect([mine.status, mine.reason, mine.feedback]).toEqual(['failed', 'invalid-answer', 'on-submit']);
    expect(mine.message).toMatch(/xorNet\.b1 has shape \[2\]; it must have shape \[3\]/);
    expect(mine.message).toMatch(/xorNet\.b2 must be a number/);
    // The course runs the same form check before the predicate: same status, reason and words, and no more points.
    const course = (await gradeJson(['quiz-xor', '--submission', dir])).report.exercises[0].parts.find(
      (p) => p.id === 'xorNet',
    )!;
    expect([course.status, course.reason, course.score, course.message]).toEqual([
      'failed',
      'invalid-answer',
      0,
      mine.message,
    ]);
    // A well-formed net with tensors where the prompt accepts them is recorded in the kit and graded by the course.
    const good = solutionsOf('tensor-net', ['quiz-xor--correct']);
    expect(
      (await gradeJson(['quiz-xor', '--submission', good], { bin: kitBin, cwd: kit })).report.exercises[0].parts.find(
        (p) => p.id === 'xorNet',
      )?.status,
    ).toBe('recorded');
  }, 60_000);

  it('validates without a reference, and names a kit file changed after release (KIT_INVALID, exit 2)', async () => {
    expect((await runCli(['validate'], { bin: kitBin, cwd: kit })).code).toBe(0);
    const file = join(kit, 'kit/quiz-xor.json');
    const before = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, before.replace('"points":1', '"points":100'));
      const r = await runCli(['validate'], { bin: kitBin, cwd: kit });
      expect([r.code, /error\[KIT_INVALID\]/.test(r.stderr)]).toEqual([2, true]);
      expect(r.stderr).toMatch(/quiz-xor\.json/);
    } finally {
      writeFileSync(file, before);
    }
  }, 60_000);

  it('--watch grades again when the file is saved, and stops on SIGTERM', async () => {
    const dir = solutionsOf('watch', ['quiz-xor--correct']);
    const child = spawn(process.execPath, [kitBin, 'quiz-xor', '--watch', '--json', '--submission', dir], {
      cwd: kit,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 300 && !ok(); i++) await new Promise((r) => setTimeout(r, 100));
      expect(ok(), stderr).toBe(true);
    };
    await until(() => /graded at \d\d:\d\d:\d\d · watching quiz-xor\.ts/.test(stderr));
    expect(stdout.match(/"schemaVersion"/g)?.length).toBe(1);
    appendFileSync(join(dir, 'quiz-xor.ts'), '\n// saved again\n');
    await until(() => (stdout.match(/"schemaVersion"/g)?.length ?? 0) === 2);
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);

  it('a release refuses an --out that is not empty, and writes nothing there', async () => {
    const out = join(tmp, 'not-empty');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const r = await runCli(['release', '--out', out]);
    expect([r.code, /error\[USAGE\]/.test(r.stderr)]).toEqual([2, true]);
    expect(readdirSync(out)).toEqual(['notes.txt']);
  }, 60_000);
});
