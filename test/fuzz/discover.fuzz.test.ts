// Fuzz: finding the students of a batch folder (per-student folders, Canvas files, a Gradescope export) on random
// trees with odd names, duplicates, symlinks and broken metadata: a Discovery or a TfgradeError, never a crash; ids
// unique, report files unique and safe, every source inside the batch folder and never through a symlink.
import { lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discover } from '../../grader/layouts/discover.js';
import { decodeStudentFile, studentFile } from '../../grader/layouts/student-id.js';
import { TfgradeError } from '../../grader/util/errors.js';
import { cpuNow } from '../helpers/load.js';

const SEED = 20_240_504;
const KNOWN = ['he-init.ts', 'p3.ts', 'quiz-residual-def.ts'];

const weird = fc.constantFrom(
  '..',
  '...',
  ' ',
  '-',
  '%2e%2e',
  'summary',
  'gradebook.csv',
  'Summary',
  '\u202e',
  '\u001b[2J',
  'ü',
  '文件',
  'a b',
  'LATE',
  '_',
  '__',
  '1',
  '0001',
);
const part = fc.oneof(fc.stringMatching(/^[a-z]{1,6}$/), fc.stringMatching(/^\d{1,4}$/), weird);
const utf8 = (s: string) => Buffer.from(s, 'utf8');
/** Names are bytes: anything a file name can hold ('/' and NUL are the only bytes it cannot), UTF-8 or not. */
const names = (utf8Only: boolean) =>
  fc
    .oneof(
      part.map(utf8),
      fc
        .uint8Array({ minLength: 1, maxLength: 10 })
        .map((a) => Buffer.from(a.map((b) => (b === 0x2f || b === 0 ? 0x2d : b)))),
    )
    .filter(
      (b) => !b.equals(utf8('.')) && !b.equals(utf8('..')) && (!utf8Only || Buffer.from(b.toString('utf8')).equals(b)),
    );
const canvasName = (anyName: fc.Arbitrary<Buffer>) =>
  fc
    .tuple(
      part,
      fc.boolean(),
      part,
      part,
      fc.oneof(fc.constantFrom(...KNOWN, 'he-init-1.ts', 'he-init-2.ts', 'p3-1.ts', '..', '.', 'x').map(utf8), anyName),
    )
    .map(([name, late, uid, sid, original]) =>
      Buffer.concat([utf8(`${name}_${late ? 'LATE_' : ''}${uid}_${sid}_`), original]),
    )
    .filter((b) => !b.includes(0x2f));

type Kind = 'file' | 'dir' | 'link-out' | 'link-in' | 'dir-with-solution';
const entry = (name: fc.Arbitrary<Buffer>) =>
  fc.record({ name, kind: fc.constantFrom<Kind>('file', 'dir', 'link-out', 'link-in', 'dir-with-solution') });

const layouts = (anyName: fc.Arbitrary<Buffer>) =>
  fc.oneof(
    fc.record({
      layout: fc.constant('folders' as const),
      entries: fc.uniqueArray(entry(anyName), { maxLength: 8, selector: (e) => e.name.toString('hex') }),
    }),
    fc.record({
      layout: fc.constant('canvas' as const),
      entries: fc.uniqueArray(
        entry(fc.oneof({ weight: 4, arbitrary: canvasName(anyName) }, { weight: 1, arbitrary: anyName })),
        { maxLength: 10, selector: (e) => e.name.toString('hex') },
      ),
    }),
    fc.record({
      layout: fc.constant('gradescope' as const),
      entries: fc.uniqueArray(entry(fc.oneof(fc.stringMatching(/^submission_\d{1,3}$/).map(utf8), anyName)), {
        maxLength: 6,
        selector: (e) => e.name.toString('hex'),
      }),
      metadata: fc.oneof(
        fc.constantFrom(
          '',
          'not: [valid',
          '[]',
          '42',
          '~',
          'a: b',
          '!ruby/object:Foo {}',
          'submission_1: {":submitters": 7}',
        ),
        fc
          .array(
            fc.tuple(
              fc.stringMatching(/^submission_\d{1,2}$/),
              fc.array(
                fc.record(
                  {
                    ':name': fc.oneof(part, fc.constant(undefined)),
                    ':sid': fc.oneof(part, fc.integer(), fc.constant(undefined)),
                    ':email': fc.oneof(part, fc.constant(undefined)),
                  },
                  { requiredKeys: [] },
                ),
                { maxLength: 3 },
              ),
              fc.oneof(fc.constant('2024-01-20 12:00:00.123456 -08:00'), part),
            ),
            { maxLength: 5 },
          )
          .map((subs) =>
            subs
              .map(
                ([k, who, at]) =>
                  `${k}:\n  :submitters:\n${who
                    .map(
                      (w) =>
                        `  - ${
                          Object.entries(w)
                            .filter(([, v]) => v !== undefined)
                            .map(([kk, v]) => `${kk}: ${JSON.stringify(v)}`)
                            .join('\n    ') || ':name: null'
                        }`,
                    )
                    .join('\n')}\n  :created_at: ${JSON.stringify(at)}`,
              )
              .join('\n'),
          ),
      ),
    }),
  );

