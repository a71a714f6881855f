// summary.html in a real browser: headless Chromium loads the page of a real batch, draws it, and follows its anchors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { anchorPart } from '../../grader/class-report/html-escape.js';
import { isReportFileName } from '../../grader/layouts/student-id.js';
import type { Report } from '../../grader/model/report.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { countColor, decodePng, differing, inkStats, type Image } from '../helpers/png.js';

const CHROMIUM = ['chromium', 'chromium-browser']
  .flatMap((name) =>
    (process.env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, name)),
  )
  .find((p) => existsSync(p));
const VERSION = CHROMIUM
  ? execFileSync(CHROMIUM, ['--version'], { timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim()
  : '';
/** Headless Chromium can hang (a GPU probe, a lock): past this it is killed, with every process it started. */
const CHROMIUM_TIMEOUT_MS = 60_000;

const SUBS = join(ROOT, 'test', 'fixtures', 'submissions');
/** Three students: all correct, wrong with a diagnosis and a hint, and one whose id is hostile markup. */
const HOSTILE = `o'brien "<b>x<%b>" & co`;
const STUDENTS: Record<string, string[]> = {
  alice: ['p2--correct/p2.ts', 'batchnorm--correct/batchnorm.ts'],
  bob: ['p2--wrong-grad-norms-last-layer-first/p2.ts', 'batchnorm--wrong-forgets-gamma-beta/batchnorm.ts'],
  [HOSTILE]: ['p2--partial-one-wrong-fix/p2.ts', 'batchnorm--wrong-ignores-eps/batchnorm.ts'],
};
/** The :target highlight of a part (summary-html.ts CSS #fff6d5), and the histogram's bars (#4c78a8). */
const TARGET_RGB = [0xff, 0xf6, 0xd5] as const;
const BAR_RGB = [0x4c, 0x78, 0xa8] as const;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

let base = '';

/** One headless Chromium run in its own profile and process group, killed as a group if it outlives the timeout. */
function chromium(args: string[]): Promise<Run> {
  const profile = mkdtempSync(join(base, 'profile-'));
  const child = spawn(
    CHROMIUM!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--no-first-run',
      `--user-data-dir=${profile}`,
      ...args,
    ],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const killGroup = (): void => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  return new Promise((resolve) => {
    let stdout = '',
      stderr = '',
      timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, CHROMIUM_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      killGroup(); // a helper process left behind would outlive the test
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

function ok(r: Run, what: string): Run {
  expect(r.timedOut, `${what}: chromium hung for ${CHROMIUM_TIMEOUT_MS} ms`).toBe(false);
  expect(r.code, `${what}: chromium exited ${r.code}\n${r.stderr.slice(-2000)}`).toBe(0);
  return r;
}

describe.skipIf(!CHROMIUM)(
  `summary.html renders in headless Chromium${CHROMIUM ? ` (${VERSION})` : ' (skipped: chromium is not installed)'}`,
  () => {
    let out = '';
    const reports: Report[] = [];
    let dom = '',
      fragmentDom = '',
      top: Image,
      fragment: Image,
      target = '',
      targetStudent = '';

    afterAll(() => rmSync(base, { recursive: true, force: true }));
    beforeAll(async () => {
      base = mkdtempSync(join(tmpdir(), 'tfgrade-chromium-e2e-'));
      out = join(base, 'out');
      for (const [id, files] of Object.entries(STUDENTS)) {
        mkdirSync(join(base, 'in', id), { recursive: true });
        for (const f of files) copyFileSync(join(SUBS, f), join(base, 'in', id, f.split('/')[1]));
      }
      const batch = await runCli(['batch', join(base, 'in'), '-e', 'batchnorm', 'p2', '--out', out, '-j', '3']);
      expect(batch.code, batch.stderr).toBe(1);
      for (const f of readdirSync(out).filter(isReportFileName).sort())
        reports.push(JSON.parse(readFileSync(join(out, f), 'utf8')) as Report);
      // Headless --screenshot draws the top of the document even when a fragment scrolled it (only the tiles scrolled to
      // get painted): a part of the first opened section lies well within 2000 px, so its highlight is in the picture.
      targetStudent = anchorPart(HOSTILE);
      target = `${targetStudent}.batchnorm.batchNorm`;
      const page = pathToFileURL(join(out, 'summary.html')).href;
      const size = '--window-size=1200,2000';
      const [shotTop, shotFragment, dumpTop, dumpFragment] = await Promise.all([
        chromium([`--screenshot=${join(base, 'top.png')}`, size, page]),
        chromium([`--screenshot=${join(base, 'fragment.png')}`, size, `${page}#${target}`]),
        chromium(['--dump-dom', page]),
        chromium(['--dump-dom', `${page}#${target}`]),
      ]);
      ok(shotTop, 'screenshot');
      ok(shotFragment, 'screenshot at a part anchor');
      dom = ok(dumpTop, 'dump-dom').stdout;
      fragmentDom = ok(dumpFragment, 'dump-dom at a part anchor').stdout;
      top = decodePng(readFileSync(join(base, 'top.png')));
      fragment = decodePng(readFileSync(join(base, 'fragment.png')));
    }, 180_000);

    it('the DOM Chromium built holds a section per student, linked from the roster, with an anchor per part', () => {
      expect(reports.map((r) => r.submission.student).sort()).toEqual(Object.keys(STUDENTS).sort());
      for (const r of reports) {
        const anchor = anchorPart(r.submission.student!);
        expect(dom).toContain(`<details class="student" id="${anchor}">`);
        expect(dom).toContain(`<a href="#${anchor}">`);
        for (const e of r.exercises) for (const p of e.parts) expect(dom).toContain(`id="${anchor}.${e.id}.${p.id}"`);
      }
      // The hostile id stayed text: the parser made no element of it.
      expect(dom).not.toMatch(/<b>x|<script/i);
      expect(dom).toContain('o\'brien "&lt;b&gt;x&lt;%b&gt;" &amp; co');
    });

    it('a failed part carries its evidence from the report: expected and got, the diagnosis, the hint', () => {
      const bob = reports.find((r) => r.submission.student === 'bob')!;
      const part = bob.exercises.find((e) => e.id === 'p2')!.parts.find((p) => p.id === 'layerGradNorms')!;
      const failing = part.cases!.find((c) => !c.passed)!;
      const html = dom.slice(
        dom.indexOf('id="bob.p2.layerGradNorms"'),
        dom.indexOf('</details>', dom.indexOf('id="bob.p2.layerGradNorms"')),
      );
      expect(html).toContain(`expected <code>${failing.expected}</code>`);
      expect(html).toContain(`got <code>${failing.actual}</code>`);
      expect(html).toContain(failing.diagnosis!.message);
      const hinted = reports
        .flatMap((r) => r.exercises.flatMap((e) => e.parts.flatMap((p) => p.cases ?? [])))
        .find((c) => c.hint);
      expect(dom).toContain(hinted!.hint!.replace(/&/g, '&amp;'));
    });

    it('the screenshot is a 1200×2000 PNG with the page drawn on it (text, tables, the histogram)', () => {
      expect([top.width, top.height]).toEqual([1200, 2000]);
      const { ink, colors } = inkStats(top);
      expect(ink).toBeGreaterThan(0.02);
      expect(colors).toBeGreaterThan(20);
      expect(countColor(top, BAR_RGB, 2)).toBeGreaterThan(1000);
      expect(countColor(top, TARGET_RGB)).toBe(0);
    });

    it("a #student.exercise.part link opens that student's section and highlights the part", () => {
      const opened = [...fragmentDom.matchAll(/<details class="student" id="([^"]*)"( open="")?>/g)].map((m) => [
        m[1],
        Boolean(m[2]),
      ]);
      expect(opened).toEqual(
        reports.map((r) => [anchorPart(r.submission.student!), anchorPart(r.submission.student!) === targetStudent]),
      );
      expect(dom).not.toMatch(/<details class="student"[^>]* open/);
      expect([fragment.width, fragment.height]).toEqual([1200, 2000]);
      expect(differing(top, fragment)).toBeGreaterThan(0.01);
      expect(countColor(fragment, TARGET_RGB)).toBeGreaterThan(1000);
    });
  },
);
