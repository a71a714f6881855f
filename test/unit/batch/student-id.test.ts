// Student ids as file names: no traversal out of --out, no collisions, no shadowing of batch outputs; staging never follows links.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { decodeStudentFile, isReportFileName, OUTPUT_FILES, studentFile } from '../../../grader/layouts/student-id.js';
import { stage } from '../../../grader/uploads/stage.js';
import { makeTree, removeTrees } from './helpers.js';

afterAll(removeTrees);

describe('studentFile', () => {
  it.each([
    ['alice', 'alice'],
    ['jane.doe@uni.edu', 'jane.doe@uni.edu'],
    ['12345', '12345'],
    ['../x', '%2E./x'.replace('/', '%2F')],
    ['..', '%2E.'],
    ['.hidden', '%2Ehidden'],
    ['a/b', 'a%2Fb'],
    ['a\\b', 'a%5Cb'],
    ['50%', '50%25'],
    ['zoë li', 'zo%C3%AB%20li'],
    ['summary', '%73ummary'],
    ['lti-scores', '%6Cti-scores'],
    ['published', '%70ublished'],
    ['nul\0x', 'nul%00x'],
    ['\uD800x', '%uD800x'],
    ['\uFFFD', '%EF%BF%BD'],
    ['😀', '%F0%9F%98%80'],
  ])('%j -> %s', (id, file) => {
    expect(studentFile(id)).toBe(file);
    expect(decodeStudentFile(file)).toBe(id);
  });

  // Any UTF-16 string, lone surrogates included (names from YAML may hold them).
  const id = fc.string({
    minLength: 1,
    maxLength: 12,
    unit: fc.oneof(
      fc.constantFrom('.', '/', '%', 's', 'summary', '\uD800', '\uDC00'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
  });

  it('never leaves --out, never shadows an output file, and never maps two ids to one file', () => {
    const out = resolve('/tmp/out');
    fc.assert(
      fc.property(id, id, (a, b) => {
        const f = studentFile(a);
        const path = resolve(out, `${f}.json`);
        expect(path.startsWith(out + sep)).toBe(true);
        expect(path.slice(out.length + 1)).toBe(`${f}.json`);
        expect(isReportFileName(`${f}.json`)).toBe(true);
        expect((OUTPUT_FILES as readonly string[]).includes(`${f}.json`)).toBe(false);
        // A plain stem decodes to its id; a bounded one (capitals, long) ends in the hash of the id.
        const decoded = decodeStudentFile(f);
        if (decoded === undefined) expect(f).toMatch(/~[0-9a-f]{16}$/);
        else expect(decoded).toBe(a);
        // Apart even on a case-insensitive disk.
        if (a !== b) expect(studentFile(b).toLowerCase()).not.toBe(f.toLowerCase());
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an empty id', () => {
    expect(() => studentFile('')).toThrow();
  });

  it.each([
    ['alice.json', true],
    ['summary.json', false],
    ['lti-scores.json', false],
    ['gradebook.csv', false],
    ['published.json', false],
    ['alice.json.123.456.tmp', false],
    ['.x.json', false],
  ])('%s is a student report file: %s', (name, want) => {
    expect(isReportFileName(name)).toBe(want);
  });
});

describe('stage', () => {
  it('copies regular files under their original names and skips links, odd names and oversized files', () => {
    const src = makeTree({
      'a_1_2_he-init.ts': 'export const std = 1;\n',
      'secret-link': { link: '/etc/passwd' },
      'x_1_2_..': 'oops',
    });
    const dest = join(makeTree({}), 'staged');
    const r = stage(
      {
        kind: 'files',
        files: [
          { name: 'he-init.ts', path: join(src, 'a_1_2_he-init.ts') },
          { name: 'p1.ts', path: join(src, 'secret-link') },
          { name: '..', path: join(src, 'x_1_2_..') },
        ],
      },
      dest,
    );
    expect(readdirSync(dest)).toEqual(['he-init.ts']);
    expect(readFileSync(join(dest, 'he-init.ts'), 'utf8')).toContain('std');
    expect(r.warnings).toEqual([
      expect.stringMatching(/p1\.ts.*symbolic link/),
      expect.stringMatching(/"\.\.".*plain file name/),
    ]);
  });

  it('copies a Gradescope tree without entering linked folders or hidden entries', () => {
    const src = makeTree({
      'he-init.ts': 'x',
      'sub/p1.ts': 'y',
      escape: { link: '/etc' },
      '.git/config': 'z',
      'file-link.ts': { link: '/etc/hostname' },
    });
    const dest = join(makeTree({}), 'staged');
    const r = stage({ kind: 'tree', dir: src }, dest);
    expect(readdirSync(dest).sort()).toEqual(['he-init.ts', 'sub']);
    expect(existsSync(join(dest, 'sub', 'p1.ts'))).toBe(true);
    expect(r.warnings.sort()).toEqual([
      expect.stringMatching(/^skipped escape \(a symbolic link/),
      expect.stringMatching(/^skipped file-link\.ts \(a symbolic link/),
    ]);
  });
});