let base: string;
let n = 0;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'tfgrade-fuzz-discover-'));
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside', 'he-init.ts'), 'export const std = 1;\n');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function build(l: { layout: string; entries: { name: Buffer; kind: Kind }[]; metadata?: string }): string {
  const dir = join(base, `b${n++}`);
  mkdirSync(dir);
  for (const e of l.entries) {
    const p = Buffer.concat([Buffer.from(`${dir}/`), e.name]);
    if (e.kind === 'file') writeFileSync(p, 'export const std = 0.125;\n');
    else if (e.kind === 'link-out') symlinkSync(join(base, 'outside'), p);
    else if (e.kind === 'link-in') symlinkSync('.', p);
    else {
      mkdirSync(p);
      if (e.kind === 'dir-with-solution') {
        mkdirSync(Buffer.concat([p, Buffer.from('/solutions')]));
        writeFileSync(Buffer.concat([p, Buffer.from('/solutions/he-init.ts')]), 'export const std = 0.125;\n');
        symlinkSync(join(base, 'outside'), Buffer.concat([p, Buffer.from('/linked')]));
      }
    }
  }
  if (l.metadata !== undefined) writeFileSync(join(dir, 'submission_metadata.yml'), l.metadata);
  return dir;
}

const inside = (root: string, p: string): boolean => resolve(p).startsWith(resolve(root) + sep);

describe('fuzz: batch discovery', () => {
  it('random batch folders', () => {
    fc.assert(fc.property(layouts(names(true)), check), { seed: SEED, numRuns: 150 });
  });

  // A zip made on another system can hold names in another encoding (CP437, Windows-1252): listed, never fatal.
  it('random batch folders with names that are not UTF-8', () => {
    fc.assert(fc.property(layouts(names(false)), check), { seed: SEED, numRuns: 100 });
  });
});

function check(l: { layout: string; entries: { name: Buffer; kind: Kind }[]; metadata?: string }): void {
  const folder = build(l);
  const t0 = cpuNow(); // CPU time: a loaded machine must not fail it
  let d: ReturnType<typeof discover>;
  try {
    d = discover(folder, { known: KNOWN });
  } catch (e) {
    if (e instanceof TfgradeError) return; // a clear, coded error (e.g. unreadable Gradescope metadata)
    throw new Error(
      `discover threw on ${JSON.stringify({ ...l, entries: l.entries.map((x) => ({ ...x, name: x.name.toString('hex') })) })}: ${(e as Error)?.stack ?? e}`,
    );
  }
  expect(cpuNow() - t0).toBeLessThan(2000);
  const ids = d.students.map((s) => s.id);
  expect(new Set(ids).size).toBe(ids.length);
  const files = d.students.map((s) => s.file);
  expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(files.length);
  for (const s of d.students) {
    expect(s.file).not.toMatch(/[/\\\0]|^\./);
    expect(s.file).toBe(studentFile(s.id));
    const decoded = decodeStudentFile(s.file);
    if (decoded !== undefined) expect(decoded).toBe(s.id);
    const paths = s.source.kind === 'files' ? s.source.files.map((f) => f.path) : [s.source.dir];
    for (const p of paths) {
      expect(inside(folder, p), `${s.id}: ${p} outside ${folder}`).toBe(true);
      // Never through a link: no component between the batch folder and the source is a symbolic link.
      let cur = resolve(p);
      while (cur !== resolve(folder)) {
        expect(lstatSync(cur).isSymbolicLink(), `${cur} is a link`).toBe(false);
        cur = resolve(cur, '..');
      }
    }
  }
}
