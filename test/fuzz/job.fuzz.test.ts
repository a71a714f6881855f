// Fuzz: copying a submission into its job folder, on random trees of odd names (not UTF-8, control codes, dots),
// symlinks in and out, fifos, deep folders and big files. Never a throw; only regular files of the submission arrive.
import {
  closeSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
  existsSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJob } from '../../grader/sandbox/job.js';
import { cpuNow } from '../helpers/load.js';
import { TERMINAL_CONTROL } from '../hostile/guard.js';

const SEED = 20_240_503;

type Entry =
  | { kind: 'file'; name: Buffer; bytes: number }
  | { kind: 'dir'; name: Buffer; children: Entry[] }
  | { kind: 'link'; name: Buffer; target: string }
  | { kind: 'fifo'; name: Buffer };

const plain = fc.constantFrom(
  'he-init.ts',
  'p3.ts',
  'util.ts',
  'data.json',
  'notes.md',
  'x.js',
  'y.mjs',
  'z.cts',
  '.hidden.ts',
  'node_modules',
  '...',
  ' .ts',
  'a b.ts',
  '-rf.ts',
  'con.ts',
  '%2e%2e.ts',
  '\u202eevil.ts',
  '\u001b[2Jx.ts',
  'tab\there.ts',
  'line\nbreak.ts',
  'ü.ts',
  '文件.ts',
  '🙂.ts',
);
const odd = fc
  .uint8Array({ minLength: 1, maxLength: 12 })
  .map((a) => Buffer.from(a.map((b) => (b === 0x2f || b === 0 ? 0x5f : b))));
const nameArb = fc
  .oneof(
    { weight: 3, arbitrary: plain.map((s) => Buffer.from(s)) },
    { weight: 1, arbitrary: odd.map((b) => Buffer.concat([b, Buffer.from('.ts')])) },
    { weight: 1, arbitrary: odd },
  )
  .filter((b) => {
    const s = b.toString('latin1');
    return s !== '.' && s !== '..';
  });
const target = fc.constantFrom(
  '/etc/passwd',
  '/',
  '../',
  '../../reference/he-init.ts',
  'he-init.ts',
  'missing.ts',
  '/proc/self/environ',
  '.',
);

const { tree } = fc.letrec<{ tree: Entry[]; entry: Entry }>((tie) => ({
  tree: fc.uniqueArray(tie('entry'), { maxLength: 6, selector: (e) => e.name.toString('hex') }),
  entry: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      kind: fc.constant('file' as const),
      name: nameArb,
      bytes: fc.oneof(fc.nat(64), fc.constantFrom(0, (1 << 20) + 1, 1 << 20)),
    }),
    fc.record({ kind: fc.constant('dir' as const), name: nameArb, children: tie('tree') }),
    fc.record({ kind: fc.constant('link' as const), name: nameArb, target }),
    fc.record({ kind: fc.constant('fifo' as const), name: nameArb }),
  ),
}));

let base: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'tfgrade-fuzz-job-'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

let n = 0;
function materialize(entries: Entry[], dir: Buffer): void {
  for (const e of entries) {
    const p = Buffer.concat([dir, Buffer.from('/'), e.name]);
    if (e.kind === 'file') {
      const fd = openSync(p, 'w');
      // Sizes around the 1 MB cap are sparse-free real bytes; the content names the file so copies can be checked.
      if (e.bytes > 0) writeSync(fd, Buffer.alloc(e.bytes, `${e.name.toString('hex')};`));
      closeSync(fd);
    } else if (e.kind === 'dir') {
      mkdirSync(p);
      materialize(e.children, p);
    } else if (e.kind === 'link') {
      symlinkSync(e.target, p);
    } else if (Buffer.from(p.toString('utf8')).equals(p)) {
      execFileSync('mkfifo', [p.toString('utf8')]);
    } else {
      writeFileSync(p, 'x'); // mkfifo takes its path as text: a path that is not UTF-8 gets a plain file instead
    }
  }
}

/** Every entry under `dir` as [relative path bytes, kind]. */
function walk(dir: Buffer, rel: Buffer = Buffer.alloc(0)): [Buffer, string][] {
  const out: [Buffer, string][] = [];
  for (const name of readdirSync(dir, { encoding: 'buffer' })) {
    const p = Buffer.concat([dir, Buffer.from('/'), name]);
    const r = rel.length ? Buffer.concat([rel, Buffer.from('/'), name]) : name;
    const st = lstatSync(p);
    const kind = st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
    out.push([r, kind]);
    if (kind === 'dir') out.push(...walk(p, r));
  }
  return out;
}

describe('fuzz: submission copy (createJob)', () => {
  it('random trees', async () => {
    await fc.assert(
      fc.asyncProperty(tree, async (entries) => {
        const src = Buffer.from(join(base, `t${n++}`));
        mkdirSync(src);
        materialize(entries, src);
        const t0 = cpuNow(); // CPU time: a loaded machine must not fail it
        const job = createJob(src.toString());
        try {
          expect(cpuNow() - t0).toBeLessThan(3000);
          const copied = walk(Buffer.from(job.dir));
          // Only folders and regular files arrive, each a byte-for-byte copy of a regular source file under 1 MB.
          for (const [rel, kind] of copied) {
            expect(['dir', 'file']).toContain(kind);
            const from = Buffer.concat([src, Buffer.from('/'), rel]);
            const st = lstatSync(from);
            if (kind === 'dir') expect(st.isDirectory()).toBe(true);
            else {
              expect(st.isFile()).toBe(true);
              expect(st.size).toBeLessThanOrEqual(1 << 20);
              // Buffer.equals, not toEqual: a deep comparison of a 1 MB buffer takes seconds.
              expect(
                readFileSync(Buffer.concat([Buffer.from(job.dir), Buffer.from('/'), rel])).equals(readFileSync(from)),
              ).toBe(true);
            }
          }
          expect(copied.filter(([, k]) => k === 'file').length).toBeLessThanOrEqual(200);
          // What was left out is said, briefly, in words a terminal shows as they are.
          expect(job.skipped.length).toBeLessThanOrEqual(21);
          for (const s of job.skipped) expect(s).not.toMatch(TERMINAL_CONTROL);
        } finally {
          await job.remove();
        }
        expect(existsSync(job.dir)).toBe(false);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('many files and many skipped entries stay bounded', async () => {
    const src = join(base, 'many');
    mkdirSync(src);
    for (let i = 0; i < 400; i++) writeFileSync(join(src, `f${i}.ts`), 'export {};\n');
    for (let i = 0; i < 200; i++) symlinkSync('/etc/passwd', join(src, `l${i}.ts`));
    const job = createJob(src);
    try {
      expect(readdirSync(job.dir).length).toBe(200);
      expect(job.skipped.length).toBe(21);
      expect(job.skipped[20]).toMatch(/more/);
    } finally {
      await job.remove();
    }
  });
});
