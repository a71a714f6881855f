// Safe extraction of zip uploads: zip-slip, bombs (declared and lying), too many files, links, nested zips, happy paths.
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unsafePath, unzipSolutions, ZIP_LIMITS } from '../../../grader/uploads/unzip.js';
import { crc32 } from '../../../grader/uploads/zip-entries.js';
import { stage } from '../../../grader/uploads/stage.js';
import { discover } from '../../../grader/layouts/discover.js';
import { solutionText } from '../../../grader/class-report/similarity.js';
import { writeZipSolutions } from '../../../grader/uploads/zip-upload.js';
import { makeZip, utf8, ZIPS } from '../../helpers/zips.js';
import { makeTree, removeTrees } from './helpers.js';

afterAll(removeTrees);

const KNOWN = ['he-init.ts', 'quiz-xor.ts', 'p1.ts'];
const text = (d: Uint8Array): string => new TextDecoder().decode(d);

describe('unzipSolutions', () => {
  it.each([
    ['ok-grade-pack-layout', 'solutions', ['he-init.ts', 'quiz-xor.ts'], []],
    ['ok-top-level', '', ['he-init.ts'], [/left out 1 file .*README\.md/]],
    ['ok-wrapping-folder', 'hw1/solutions', ['he-init.ts'], [/left out 1 file .*hw1\/package\.json/]],
    [
      'ok-nested-zip-not-extracted',
      'solutions',
      ['he-init.ts'],
      [/"solutions\/old\.zip" is a zip inside the zip: not extracted/],
    ],
  ] as const)('%s: files from "%s"', (name, root, files, notes) => {
    const r = unzipSolutions(ZIPS[name](), KNOWN);
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
    expect(r.root).toBe(root);
    expect(r.files.map((f) => f.path)).toEqual(files);
    expect(text(r.files[0].data)).toBe('export const std = 0.125;\n');
    expect(r.notes).toEqual(notes.map((n) => expect.stringMatching(n)));
  });

  it.each([
    ['refused-zip-slip-dotdot', 'ZIP_UNSAFE_PATH', /"\.\.\/\.\.\/evil\.ts" has a '\.\.' segment/],
    ['refused-zip-slip-inner-dotdot', 'ZIP_UNSAFE_PATH', /'\.\.' segment/],
    ['refused-zip-slip-absolute', 'ZIP_UNSAFE_PATH', /an absolute path/],
    ['refused-zip-slip-drive-letter', 'ZIP_UNSAFE_PATH', /a drive letter/],
    ['refused-zip-slip-backslash', 'ZIP_UNSAFE_PATH', /a backslash/],
    ['refused-symlink', 'ZIP_SYMLINK', /"solutions\/he-init\.ts" is a symbolic link/],
    ['refused-symlink-untaken', 'ZIP_SYMLINK', /"docs\/escape" is a symbolic link/],
    ['refused-bomb-declared-size', 'ZIP_TOO_LARGE', /declares 17 MB uncompressed; at most 16 MB/],
    [
      'refused-bomb-lying-size',
      'ZIP_TOO_LARGE',
      /inflates to more than 26 bytes: it inflates beyond its declared size/,
    ],
    ['refused-too-many-files', 'ZIP_TOO_MANY_FILES', /501 entries; at most 500/],
    ['refused-not-a-zip', 'ZIP_UNREADABLE', /not a zip file/],
  ] as const)('%s: %s', (name, code, message) => {
    const r = unzipSolutions(ZIPS[name](), KNOWN);
    expect(r).toMatchObject({ ok: false, code, message: expect.stringMatching(message) });
  });

  it('refuses an upload larger than the zip cap before reading it', () => {
    expect(unzipSolutions(ZIPS['ok-top-level'](), KNOWN, { ...ZIP_LIMITS, maxZipBytes: 100 })).toMatchObject({
      ok: false,
      code: 'ZIP_TOO_LARGE',
    });
  });

  it('refuses damaged data, an encrypted entry and an unknown compression method', () => {
    const zip = makeZip({ 'he-init.ts': 'export const std = 0.125; '.repeat(20) });
    const flip = (at: (z: Uint8Array) => number, value: number) => {
      const z = zip.slice();
      z[at(z)] = value;
      return z;
    };
    const cd = (z: Uint8Array) => {
      let i = z.length - 22;
      while (!(z[i] === 0x50 && z[i + 1] === 0x4b && z[i + 2] === 1 && z[i + 3] === 2)) i--;
      return i;
    };
    expect(
      unzipSolutions(
        flip(() => 40, 0x00),
        KNOWN,
      ),
    ).toMatchObject({ ok: false, code: 'ZIP_UNREADABLE' });
    expect(
      unzipSolutions(
        flip((z) => cd(z) + 8, 0x01),
        KNOWN,
      ),
    ).toMatchObject({ ok: false, code: 'ZIP_UNREADABLE', message: expect.stringMatching(/encrypted/) });
    expect(
      unzipSolutions(
        flip((z) => cd(z) + 10, 14),
        KNOWN,
      ),
    ).toMatchObject({ ok: false, code: 'ZIP_UNREADABLE', message: expect.stringMatching(/compression method 14/) });
    expect(unzipSolutions(zip.subarray(0, zip.length - 30), KNOWN)).toMatchObject({
      ok: false,
      code: 'ZIP_UNREADABLE',
    });
  });

  it('takes the shallowest folder holding a solution, keeps helper sub-folders, skips hidden files and other names', () => {
    const r = unzipSolutions(
      makeZip({
        'a/b/he-init.ts': 'deep',
        'hw/p1.ts': 'p1',
        'hw/lib/util.ts': 'u',
        'hw/.hidden.ts': 'h',
        'hw/node_modules/x/index.ts': 'n',
        'hw/notes.txt': 't',
        'other.ts': 'o',
      }),
      KNOWN,
    );
    if (!r.ok) throw new Error(r.message);
    expect([r.root, r.files.map((f) => f.path)]).toEqual(['hw', ['p1.ts', 'lib/util.ts']]);
  });

  it('says so when no file is named after an exercise; takes the first of two entries with one name', () => {
    const none = unzipSolutions(makeZip({ 'answers.ts': 'x' }), KNOWN);
    expect(none).toMatchObject({
      ok: true,
      files: [{ path: 'answers.ts' }],
      notes: [expect.stringMatching(/no file named after an exercise/)],
    });
    const twice = unzipSolutions(
      makeZip({ 'solutions/he-init.ts': 'first', 'solutions//he-init.ts': 'second' }),
      KNOWN,
    );
    if (!twice.ok) throw new Error(twice.message);
    expect([text(twice.files[0].data), twice.notes]).toEqual(['first', [expect.stringMatching(/appears twice/)]]);
  });
});

