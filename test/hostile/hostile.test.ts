// The hostile corpus through the real bin: each case exits 0/1 in time, scores its attack 0, grades the honest parts
// and leaves every file outside its job folder as it was. Cases: test/hostile/cases/ and the he-init ones in fixtures/.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../grader/model/report.js';
import { bubblewrapUsable } from '../../grader/sandbox/host.js';
import { nativeInstalls } from '../../grader/engine/backend-choice.js';
import { ROOT } from '../helpers/cli.js';
import { underLoad } from '../helpers/load.js';
import {
  CANARY,
  FORBIDDEN,
  TERMINAL_CONTROL,
  changes,
  exists,
  nodeModulesSkip,
  parseReport,
  runBin,
  snapshot,
  type Run,
  type Snapshot,
} from './guard.js';

const CASES = join(ROOT, 'test', 'hostile', 'cases');
const BWRAP = bubblewrapUsable();
/** The native backend runs student code only under bubblewrap: its cases need both. */
const NATIVE = BWRAP && nativeInstalls(ROOT).some((n) => !n.problem);

interface Case {
  dir: string;
  /** Seconds within which the grader must have exited (generous: the suite runs cases side by side on 2 cores). */
  bound: number;
  /** Also run under --sandbox basic: defences that basic isolation relies on alone (no pid or mount namespace). */
  basicToo?: boolean;
  /** Also run on the native backend (whose --allow-addons and raw TensorFlow ops the permission model cannot see). */
  nativeToo?: boolean;
  /** Only on the native backend: its attacks need TensorFlow's own ops. */
  nativeOnly?: boolean;
  /** A folder to grade instead of `dir` (a copy with something put in at run time). */
  prepare?: () => string;
  env?: NodeJS.ProcessEnv;
  check?: (report: Report, run: Run, native: boolean) => void | Promise<void>;
}

const FAST = 20;
const HANG = 30; // --timeout 2, a restart, maybe a re-run in a fresh sandbox: far below, unless something loops

/** Every attempt the fixture lists in its thrown message was refused with one of these codes (`native`: on that backend). */
const allDenied = (labels: string[], codes: RegExp, native?: RegExp) => (r: Report, _run: Run, onNative: boolean) => {
  const message = part(r, 'he-init', 'heStd').message;
  const allowed = onNative && native ? native : codes;
  for (const label of labels)
    expect(message, label).toMatch(new RegExp(`${label.replace(/[()]/g, '\\$&')}: (${allowed.source})`));
};

/** he-init--native-write-then-dlopen with a real payload: a .so whose constructor prints a marker and starts a shell. */
function withPayload(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tfgrade-dlopen-'));
  const src = join(CASES, 'he-init--native-write-then-dlopen');
  cpSync(src, dir, { recursive: true });
  const so = join(dir, 'payload.so');
  const cc = spawnSync('cc', ['-shared', '-fPIC', '-o', so, join(src, 'payload.c')], { encoding: 'utf8' });
  if (cc.status !== 0) return dir; // no compiler: the checked-in fallback payload (a copy of a system library) is used
  const code = readFileSync(join(dir, 'he-init.ts'), 'utf8').replace(
    'const PAYLOAD = "";',
    `const PAYLOAD = "${readFileSync(so).toString('base64')}";`,
  );
  writeFileSync(join(dir, 'he-init.ts'), code);
  rmSync(so);
  return dir;
}

const part = (r: Report, ex: string, id: string) =>
  r.exercises.find((e) => e.id === ex)!.parts.find((p) => p.id === id)!;

const hostile = (name: string, bound: number, extra: Omit<Case, 'dir' | 'bound'> = {}): [string, Case] => [
  name,
  { dir: join(CASES, name), bound, ...extra },
];

