// TA-side hostile names: every hostile id, upload name and zip entry gets a bounded, distinct file name and reaches the
// TA's terminal, summary.html and text report only as visible escapes; a hostile batch loses no report, even on --resume.
import { afterAll, describe, expect, it } from 'vitest';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { legacyStudentFile, MAX_PLAIN_STEM, studentFile } from '../../grader/layouts/student-id.js';
import { showControl, stripControl } from '../../grader/util/control-chars.js';
import { anchorPart, escapeHtml } from '../../grader/class-report/html-escape.js';
import { startProgress } from '../../grader/batch/progress.js';
import { renderSimilarityText } from '../../grader/class-report/table.js';
import { reviewQueue, runReviewSession } from '../../grader/review/review-session.js';
import { renderText } from '../../grader/report/text.js';
import { palette } from '../../grader/report/palette.js';
import type { Report } from '../../grader/model/report.js';
import type { Summary } from '../../grader/class-report/summary.js';
import { reportErrors } from '../../grader/model/validate-report.js';
import { runCli } from '../helpers/cli.js';
import { makeZip } from '../helpers/zips.js';
import { fakeReport } from '../unit/batch/helpers.js';

/** What may never reach a terminal or a page raw: C0 but tab/newline, ESC, DEL, C1, bidi marks/overrides/isolates. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
/** NAME_MAX, with room for the atomic write's `.<pid>.<ms>.tmp` beside `<stem>.json`. */
const bytesOnDisk = (stem: string): number => Buffer.byteLength(`${stem}.json.4194304.1764000000000.tmp`);

const CYRILLIC_42 = 'ЖаннаАлександровнаКонстантинопольская'.padEnd(42, 'я');
const LONG_235 = 'x'.repeat(235);
const OSC = 'eve\x1b]0;pwned\x07\x1b[2J';
const BIDI = 'mallory\u202egnp.exe';
const C1 = 'csi\u009b31m';

// Each hostile id and the file stem it must get: plain (the id encoded, decodable) or bounded (a prefix + 16 hex).
const IDS: [string, string, RegExp][] = [
  [
    'Cyrillic, 42 letters (252 bytes percent-encoded)',
    CYRILLIC_42,
    /^%D0%96%D0%B0%D0%BD%D0%BD%D0%B0(%D[01]%[0-9A-F]{2}){11}~[0-9a-f]{16}$/,
  ],
  ['235 ASCII letters', LONG_235, /^x{96}~[0-9a-f]{16}$/],
  ['ESC/OSC (its J is a capital: bounded)', OSC, /^eve%1B%5D0%3Bpwned%07%1B%5B2J~[0-9a-f]{16}$/],
  ['bidi override', BIDI, /^mallory%E2%80%AEgnp.exe$/],
  ['C1 CSI', C1, /^csi%C2%9B31m$/],
  ['capital (case-insensitive disks)', 'Carol', /^Carol~[0-9a-f]{16}$/],
  ['lower case', 'carol', /^carol$/],
  ['NFC é', 'jos\u00e9', /^jos%C3%A9$/],
  ['NFD é', 'jose\u0301', /^jose%CC%81$/],
  ['emoji', '😀dev', /^%F0%9F%98%80dev$/],
  ['dot-dot and slashes', '../a/b', /^%2E.%2Fa%2Fb$/],
];

describe('bounded report names', () => {
  it.each(IDS)('%s', (_what, id, stem) => {
    const f = studentFile(id);
    expect(f).toMatch(stem);
    expect(f).not.toMatch(/[/\\\0]|^\./);
    expect(f.length).toBeLessThanOrEqual(MAX_PLAIN_STEM);
    expect(bytesOnDisk(f)).toBeLessThanOrEqual(255);
  });

  it('the old encoding of the same ids is what crashed: over NAME_MAX', () => {
    expect(bytesOnDisk(legacyStudentFile(CYRILLIC_42))).toBeGreaterThan(255);
    expect(bytesOnDisk(legacyStudentFile(LONG_235))).toBeGreaterThan(255);
  });

  it('no two ids share a name, not even up to case or Unicode normalization', () => {
    const ids = [
      ...IDS.map((x) => x[1]),
      'CAROL',
      'cArol',
      `${LONG_235}y`,
      `${LONG_235}Y`,
      `${CYRILLIC_42}я`,
      'x'.repeat(96),
      'summary',
      'Summary',
    ];
    const names = ids.map((id) => studentFile(id).toLowerCase());
    expect(new Set(names).size).toBe(ids.length);
    // NFC and NFD are different ids (ids are never normalized): different files, pure ASCII, so no disk merges them.
    expect(studentFile('jos\u00e9')).not.toBe(studentFile('jose\u0301'));
  });
});