describe('unsafePath', () => {
  it.each([
    ['solutions/he-init.ts', undefined],
    ['he-init.ts', undefined],
    ['a..b/x.ts', undefined],
    ['./x.ts', undefined],
    ['../x.ts', "a '..' segment"],
    ['a/../../x.ts', "a '..' segment"],
    ['a/..', "a '..' segment"],
    ['/etc/x', 'an absolute path'],
    ['C:/x.ts', 'a drive letter'],
    ['c:x.ts', 'a drive letter'],
    ['a\\b.ts', 'a backslash (Windows path separator)'],
    ['a\u0000b.ts', 'a control character'],
    ['a\nb.ts', 'a control character'],
  ])('%j: %s', (name, why) => {
    expect(unsafePath(name)).toBe(why);
  });
});

it('crc32 is the IEEE CRC zip uses', () => {
  expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
  expect(crc32(new Uint8Array(0))).toBe(0);
});

describe('staging a zip upload', () => {
  it('extracts next to the loose uploads (a loose file wins) and turns a refusal into one coded warning', () => {
    const src = makeTree({ 'loose.ts': 'export const mine = 1;\n' });
    writeFileSync(
      join(src, 'sub.zip'),
      makeZip({ 'solutions/he-init.ts': 'zipped', 'solutions/loose.ts': 'zipped copy' }),
    );
    writeFileSync(join(src, 'bad.zip'), ZIPS['refused-zip-slip-dotdot']());
    const dest = join(makeTree({}), 'staged');
    const r = stage(
      {
        kind: 'files',
        files: [
          { name: 'bad.zip', path: join(src, 'bad.zip') },
          { name: 'submission.zip', path: join(src, 'sub.zip') },
          { name: 'loose.ts', path: join(src, 'loose.ts') },
        ],
      },
      dest,
      KNOWN,
    );
    expect(readdirSync(dest).sort()).toEqual(['he-init.ts', 'loose.ts']);
    expect(readFileSync(join(dest, 'loose.ts'), 'utf8')).toBe('export const mine = 1;\n');
    expect(readFileSync(join(dest, 'he-init.ts'), 'utf8')).toBe('zipped');
    expect(r.warnings).toEqual([
      expect.stringMatching(
        /^zip refused \[ZIP_UNSAFE_PATH\]: bad\.zip: entry "\.\.\/\.\.\/evil\.ts".*nothing in it was graded/,
      ),
      'submission.zip: loose.ts not taken: another upload already gave loose.ts (loose files come first, then zips by name)',
    ]);
    expect(readdirSync(join(dest, '..'))).toEqual(['staged']);
  });

  it('writes sub-folders of the solution root and nothing else', () => {
    const dest = makeTree({});
    const w = writeZipSolutions(
      makeZip({ 'hw/he-init.ts': 'a', 'hw/lib/util.ts': 'b', 'hw/x.json': '{}' }),
      'up.zip',
      dest,
      KNOWN,
    );
    expect(readdirSync(dest, { recursive: true }).sort()).toEqual(['he-init.ts', 'lib', 'lib/util.ts']);
    expect(w).toEqual([expect.stringMatching(/^up\.zip: left out 1 file/)]);
  });
});

