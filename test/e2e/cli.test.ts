// The real bin as a user meets it: help, usage errors with exit 2, --out, formats, backends and isolation levels.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, gradeJson, runCli } from '../helpers/cli.js';
import { reportErrors } from '../../grader/model/validate-report.js';
import { bubblewrapUsable } from '../../grader/sandbox/host.js';
import { nativeInstalls } from '../../grader/engine/backend-choice.js';

const FIX = join(ROOT, 'test', 'fixtures', 'submissions');
const nativeInstalled = nativeInstalls(ROOT).some((n) => !n.problem);
const gpuInstalled = nativeInstalls(ROOT).some((n) => n.pkg === '@tensorflow/tfjs-node-gpu' && !n.problem);

describe.concurrent('grade CLI', () => {
  it('--help teaches: commands, examples and exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const s of [
      'grade [exercise..]',
      'list',
      'show <id>',
      'batch <folder>',
      'Examples:',
      'Exit codes',
      'NO_COLOR',
    ])
      expect(r.stdout).toContain(s);
  });

  it.each([
    [['he-innit'], 'UNKNOWN_EXERCISE', 'did you mean he-init'],
    [['he-init', '--submission', 'no/such/folder'], 'SUBMISSION_NOT_FOUND', 'no/such/folder'],
    [['he-init', '--backend', 'gpu'], 'USAGE', 'backend'],
    [['he-init', '--timeout', '0'], 'USAGE', '--timeout'],
    // The early sandbox (bin/grade.js) starts before these are rejected; the process still ends, at once.
    [['he-init', '--memory', '300', '--timeout', '-1'], 'USAGE', '--timeout'],
    [['show', 'p33'], 'UNKNOWN_EXERCISE', 'did you mean p3'],
  ])('%j is a usage error (exit 2, %s)', async (argv, code, hint) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error[${code}]`);
    expect(r.stderr).toContain(hint);
    expect(r.stdout).toBe('');
  });

  it('a path in an error is relative to where the user stands', async () => {
    const r = await runCli(['he-init', '-s', 'missing-folder'], { cwd: join(ROOT, 'test') });
    expect(r.stderr).toContain('no submission folder at missing-folder');
  });

  it('--out writes a valid JSON report atomically, and stdout keeps the text report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfgrade-out-'));
    const r = await runCli([
      'he-init',
      '-s',
      join(FIX, 'he-init--wrong-xavier-std'),
      '--out',
      join(dir, 'sub', 'r.json'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Total 0/4');
    const report = JSON.parse(readFileSync(join(dir, 'sub', 'r.json'), 'utf8'));
    expect(reportErrors(report)).toEqual([]);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['r.json']); // no temp file left behind
  });

  it('list, show and validate', async () => {
    const list = await runCli(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/he-init\s+4 pts\s+3 parts/);
    const show = await runCli(['show', 'he-init']);
    expect(show.stdout).toContain('heNormal: (fanIn: number, fanOut: number, seed: number) => tf.Tensor2D');
    const validate = await runCli(['validate', 'he-init', 'p3']);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/^ok: 2 exercises/);
  });

  it.each(['cpu', 'wasm'])('--backend %s runs on that backend and says so', async (backend) => {
    const { code, report } = await gradeJson(['he-init', '-s', join(ROOT, 'reference'), '--backend', backend]);
    expect(code).toBe(0);
    expect(report.backend.name).toBe(backend);
  });

  it.skipIf(!nativeInstalled || !bubblewrapUsable())(
    `--backend tensorflow (native) grades the reference, and its start-up noise is not the student's output${nativeInstalled ? '' : ' (skipped: @tensorflow/tfjs-node is not built here)'}`,
    async () => {
      const { code, report } = await gradeJson([
        'he-init',
        'p3',
        '-s',
        join(ROOT, 'reference'),
        '--backend',
        'tensorflow',
      ]);
      expect(code).toBe(0);
      expect(report.backend).toMatchObject({ name: 'tensorflow', requested: 'tensorflow' });
      // Node's --allow-addons warning and TensorFlow's log lines (pids, timestamps) once showed up as the first exercise's output.
      expect(report.exercises.map((e) => e.output ?? '')).toEqual(['', '']);
    },
  );

  it.runIf(nativeInstalled && !gpuInstalled)(
    'auto passes over an installed native CPU backend for wasm, and the report says why',
    async () => {
      const { report } = await gradeJson(['he-init', '-s', join(ROOT, 'reference')]);
      expect(report.backend).toMatchObject({ name: 'wasm', requested: 'auto' });
      expect(report.backend.reason).toMatch(/tfjs-node is installed/);
    },
  );

  it.skipIf(!gpuInstalled || !bubblewrapUsable())(
    `auto picks the GPU build where it is installed and works${gpuInstalled ? '' : ' (skipped: no @tensorflow/tfjs-node-gpu and no GPU here)'}`,
    async () => {
      const { code, report } = await gradeJson(['he-init', '-s', join(ROOT, 'reference')]);
      expect(code).toBe(0);
      expect(report.backend).toMatchObject({
        name: 'tensorflow',
        package: '@tensorflow/tfjs-node-gpu',
        requested: 'auto',
      });
    },
  );

  it.runIf(!nativeInstalled)('--backend tensorflow without the native package is a clear usage error', async () => {
    const r = await runCli(['he-init', '--backend', 'tensorflow']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[BACKEND_UNAVAILABLE]');
  });

  it('--sandbox basic reports the basic isolation level; auto reports bubblewrap where it is usable', async () => {
    const basic = await gradeJson(['he-init', '-s', join(ROOT, 'reference'), '--sandbox', 'basic']);
    expect(basic.report.sandbox.level).toBe('basic');
    const auto = await gradeJson(['he-init', '-s', join(ROOT, 'reference')]);
    expect(auto.report.sandbox.level).toBe(bubblewrapUsable() ? 'bubblewrap' : 'basic');
  });

  it('a case needing a kernel wasm lacks is re-run on cpu and passes with a note; leaked tensors warn without penalty', async () => {
    const kernel = await gradeJson(['p3', '-s', join(FIX, 'p3--correct-needs-cpu-kernel'), '--backend', 'wasm']);
    const jac = kernel.report.exercises[0].parts.find((p) => p.id === 'residualJacobian')!;
    expect(jac.status).toBe('passed');
    expect(jac.warnings?.join(' ')).toMatch(/re-run on the cpu backend/);
    const leak = await gradeJson(['he-init', '-s', join(FIX, 'he-init--leaks-tensors')]);
    const normal = leak.report.exercises[0].parts.find((p) => p.id === 'heNormal')!;
    expect(normal.score).toBe(normal.maxScore);
    expect(normal.warnings?.join(' ')).toMatch(/leaked \d+ tensors/);
  });

  it("errors point at the student's own line, not the compiled one", async () => {
    const { report } = await gradeJson([
      'he-init',
      '-s',
      join(ROOT, 'test', 'hostile', 'cases', 'he-init--throw-at-import'),
    ]);
    expect(report.exercises[0].parts[0].message).toContain('(at he-init.ts:4:');
    const syntax = await gradeJson(['he-init', '-s', join(ROOT, 'test', 'hostile', 'cases', 'he-init--syntax-error')]);
    expect(syntax.report.exercises[0].parts[0].message).toMatch(/he-init\.ts:\d+:\d+: Expected/);
  });

  it('a hidden part reports pass/fail and the reason, never the expected values', async () => {
    const { report } = await gradeJson(['p6', '-s', join(FIX, 'p6--wrong-hidden-leaky-variances-plain-relu')]);
    const part = report.exercises[0].parts.find((p) => p.id === 'leakyVariances')!;
    expect(part).toMatchObject({ visibility: 'hidden', status: 'failed', reason: 'wrong-value' });
    for (const c of part.cases ?? []) expect(Object.keys(c).sort()).toEqual(['label', 'passed']);
    const text = await runCli(['p6', '-s', join(FIX, 'p6--wrong-hidden-leaky-variances-plain-relu')]);
    expect(text.stdout).toContain('hidden test failed');
    expect(text.stdout).not.toMatch(/expected \[/);
  });

  it('student text quoted in messages never carries terminal control sequences, in any view', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfgrade-ansi-'));
    writeFileSync(join(dir, 'quiz-500-layers.ts'), "export const answer = '\\u001b[2J\\u001b[31mPWNED\\u202e';\n");
    const text = await runCli(['quiz-500-layers', '-s', dir]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('PWNED');
    expect(text.stdout).not.toMatch(/[\u001b\u202e]/);
    const { report } = await gradeJson(['quiz-500-layers', '-s', dir]);
    // Every string in the report (JSON.stringify would escape control characters and hide them from the check).
    const strings: string[] = [];
    JSON.stringify(report, (_k, v: unknown) => (typeof v === 'string' && strings.push(v), v));
    expect(strings.filter((x) => /[\u001b\u202e]/.test(x))).toEqual([]);
  });

  it.each([
    [[], 1],
    [['--sandbox', 'basic', '--memory=1024'], 0],
    [['-b', 'cpu'], 0],
  ] as const)(
    'grade p3 %j uses the sandbox bin/grade.js started before the CLI loaded (from the snapshot: %i)',
    async (extra, fromSnapshot) => {
      const timings = join(mkdtempSync(join(tmpdir(), 'tfgrade-early-')), 't.jsonl');
      const r = await runCli(['p3', '-s', join(FIX, 'p3--correct'), ...extra], {
        env: { ...process.env, TFGRADE_TIMINGS: timings },
      });
      expect(r.code).toBe(0);
      const line = JSON.parse(readFileSync(timings, 'utf8').trim()) as {
        phases: Record<string, number>;
        facts: Record<string, number>;
      };
      expect(line.phases).toHaveProperty('early sandbox launch');
      expect(line.facts['sandbox: early child adopted']).toBe(1);
      // Every Node (20, 22, 24 in CI) starts wasm children from its own startup snapshot; another heap cap or backend cannot.
      expect(line.facts['sandbox: children started from the snapshot']).toBe(fromSnapshot);
    },
  );

  it('without the startup snapshot (TFGRADE_SANDBOX_SNAPSHOT=0) the sandbox starts the plain way and grades the same', async () => {
    const args = [
      'p3',
      'quiz-linear-collapse',
      '-s',
      join(FIX, 'quiz-linear-collapse--correct-via-tf-layers'),
      '-b',
      'wasm',
    ];
    const [plain, snap] = await Promise.all([
      gradeJson(args, { env: { ...process.env, TFGRADE_SANDBOX_SNAPSHOT: '0' } }),
      gradeJson(args),
    ]);
    const statuses = (r: typeof plain.report) =>
      r.exercises.flatMap((e) => e.parts.map((p) => `${e.id}.${p.id}:${p.status}`));
    expect(statuses(plain.report)).toEqual(statuses(snap.report));
    expect(statuses(snap.report)).toContain('quiz-linear-collapse.collapse:passed');
  });

  it('grading with no ids grades the solution files present in the folder', async () => {
    const { report } = await gradeJson(['-s', join(FIX, 'he-init--wrong-xavier-std')]);
    expect(report.exercises.map((e) => e.id)).toEqual(['he-init']);
    expect(existsSync(join(FIX, 'he-init--wrong-xavier-std', 'he-init.ts'))).toBe(true);
  });

  it('status: a row per exercise (passing, failing, an untouched starter, missing files), the total and the exit code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfgrade-status-'));
    copyFileSync(join(FIX, 'he-init--wrong-xavier-std', 'he-init.ts'), join(dir, 'he-init.ts'));
    copyFileSync(join(ROOT, 'solutions', 'p3.ts'), join(dir, 'p3.ts'));
    const failing = await runCli(['status', '-s', dir]);
    expect(failing.code, failing.stderr).toBe(1);
    expect(failing.stdout).toMatch(/^he-init +failing \d of 3 parts +\d +0 +4$/m);
    expect(failing.stdout).toMatch(/^p3 +untouched starter +0 +0 +9$/m);
    expect(failing.stdout).toMatch(/^p1 +missing file +0 +0 +9$/m);
    expect(failing.stdout).toMatch(/^Total \d+\/80 now$/m);
    // The starter left out and he-init fixed: every present exercise passes.
    rmSync(join(dir, 'p3.ts'));
    copyFileSync(join(FIX, 'he-init--correct', 'he-init.ts'), join(dir, 'he-init.ts'));
    const passing = await runCli(['status', '-s', dir, '--json']);
    expect(passing.code, passing.stderr).toBe(0);
    const json = JSON.parse(passing.stdout) as {
      exercises: { id: string; state: string; now: number }[];
      total: { now: number; max: number };
    };
    expect(json.exercises.find((e) => e.id === 'he-init')).toMatchObject({ state: 'passing', now: 4 });
    expect(json.exercises.find((e) => e.id === 'p3')).toMatchObject({ state: 'missing file', now: 0 });
    expect(json.total).toMatchObject({ now: 4, max: 80 });
  });
});
