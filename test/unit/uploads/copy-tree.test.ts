// The one copier: what arrives, what is listed as skipped and why, for staging and the job folder alike.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createJob } from '../../../grader/sandbox/job.js';
import { MAX_DEPTH, MAX_FILES, readRegular, SubmissionCopy } from '../../../grader/uploads/copy-tree.js';
import { stage } from '../../../grader/uploads/stage.js';
import { makeTree, removeTrees, type TreeSpec } from '../batch/helpers.js';

afterAll(removeTrees);

const LINK = 'a symbolic link: solutions must be regular files';
const CAP = 100;
const bytes = (n: number): string => 'x'.repeat(n);

/** Every file under `dir`, relative, sorted. */
function filesIn(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesIn(dir, join(rel, e.name)) : [join(rel, e.name)]))
    .sort();
}

function copyOf(spec: TreeSpec, tooLargeApart = true) {
  const to = makeTree({});
  const copy = new SubmissionCopy({ maxFileBytes: CAP, tooLargeApart }).tree(makeTree(spec), to);
  return { files: filesIn(to), skipped: copy.skipped, tooLarge: Object.fromEntries(copy.tooLarge) };
}

describe('SubmissionCopy.tree', () => {
  it.each<[string, TreeSpec, string[], string[], Record<string, number>?]>([
    [
      'source files arrive, other files are not copied nor listed',
      { 'a.ts': 'x', 'b.json': '{}', 'c.mjs': 'x', 'notes.md': 'x', 'img.png': 'x', 'sub/d.js': 'x' },
      ['a.ts', 'b.json', 'c.mjs', 'sub/d.js'],
      [],
    ],
    [
      'hidden entries and node_modules are passed over',
      { '.x.ts': 'x', '.git/y.ts': 'x', 'node_modules/z.ts': 'x' },
      [],
      [],
    ],
    [
      'links are listed whatever their name, and never followed',
      { 'l.ts': { link: '/etc/passwd' }, lib: { link: '/etc' }, 'notes.md': { link: 'l.ts' }, 'ok.ts': 'x' },
      ['ok.ts'],
      [`l.ts (${LINK})`, `lib (${LINK})`, `notes.md (${LINK})`],
    ],
    [
      `files ${MAX_DEPTH} folders down arrive, deeper folders are listed`,
      { 'a/b/c/x.ts': 'x', 'a/b/c/d/y.ts': 'x' },
      ['a/b/c/x.ts'],
      [`a/b/c/d (folders nested more than ${MAX_DEPTH} deep are not copied)`],
    ],
    [
      'a top-level file over the cap is kept apart; a nested one is listed',
      { 'big.ts': bytes(CAP + 1), 'sub/big.ts': bytes(CAP + 1), 'edge.ts': bytes(CAP) },
      ['edge.ts'],
      ['sub/big.ts (too large: 0.000096 MB > 0.000095 MB limit)'],
      { 'big.ts': CAP + 1 },
    ],
    [
      'names that could drive a terminal are shown as inert escapes',
      { '\u001b[2Jx.ts': { link: '/etc/passwd' }, '\u202eevil.ts': { link: '/' } },
      [],
      [`\\x1b[2Jx.ts (${LINK})`, `\\u202eevil.ts (${LINK})`],
    ],
  ])('%s', (_what, spec, files, skipped, tooLarge = {}) => {
    expect(copyOf(spec)).toEqual({ files, skipped, tooLarge });
  });

  it('without tooLargeApart a top-level file over the cap is listed like any other', () => {
    expect(copyOf({ 'big.ts': bytes(CAP + 1) }, false)).toEqual({
      files: [],
      skipped: ['big.ts (too large: 0.000096 MB > 0.000095 MB limit)'],
      tooLarge: {},
    });
  });

  it('a fifo with a source name is listed, one with another name is passed over; neither hangs the copy', () => {
    const dir = makeTree({ 'ok.ts': 'x' });
    execFileSync('mkfifo', [join(dir, 'pipe.ts'), join(dir, 'pipe.txt')]);
    const to = makeTree({});
    expect(new SubmissionCopy({ maxFileBytes: CAP, tooLargeApart: true }).tree(dir, to).skipped).toEqual([
      'pipe.ts (not a regular file)',
    ]);
    expect(filesIn(to)).toEqual(['ok.ts']);
  });

  it('a name that is not UTF-8 is listed, decoded for the message only', () => {
    const dir = makeTree({ 'ok.ts': 'x' });
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/x`), Buffer.from([0xff, 0xfe]), Buffer.from('.ts')]), 'x');
    const to = makeTree({});
    const copy = new SubmissionCopy({ maxFileBytes: CAP, tooLargeApart: true }).tree(dir, to);
    expect(copy.skipped).toEqual(['x\ufffd\ufffd.ts (its name is not valid UTF-8)']);
    expect(filesIn(to)).toEqual(['ok.ts']);
  });

  it(`at most ${MAX_FILES} files, and at most 20 skipped entries listed then counted`, () => {
    const spec: TreeSpec = {};
    for (let i = 0; i < MAX_FILES + 5; i++) spec[`f${String(i).padStart(3, '0')}.ts`] = 'x';
    for (let i = 0; i < 20; i++) spec[`l${i}.ts`] = { link: '/etc/passwd' };
    const { files, skipped } = copyOf(spec);
    expect(files).toHaveLength(MAX_FILES);
    expect(skipped).toHaveLength(21);
    expect(skipped.slice(0, 5)).toEqual(
      ['f200.ts', 'f201.ts', 'f202.ts', 'f203.ts', 'f204.ts'].map((f) => `${f} (more than ${MAX_FILES} files)`),
    );
    expect(skipped[20]).toBe('… and 5 more');
  });

  it('a folder that cannot be listed gives an empty copy that says why', () => {
    const copy = new SubmissionCopy({ maxFileBytes: CAP, tooLargeApart: true }).tree(
      '/nonexistent-tfgrade',
      makeTree({}),
    );
    expect(copy.skipped).toEqual(['the whole folder (unreadable: ENOENT)']);
  });
});

describe('SubmissionCopy.file (an upload under its own name)', () => {
  it.each<[string, TreeSpec, string[], string[]]>([
    ['a source file arrives', { 'up.ts': 'x' }, ['he-init.ts'], []],
    ['a link is listed', { 'up.ts': { link: '/etc/passwd' } }, [], [`he-init.ts (${LINK})`]],
    ['a folder is not entered', { 'up.ts/x.ts': 'x' }, [], ['he-init.ts (not a regular file)']],
  ])('%s', (_what, spec, files, skipped) => {
    const from = join(makeTree(spec), 'up.ts');
    const to = makeTree({});
    const copy = new SubmissionCopy({ maxFileBytes: CAP, tooLargeApart: true }).file(
      from,
      join(to, 'he-init.ts'),
      'he-init.ts',
    );
    expect([filesIn(to), copy.skipped]).toEqual([files, skipped]);
  });
});

describe('readRegular', () => {
  it('refuses a link at the open, a fifo without hanging, and a file over the cap', () => {
    const dir = makeTree({ 'f.ts': 'hello', 'l.ts': { link: 'f.ts' } });
    execFileSync('mkfifo', [join(dir, 'p')]);
    expect(readRegular(join(dir, 'f.ts'), 5)?.toString()).toBe('hello');
    expect(readRegular(join(dir, 'f.ts'), 4)).toBe('big');
    expect(readRegular(join(dir, 'l.ts'), 5)).toBe('link');
    expect(readRegular(join(dir, 'p'), 5)).toBe('special');
  });
});

describe('staging, then the job copy', () => {
  it('takes exactly what the job copy of the original takes (same rules and caps)', async () => {
    const spec: TreeSpec = {
      'he-init.ts': 'x',
      'notes.md': 'x',
      'lib/util.ts': 'x',
      'a/b/c/deep.ts': 'x',
      'a/b/c/d/deeper.ts': 'x',
      'l.ts': { link: '/etc/passwd' },
    };
    for (let i = 0; i < MAX_FILES + 3; i++) spec[`many/f${String(i).padStart(3, '0')}.ts`] = 'x';
    const src = makeTree(spec);
    const direct = createJob(src);
    const staged = stage({ kind: 'tree', dir: src }, join(makeTree({}), 's'));
    const twice = createJob(staged.dir);
    try {
      expect(filesIn(twice.dir)).toEqual(filesIn(direct.dir));
      // What staging left out is said by staging, in the job's words: nothing is said twice.
      expect(staged.warnings.slice(0, 3)).toEqual([
        'skipped a/b/c/d (folders nested more than 3 deep are not copied)',
        `skipped l.ts (${LINK})`,
        'skipped many/f197.ts (more than 200 files)',
      ]);
      expect(twice.skipped).toEqual([]);
      expect(readFileSync(join(twice.dir, 'he-init.ts'), 'utf8')).toBe('x');
      expect(statSync(join(twice.dir, 'lib')).isDirectory()).toBe(true);
    } finally {
      await Promise.all([direct.remove(), twice.remove()]);
    }
  });
});
