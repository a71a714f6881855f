// Hostile submissions git cannot carry (symlinks, a 100 MB file, names that are not UTF-8, a fifo) and the network
// probe, built in a temp folder per run; same guarantees as hostile.test.ts.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../grader/model/report.js';
import { bubblewrapUsable } from '../../grader/sandbox/host.js';
import { ROOT } from '../helpers/cli.js';
import { underLoad } from '../helpers/load.js';
import { FORBIDDEN, TERMINAL_CONTROL, changes, exists, parseReport, runBin, snapshot } from './guard.js';

const BWRAP = bubblewrapUsable();
const HONEST = join(ROOT, 'test', 'fixtures', 'submissions', 'he-init--wrong-ignores-seed', 'he-init.ts');
const HONEST_PARTS = { std: 'passed', heStd: 'passed', heNormal: 'failed' }; // that fixture's one known mistake
let base: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'tfgrade-hostile-files-'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A fresh submission folder under the run's temp folder. */
function folder(name: string): string {
  const dir = join(base, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function grade(dir: string, boundSeconds: number, extra: string[] = []): Promise<Report> {
  const before = snapshot();
  const run = await runBin(['he-init', '--submission', dir, '--json', ...extra]);
  expect(run.signal, run.stderr.slice(0, 800)).toBeNull();
  expect([0, 1], run.stderr.slice(0, 800)).toContain(run.code);
  expect(run.seconds).toBeLessThan(underLoad(boundSeconds));
  const report = parseReport(run);
  expect(changes(before, snapshot())).toEqual([]);
  expect(FORBIDDEN.filter(exists)).toEqual([]);
  for (const w of report.warnings) expect(w).not.toMatch(TERMINAL_CONTROL);
  return report;
}

const statuses = (r: Report) =>
  Object.fromEntries(
    r.exercises[0].parts.map((p) => [
      p.id,
      p.status === 'missing' || p.status === 'error' ? `${p.status}/${p.reason}` : p.status,
    ]),
  );

describe.concurrent('hostile files', () => {
  it('a symlink to the reference is not followed: the file is missing and the warning says why', async () => {
    const dir = folder('symlink');
    symlinkSync(join(ROOT, 'reference', 'he-init.ts'), join(dir, 'he-init.ts'));
    const r = await grade(dir, 20);
    expect(statuses(r)).toEqual({
      std: 'missing/missing-file',
      heStd: 'missing/missing-file',
      heNormal: 'missing/missing-file',
    });
    expect(r.warnings.join('\n')).toMatch(/he-init\.ts \(a symbolic link/);
  });

  it('a 100 MB source file is refused at once, with a warning', async () => {
    const dir = folder('huge');
    // Real bytes (not a sparse file): if the grader ever read or compiled it, the time bound would catch it.
    const fd = openSync(join(dir, 'he-init.ts'), 'w');
    const line = Buffer.alloc(1 << 20, '// padding padding padding padding padding padding padding padding padding\n');
    for (let i = 0; i < 100; i++) writeSync(fd, line);
    closeSync(fd);
    const r = await grade(dir, 15);
    expect(statuses(r)).toEqual({
      std: 'missing/missing-file',
      heStd: 'missing/missing-file',
      heNormal: 'missing/missing-file',
    });
    // Said once, for the file, with its size: not "not found" for every part.
    expect(r.exercises[0].warnings?.join('\n')).toMatch(/he-init\.ts is too large \(100 MB > 1 MB limit\)/);
    expect(r.exercises[0].parts.every((p) => !p.message.includes('not found'))).toBe(true);
  });

  it('odd entries next to an honest file: a symlinked folder, a non-UTF-8 name, an escape-sequence name, a fifo', async () => {
    const dir = folder('odd');
    copyFileSync(HONEST, join(dir, 'he-init.ts'));
    symlinkSync(join(ROOT, 'reference'), join(dir, 'lib'));
    writeFileSync(
      Buffer.concat([Buffer.from(join(dir, 'x')), Buffer.from([0xff, 0xfe]), Buffer.from('.ts')]),
      'export const x = 1;\n',
    );
    symlinkSync('/etc/passwd', join(dir, '\u001b[2J\u001b]0;pwned\u0007evil.ts'));
    execFileSync('mkfifo', [join(dir, 'pipe.ts')]);
    const r = await grade(dir, 20);
    // The honest file is graded as usual (a fifo read would have hung, a bad name used to crash the copy).
    expect(statuses(r)).toEqual(HONEST_PARTS);
    const warnings = r.warnings.join('\n');
    expect(warnings).toMatch(/lib \(a symbolic link/);
    expect(warnings).toMatch(/not valid UTF-8/);
    expect(warnings).toMatch(/evil\.ts \(a symbolic link/);
    expect(warnings).toMatch(/pipe\.ts \(not a regular file\)/);
  });

  it('a package.json whose main points at the reference cannot pull it into the bundle', async () => {
    const dir = folder('package-main');
    writeFileSync(
      join(dir, 'he-init.ts'),
      "// Hostile: re-exports './lib', whose package.json main is the instructor's reference.\nexport * from './lib';\n",
    );
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'package.json'), JSON.stringify({ main: join(ROOT, 'reference', 'he-init.ts') }));
    const r = await grade(dir, 20);
    expect(statuses(r)).toEqual({
      std: 'error/compile-error',
      heStd: 'error/compile-error',
      heNormal: 'error/compile-error',
    });
  });
});

describe('network', () => {
  let server: Server;
  let port = 0;
  let connections = 0;
  beforeAll(async () => {
    server = createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // Node's permission model does not cover sockets (Node 20-22): only bubblewrap's network namespace stops them.
  it.skipIf(!BWRAP)(
    'a socket to a server on the TA machine cannot connect (needs bubblewrap; basic isolation has no network isolation)',
    async () => {
      const dir = folder('network');
      writeFileSync(
        join(dir, 'he-init.ts'),
        `// Hostile: connects to a server on the grading machine (the test's own, port ${port}).
import * as tf from '@tensorflow/tfjs';
export const std = 'sqrt(2/128)';
export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), 'float32', seed) as tf.Tensor2D;
}
export function heStd(fanIn: number): Promise<number> {
  const net = (process as any).getBuiltinModule('node:net');
  return new Promise((resolve, reject) => {
    const s = net.connect(${port}, '127.0.0.1');
    s.on('connect', () => resolve(-1)); // connected: a wrong value instead of an error
    s.on('error', (e: any) => reject(new Error('no connection: ' + e.code)));
  });
}
`,
      );
      const r = await grade(dir, 20, ['--timeout', '5']);
      expect(r.sandbox.level).toBe('bubblewrap');
      expect(statuses(r)).toEqual({ std: 'passed', heStd: 'error/threw', heNormal: 'passed' });
      expect(connections).toBe(0);
    },
  );

  it('basic isolation says so in the report, naming what it lacks', async () => {
    const r = await grade(join(ROOT, 'test', 'fixtures', 'submissions', 'he-init--wrong-ignores-seed'), 20, [
      '--sandbox',
      'basic',
    ]);
    expect(r.sandbox.level).toBe('basic');
    expect(r.sandbox.description).toMatch(/bubblewrap/);
    expect(r.sandbox.description).toMatch(/network/);
  });
});