describe('finding zip uploads', () => {
  it('grades a folder holding only zips from them; lists a zip beside solution files as ignored', () => {
    const root = makeTree({
      alice: {},
      'bob/he-init.ts': 'b',
      'carol/hw1/he-init.ts': 'c',
      'dave/real.ts': 'd',
      'erin/notes.txt': 'e',
    });
    for (const s of ['alice', 'bob', 'carol'])
      writeFileSync(join(root, s, 'submission.zip'), ZIPS['ok-grade-pack-layout']());
    writeFileSync(join(root, 'alice', 'b-second.zip'), ZIPS['ok-top-level']());
    symlinkSync(join(root, 'alice', 'submission.zip'), join(root, 'dave', 'linked.zip'));
    const found = discover(root, { known: KNOWN });
    const src = Object.fromEntries(
      found.students.map((s) => [
        s.id,
        s.source.kind === 'files' ? s.source.files.map((f) => f.name) : s.source.dir.slice(root.length + 1),
      ]),
    );
    expect(src).toEqual({
      alice: ['b-second.zip', 'submission.zip'],
      bob: 'bob',
      carol: 'carol/hw1',
      dave: 'dave',
      erin: 'erin',
    });
    expect(found.ignored.map((i) => [i.path, i.student])).toEqual([
      ['bob/submission.zip', 'bob'],
      ['carol/submission.zip', 'carol'],
    ]);
    expect(found.ignored[0].reason).toMatch(/beside solution files/);
  });

  it('reads a zip upload for similarity the way staging does: a loose file first, then the zips by name', () => {
    const root = makeTree({ 'loose.ts': 'export const loose = 1;\n' });
    writeFileSync(join(root, 'a.zip'), ZIPS['refused-symlink']());
    writeFileSync(join(root, 'b.zip'), ZIPS['ok-grade-pack-layout']());
    const files = ['a.zip', 'b.zip', 'loose.ts'].map((name) => ({ name, path: join(root, name) }));
    expect(solutionText({ kind: 'files', files }, 'he-init', KNOWN)).toBe('export const std = 0.125;\n');
    expect(
      solutionText(
        { kind: 'files', files: [...files, { name: 'he-init.ts', path: join(root, 'loose.ts') }] },
        'he-init',
        KNOWN,
      ),
    ).toBe('export const loose = 1;\n');
    expect(solutionText({ kind: 'files', files: files.slice(0, 1) }, 'he-init', KNOWN)).toBeUndefined();
  });
});