const TABLE: [string, Case][] = [
  // time
  hostile('he-init--never-settles', HANG),
  hostile('he-init--busy-interval', HANG),
  hostile('he-init--atomics-wait', HANG),
  hostile('he-init--late-throw', FAST),
  hostile('he-init--leftover-hijacks-next', HANG),
  hostile('he-init--thenable-prototype', HANG),
  hostile('he-init--hang-at-import', HANG),
  hostile('he-init--hang-in-call', HANG),
  hostile('he-init--hang-on-one-input', HANG, {
    // All six calls go in one request; the child announces each, so the timeout names the one that hung.
    check: (r) => expect(part(r, 'he-init', 'heStd').message).toMatch(/^heStd on heStd\(784\) did not finish/),
  }),
  // memory
  hostile('he-init--buffer-growth', FAST),
  hostile('he-init--wasm-memory-growth', FAST),
  hostile('he-init--huge-tensor', FAST),
  hostile('he-init--huge-values', FAST),
  hostile('he-init--allocate-until-oom', FAST),
  // output
  // --timeout 5, not 2: heStd's honest 300 MB must drain within its limit while the suite runs cases side by side
  // (0.35 s alone; it once took over 2 s with a type check running next to the suite).
  hostile('he-init--flood-output', HANG, {
    check: (r, run) => {
      // Gigabytes went through the pipe; the grader kept a capped copy and its own memory stayed near an honest run's.
      if (run.peakMb > 0) expect(run.peakMb).toBeLessThan(400);
      const output = r.exercises[0].output ?? '';
      expect(output.length).toBeLessThan(r.sandbox.limits.outputBytes + 200);
      expect(output).toMatch(/more bytes of output dropped/);
    },
  }),
  hostile('he-init--ansi-escapes', FAST, {
    check: async (r) => {
      expect(r.exercises[0].output ?? '').not.toMatch(TERMINAL_CONTROL);
      // The terminal report, as a TA sees it: no sequence of the student's reaches the screen.
      const text = await runBin(['he-init', '--submission', join(CASES, 'he-init--ansi-escapes')]);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain('heStd');
      expect(text.stdout).not.toMatch(TERMINAL_CONTROL);
    },
  }),
  hostile('he-init--print-fake-report', FAST),
  // escape
  hostile('he-init--read-escape', FAST, {
    basicToo: true,
    nativeToo: true,
    check: allDenied(
      [
        'reference cache',
        'node_modules listing',
        'reference',
        'solutions',
        'another student',
        'grader bundle',
        'grader source',
        'spec',
        'passwd',
        'proc environ',
        'tmp listing',
        'async read',
      ],
      /ERR_ACCESS_DENIED/,
    ),
  }),
  hostile('he-init--write-anywhere', FAST, {
    basicToo: true,
    nativeToo: true,
    check: allDenied(
      [
        'tmp canary',
        'tmp new file',
        'reference dir',
        'touch reference',
        'append spec',
        'reference cache',
        'tfjs',
        'runtime',
        'tmp mkdir',
        'tmp symlink',
        'copy reference',
      ],
      /ERR_ACCESS_DENIED/,
    ),
  }),
  hostile('he-init--env-secret', FAST, {
    basicToo: true,
    // The TA's shell holds secrets; the child sees none of them, not even their names.
    env: {
      TFGRADE_HOSTILE_SCALE: '1',
      AWS_SECRET_ACCESS_KEY: 'tfgrade-test-not-a-secret',
      GITHUB_TOKEN: 'tfgrade-test-not-a-token',
    },
    check: (r) => expect(part(r, 'he-init', 'std').cases?.[0]?.actual).toBe('[]'),
  }),
  hostile('he-init--kill-grader', FAST, {
    basicToo: true,
    check: allDenied(
      ['kill(ppid, SIGKILL)', 'kill(-ppid, SIGKILL)', 'kill(-1, 0)', 'kill(0, 0)', '_kill(ppid, 9)'],
      /EPERM|errno -1/,
    ),
  }),
  hostile('he-init--denied-apis', FAST, {
    basicToo: true,
    nativeToo: true,
    // The native backend needs --allow-addons: dlopen of a system library then loads it and fails as "not a Node
    // module" (ERR_DLOPEN_FAILED). Libraries are only readable from read-only system paths; nothing can be written.
    check: allDenied(
      ['worker', 'dlopen', 'binding', 'setuid', 'setgid', 'inspector', 'trace_events', 'v8 flags', 'spawn', 'wasi'],
      /ERR_ACCESS_DENIED|ERR_DLOPEN_DISABLED/,
      /ERR_ACCESS_DENIED|ERR_DLOPEN_FAILED/,
    ),
  }),
  // native backend: TensorFlow's own file ops and a written-then-loaded library
  hostile('he-init--native-raw-read', FAST, {
    nativeOnly: true,
    check: allDenied(['reference', 'reference cache', 'spec', 'another student', 'passwd', 'other jobs'], /NotFound/),
  }),
  hostile('he-init--native-raw-write', FAST, {
    nativeOnly: true,
    check: allDenied(
      ['reference dir', 'tmp new file', 'tmp canary', 'tfjs', 'sandbox root', 'dev shm', 'dev'],
      /ReadOnly|NotFound/,
    ),
  }),
  hostile('he-init--native-write-then-dlopen', FAST, {
    nativeOnly: true,
    prepare: withPayload,
    check: (r, run) => {
      allDenied(['write /tmp', 'write /', 'write /dev/shm', 'write /dev'], /ReadOnly|NotFound/)(r, run, true);
      expect(`${run.stderr}${r.exercises[0].output ?? ''}`).not.toContain('TFGRADE-DLOPEN-RAN');
    },
  }),
  hostile('he-init--raw-ipc-bytes', FAST, { basicToo: true }),
  hostile('he-init--forge-protocol', FAST, { basicToo: true }),
  hostile('he-init--read-reference', FAST),
  hostile('he-init--write-file', FAST),
  hostile('he-init--spawn-process', FAST),
  hostile('he-init--exit-in-call', FAST),
  hostile('he-init--kill-self-in-call', FAST),
  // files (the ones git cannot carry, symlinks, 100 MB, odd names, live in files.test.ts)
  hostile('he-init--empty-file', FAST),
  hostile('he-init--directory-not-file', FAST),
  hostile('he-init--import-outside', FAST),
  hostile('he-init--non-utf8-bytes', FAST),
  hostile('he-init--syntax-error', FAST),
  hostile('he-init--throw-at-import', FAST),
  // values and tampering
  hostile('he-init--tricky-values', FAST),
  hostile('he-init--tamper-globals', FAST),
  hostile('p5--input-tensor-abuse', FAST, {
    // -0, -Infinity, NaN and Infinity cross the boundary as they are (JSON would have made -0 a 0 and the rest null).
    check: (r) =>
      expect(
        part(r, 'p5', 'countPieces')
          .cases?.slice(0, 4)
          .map((c) => c.actual),
      ).toEqual(['-0', '-Infinity', 'NaN', 'Infinity']),
  }),
  hostile('p6--inputs-file-tamper', FAST, {
    basicToo: true,
    // The inputs file is shared by every child of a run: it must stay as the grader wrote it (leakyVariances passes).
    check: (r) =>
      expect(part(r, 'p6', 'varianceKept').message).toMatch(
        /write: EBADF; truncate: (EINVAL|EBADF); chmod: (ERR_ACCESS_DENIED|EBADF|EPERM)/,
      ),
  }),
  hostile('quiz-linear-collapse--wrong-dtype', FAST),
  hostile('he-init--unserializable-outputs', FAST),
  hostile('he-init--nan-and-wrong-shape', FAST),
  hostile('he-init--missing-exports', FAST),
];