describe('bounded HTML anchors', () => {
  it.each([
    ['Cyrillic, 42 letters', CYRILLIC_42, /^(~D[01]~[0-9A-F]{2}){16}~h[0-9a-f]{16}$/],
    ['235 ASCII letters', LONG_235, /^x{96}~h[0-9a-f]{16}$/],
    ['short ids keep their encoding', 'Carol', /^Carol$/],
  ])('%s', (_what, id, anchor) => {
    expect(anchorPart(id)).toMatch(anchor);
    expect(anchorPart(id).length).toBeLessThanOrEqual(120);
  });

  it('stay apart', () => {
    const ids = [CYRILLIC_42, `${CYRILLIC_42}я`, LONG_235, `${LONG_235}x`, 'x'.repeat(120), 'x'.repeat(121)];
    expect(new Set(ids.map(anchorPart)).size).toBe(ids.length);
  });
});

describe('the one sanitizer', () => {
  it.each([
    ['ESC/OSC title', OSC, 'eve\\x1b]0;pwned\\x07\\x1b[2J'],
    ['C1 CSI', C1, 'csi\\x9b31m'],
    ['bidi override', BIDI, 'mallory\\u202egnp.exe'],
    ['bidi isolates and marks', '\u2066a\u2069\u200e\u200f\u061c', '\\u2066a\\u2069\\u200e\\u200f\\u061c'],
    ['DEL and NUL', 'a\x7fb\0', 'a\\x7fb\\x00'],
    ['newline on one line', 'a\nb', 'a\\x0ab'],
    ['plain Unicode untouched', 'Жанна 😀 é', 'Жанна 😀 é'],
  ])('%s', (_what, raw, shown) => {
    expect(showControl(raw)).toBe(shown);
    expect(showControl(raw)).not.toMatch(RAW);
  });

  it('keeps lines when asked, and stripControl removes U+061C too', () => {
    expect(showControl('a\n\tb\u202e', { keepLines: true })).toBe('a\n\tb\\u202e');
    expect(stripControl('a\u061cb')).toBe('ab');
  });

  it('summary.html escaping shows controls and bidi as text', () => {
    expect(escapeHtml(`<b>${BIDI}</b>${C1}`)).toBe('&lt;b&gt;mallory\\u202egnp.exe&lt;/b&gt;csi\\x9b31m');
  });
});

describe('terminal views', () => {
  const report = (id: string): Report => ({
    ...fakeReport(id, { q: ['needs-review'] }),
    warnings: [`submission.zip: other files not graded: read\u202eme.txt, c1\u009b.md`],
  });

  it('batch progress in logs', () => {
    let err = '';
    const p = startProgress({ write: (s: string) => (err += s) } as never, 1);
    p.graded(OSC, report(OSC));
    expect(err).toBe('graded 1/1 eve\\x1b]0;pwned\\x07\\x1b[2J (0/1)\n');
  });

  it('grade similarity pairs', () => {
    const text = renderSimilarityText(
      {
        threshold: 0.5,
        exercises: [
          {
            exercise: 'he-init',
            students: 2,
            tooShort: [],
            pairs: [{ a: OSC, b: BIDI, similarity: 0.9, regions: [] }],
          },
        ],
      } as never,
      'reports',
    );
    expect(text).not.toMatch(RAW);
    expect(text).toContain('eve\\x1b]0;pwned\\x07\\x1b[2J and mallory\\u202egnp.exe');
  });

  it('the review screen title and the answer', async () => {
    const r = report(OSC);
    r.exercises[0].parts[0].answer = `because\x1b[8m hidden${C1}`;
    let screen = '';
    const input = new PassThrough();
    input.end('q\n');
    await runReviewSession(
      reviewQueue([{ id: OSC, file: 'x', identity: {}, report: r }]),
      new Map(),
      { input, write: (s) => (screen += s) },
      () => undefined,
    );
    expect(screen).not.toMatch(RAW);
    expect(screen).toContain('q.p1 · eve\\x1b]0;pwned\\x07\\x1b[2J');
    expect(screen).toContain('because\\x1b[8m hiddencsi\\x9b31m');
  });

  it('the text report: student, path and warnings', () => {
    const text = renderText(report(OSC), palette(false));
    expect(text).not.toMatch(RAW);
    expect(text).toContain('read\\u202eme.txt, c1\\x9b.md');
    expect(text).toContain('eve\\x1b]0;pwned\\x07\\x1b[2J');
  });
});