type Mode = 'default' | 'basic' | 'native';
const RUNS = TABLE.filter(([, c]) => !c.nativeOnly).flatMap(([name, c]) => [
  { label: `${name} (${BWRAP ? 'bubblewrap' : 'basic'})`, name, c, mode: 'default' as Mode },
  ...(c.basicToo && BWRAP ? [{ label: `${name} (basic isolation)`, name, c, mode: 'basic' as Mode }] : []),
]);
const NATIVE_RUNS = TABLE.filter(([, c]) => c.nativeOnly || c.nativeToo).map(([name, c]) => ({
  label: `${name} (native, bubblewrap)`,
  name,
  c,
  mode: 'native' as Mode,
}));

let canary = '';
let tree: Snapshot;
let modules: Snapshot;
let traceLogBefore = false;

beforeAll(() => {
  canary = `canary ${randomUUID()}`;
  writeFileSync(CANARY, canary);
  tree = snapshot();
  modules = snapshot(join(ROOT, 'node_modules'), nodeModulesSkip);
  traceLogBefore = existsSync('/node_trace.1.log');
});

afterAll(() => {
  // Whole-run checks: the tree and node_modules (tfjs itself) as they were before the first case.
  expect(changes(tree, snapshot()), 'files changed in the course folder').toEqual([]);
  expect(
    changes(modules, snapshot(join(ROOT, 'node_modules'), nodeModulesSkip)),
    'files changed in node_modules',
  ).toEqual([]);
  if (!traceLogBefore) expect(existsSync('/node_trace.1.log'), 'trace_events wrote into /').toBe(false);
  expect(readFileSync(CANARY, 'utf8')).toBe(canary);
  rmSync(CANARY, { force: true });
});

describe.concurrent('hostile submissions', () => {
  it('the corpus covers every case folder', () => {
    const listed = new Set(TABLE.filter(([, c]) => c.dir.startsWith(CASES)).map(([n]) => n));
    const folders = readdirNames(CASES);
    expect(folders.filter((n) => !listed.has(n))).toEqual([]);
  });

  it.each(RUNS)('$label', (run) => gradeHostile(run));
});

describe
  .skipIf(!NATIVE)
  .concurrent(
    `hostile submissions on the native backend${NATIVE ? '' : ' (skipped: needs the native backend, built with `npm run native`, and bubblewrap)'}`,
    () => {
      it.each(NATIVE_RUNS)('$label', (run) => gradeHostile(run));

      it('--backend tensorflow --sandbox basic is refused before any student code runs (exit 2)', async () => {
        const run = await runBin([
          'he-init',
          '--submission',
          join(CASES, 'he-init--native-raw-read'),
          '--backend',
          'tensorflow',
          '--sandbox',
          'basic',
        ]);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('error[BACKEND_UNSAFE]');
        expect(run.stdout).toBe('');
      });

      it('the attacks are real: outside a sandbox, TensorFlow reads and writes any file and a written library loads', () => {
        const dir = mkdtempSync(join(tmpdir(), 'tfgrade-native-attack-'));
        writeFileSync(join(dir, 'secret.txt'), 'reference answer');
        const attack = `process.env.TF_CPP_MIN_LOG_LEVEL = '2'; const tf = require('@tensorflow/tfjs-node'); const b = tf.backend();
      const got = Buffer.from(b.executeSingleOutput('ReadFile', [], [tf.scalar(${JSON.stringify(join(dir, 'secret.txt'))}, 'string')]).dataSync()[0]).toString();
      const lib = b.executeSingleOutput('ReadFile', [], [tf.scalar('/usr/lib/x86_64-linux-gnu/libz.so.1', 'string')]);
      b.executeMultipleOutputs('WriteFile', [], [tf.scalar(${JSON.stringify(join(dir, 'copy.so'))}, 'string'), lib], 0);
      process.dlopen({ exports: {} }, ${JSON.stringify(join(dir, 'copy.so'))});`;
        const r = spawnSync(process.execPath, ['-e', attack], { cwd: ROOT, encoding: 'utf8' });
        expect(r.stderr).toMatch(/ERR_DLOPEN_FAILED|did not self-register|Module did not/); // loaded, then refused as not a Node module
        expect(existsSync(join(dir, 'copy.so'))).toBe(true);
        rmSync(dir, { recursive: true, force: true });
      });
    },
  );

async function gradeHostile({ name, c, mode }: { name: string; c: Case; mode: Mode }): Promise<void> {
  const dir = c.prepare?.() ?? c.dir;
  const expected = JSON.parse(readFileSync(join(c.dir, 'expected.json'), 'utf8')) as Record<
    string,
    Record<string, string>
  >;
  // args.json: flags a case needs (a short --timeout, a small --memory, the native backend).
  const argsFile = join(c.dir, 'args.json');
  const extra = existsSync(argsFile) ? (JSON.parse(readFileSync(argsFile, 'utf8')) as string[]) : [];
  const modeArgs =
    mode === 'basic'
      ? ['--sandbox', 'basic']
      : mode === 'native' && !extra.includes('tensorflow')
        ? ['--backend', 'tensorflow']
        : [];
  const before = snapshot();
  const run = await runBin([...Object.keys(expected), '--submission', dir, '--json', ...extra, ...modeArgs], c.env);

  // Exits normally, in time, with exactly one valid report on stdout.
  expect(run.signal, run.stderr.slice(0, 800)).toBeNull();
  expect([0, 1], run.stderr.slice(0, 800)).toContain(run.code);
  expect(run.seconds).toBeLessThan(underLoad(c.bound));
  const report = parseReport(run);
  expect(report.sandbox.level).toBe(mode === 'basic' || !BWRAP ? 'basic' : 'bubblewrap');
  expect(report.backend.name).toBe(mode === 'native' ? 'tensorflow' : 'wasm');

  // The attack scores 0 with its status and reason; the honest parts are graded as usual.
  const got = Object.fromEntries(
    report.exercises.map((e) => [
      e.id,
      Object.fromEntries(
        e.parts.map((p) => [p.id, expected[e.id]?.[p.id]?.includes('/') ? `${p.status}/${p.reason}` : p.status]),
      ),
    ]),
  );
  expect(got).toEqual(expected);
  for (const p of report.exercises.flatMap((e) => e.parts)) {
    if (p.status === 'passed') expect(p.score, `${name}.${p.id}`).toBe(p.maxScore);
    else expect(p.score, `${name}.${p.id}`).toBe(0);
    expect(p.message.length, `${name}.${p.id} has a message`).toBeGreaterThan(0);
    expect(p.message, `${name}.${p.id}`).not.toMatch(TERMINAL_CONTROL);
  }
  expect(run.code).toBe(report.exercises.every((e) => e.parts.every((p) => p.status === 'passed')) ? 0 : 1);

  // Nothing outside the job folder changed.
  expect(changes(before, snapshot()), `${name} changed files`).toEqual([]);
  expect(FORBIDDEN.filter(exists), `${name} created files`).toEqual([]);
  expect(readFileSync(CANARY, 'utf8')).toBe(canary);

  await c.check?.(report, run, mode === 'native');
  if (dir !== c.dir) rmSync(dir, { recursive: true, force: true });
}

function readdirNames(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}