// ---- the real binary on hostile batches (a one-part quiz: fast) ----

const base = mkdtempSync(join(tmpdir(), 'tfgrade-hostile-ta-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const QUIZ = 'quiz-residual-def';
const RIGHT = 'export const answer = true;\n';
const WRONG = 'export const answer = false;\n';
const FLAGS = ['-e', QUIZ, '--jobs', '2', '--sandbox', 'basic', '--timeout', '5'];

/** Folder names (ids) of the per-student batch and the answer each gives. */
const FOLDER_IDS: Record<string, string> = {
  [CYRILLIC_42]: RIGHT,
  [LONG_235]: RIGHT,
  [OSC]: WRONG,
  [BIDI]: RIGHT,
  [C1]: RIGHT,
  Carol: RIGHT,
  carol: WRONG,
  'jos\u00e9': RIGHT,
  'jose\u0301': WRONG,
  '😀dev': RIGHT,
  plain: RIGHT,
};

function foldersBatch(name: string): string {
  const dir = join(base, name);
  for (const [id, text] of Object.entries(FOLDER_IDS)) {
    mkdirSync(join(dir, id), { recursive: true });
    writeFileSync(join(dir, id, `${QUIZ}.ts`), text);
  }
  return dir;
}

/** Every output a batch must write, each student once, with the full id inside. */
function checkOutputs(out: string, ids: string[]): Summary {
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
  expect(summary.roster.map((r) => r.id).sort()).toEqual([...ids].sort());
  for (const row of summary.roster) {
    expect(Buffer.byteLength(row.report)).toBeLessThanOrEqual(130);
    const r = JSON.parse(readFileSync(join(out, row.report), 'utf8')) as Report;
    expect(reportErrors(r)).toEqual([]);
    expect(r.submission.student).toBe(row.id);
  }
  // One gradebook row per student (+ the header and Points Possible); its cells are the CSV writer's business.
  expect(readFileSync(join(out, 'gradebook.csv'), 'utf8').trimEnd().split('\r\n')).toHaveLength(ids.length + 2);
  const html = readFileSync(join(out, 'summary.html'), 'utf8');
  expect(html).not.toMatch(RAW);
  return summary;
}

const terminalSafe = (r: { stdout: string; stderr: string }): void => {
  expect(r.stdout).not.toMatch(RAW);
  expect(r.stderr).not.toMatch(RAW);
};

describe('grade batch on hostile names (real binary)', () => {
  it('per-student folders: every report, the gradebook and the summary; --resume keeps finished results', async () => {
    const folder = foldersBatch('folders');
    const out = join(base, 'folders-out');
    const r = await runCli(['batch', folder, '--out', out, ...FLAGS]);
    expect(r.code, r.stderr.slice(-2000)).toBe(1);
    terminalSafe(r);
    expect(r.stderr).toContain('eve\\x1b]0;pwned\\x07\\x1b[2J');
    const ids = Object.keys(FOLDER_IDS);
    const summary = checkOutputs(out, ids);
    const score = (id: string) => summary.roster.find((x) => x.id === id)!.score;
    // Case and normalization twins are graded apart, each on their own answer.
    expect([score('Carol'), score('carol'), score('jos\u00e9'), score('jose\u0301')]).toEqual([1, 0, 1, 0]);
    const html = readFileSync(join(out, 'summary.html'), 'utf8');
    expect(html).toContain('mallory\\u202egnp.exe');

    // An interruption: two reports and the aggregates gone; one report left under the name tfgrade used to give it.
    const file = (id: string) => join(out, summary.roster.find((x) => x.id === id)!.report);
    const keptText = readFileSync(file(CYRILLIC_42), 'utf8');
    const keptMtime = statSync(file(CYRILLIC_42)).mtimeMs;
    unlinkSync(file(LONG_235));
    unlinkSync(file(OSC));
    const carol = readFileSync(file('Carol'), 'utf8');
    renameSync(file('Carol'), join(out, 'Carol.json'));
    for (const f of ['summary.json', 'gradebook.csv', 'summary.html', 'lti-scores.json']) unlinkSync(join(out, f));

    const again = await runCli(['batch', folder, '--out', out, '--resume', ...FLAGS]);
    expect(again.code, again.stderr.slice(-2000)).toBe(1);
    terminalSafe(again);
    expect(again.stderr).toContain(`resuming: ${ids.length - 2} finished reports kept, 2 to grade`);
    const resumed = checkOutputs(out, ids);
    expect(resumed).toEqual(summary);
    expect(readFileSync(file(CYRILLIC_42), 'utf8')).toBe(keptText);
    expect(statSync(file(CYRILLIC_42)).mtimeMs).toBe(keptMtime);
    // The old-named report was kept as it was and moved to its bounded name.
    expect(readFileSync(file('Carol'), 'utf8')).toBe(carol);
    expect(readdirSync(out)).not.toContain('Carol.json');
  });

  it('Canvas: hostile names, a `..` upload, and a zip whose entry names hold C1 and bidi characters', async () => {
    const dir = join(base, 'canvas');
    mkdirSync(dir);
    writeFileSync(join(dir, `eve\x1b]0;pwned\x07_101_201_${QUIZ}.ts`), RIGHT);
    writeFileSync(join(dir, 'dots_102_202_..'), 'oops');
    writeFileSync(join(dir, `dots_102_202_${QUIZ}.ts`), RIGHT);
    writeFileSync(
      join(dir, 'zipper\u202e_103_203_submission.zip'),
      makeZip({ [`solutions/${QUIZ}.ts`]: RIGHT, 'solutions/read\u202eme.txt': 'x', 'solutions/c1\u009b.md': 'x' }),
    );
    writeFileSync(
      join(dir, 'slip_104_204_evil.zip'),
      makeZip({ [`solutions/${QUIZ}.ts`]: RIGHT, '../\u202e\u009b.ts': 'x' }),
    );
    writeFileSync(join(dir, `\u009b2J${'я'.repeat(60)}_105_205_${QUIZ}.ts`), RIGHT);
    const out = join(base, 'canvas-out');
    const r = await runCli(['batch', dir, '--out', out, ...FLAGS]);
    expect(r.code, r.stderr.slice(-2000)).toBe(1);
    terminalSafe(r);
    expect(r.stderr).toMatch(/warning: 104: zip refused \[ZIP_UNSAFE_PATH\].*\\u202e\\x9b/);
    const summary = checkOutputs(out, ['101', '102', '103', '104', '105']);
    expect(summary.roster.find((x) => x.id === '101')!.name).toBe('eve\x1b]0;pwned\x07');
    const html = readFileSync(join(out, 'summary.html'), 'utf8');
    expect(html).toContain('read\\u202eme.txt');
    expect(html).toContain('c1\\x9b.md');
    const dots = JSON.parse(readFileSync(join(out, '102.json'), 'utf8')) as Report;
    expect(dots.score).toBe(1);
    expect(dots.warnings.join('\n')).toContain('skipped ".." (not a plain file name)');
  });

  it('Gradescope: a `:name:` id with ESC/OSC, one with bidi, and a 235-letter one', async () => {
    const dir = join(base, 'gradescope');
    const names = [OSC, BIDI, LONG_235];
    names.forEach((_, i) => {
      mkdirSync(join(dir, `submission_${i + 1}`), { recursive: true });
      writeFileSync(join(dir, `submission_${i + 1}`, `${QUIZ}.ts`), RIGHT);
    });
    const yaml = names
      .map(
        (n, i) =>
          `submission_${i + 1}:\n  :submitters:\n  - :name: ${JSON.stringify(n)}\n  :created_at: 2024-03-01 10:00:00.000000000 -08:00\n`,
      )
      .join('');
    writeFileSync(join(dir, 'submission_metadata.yml'), yaml);
    const out = join(base, 'gradescope-out');
    const r = await runCli(['batch', dir, '--out', out, ...FLAGS]);
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    terminalSafe(r);
    checkOutputs(out, names);
    const sim = await runCli(['similarity', dir, '--out', out]);
    expect(sim.code, sim.stderr).toBe(0);
    terminalSafe(sim);
  });
});
