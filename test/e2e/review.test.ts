// A TA's loop end to end with the real binary: batch a correct class, review it in a pseudo-terminal (accept, score,
// comment, back, quit, resume), then regrade with --force: reviews of unchanged answers stay, a changed one goes stale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../../grader/model/report.js';
import type { Summary } from '../../grader/class-report/summary.js';
import { reportErrors } from '../../grader/model/validate-report.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { HAVE_SCRIPT, startPty } from '../helpers/pty.js';

const base = mkdtempSync(join(tmpdir(), 'tfgrade-review-e2e-'));
const CLASS = ['ana', 'ben', 'cho', 'dev'];
const out = join(base, 'out');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const read = <T>(file: string): T => JSON.parse(readFileSync(join(out, file), 'utf8')) as T;
const explanation = (s: string) => read<Report>(`${s}.json`).exercises[0].parts.find((p) => p.id === 'explanation')!;
/** The gradebook's last column per student: the one exercise graded (p2), so its total (the LMS's view of the class). */
const totals = () =>
  Object.fromEntries(
    readFileSync(join(out, 'gradebook.csv'), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(2)
      .map((l) => l.split(','))
      .map((f) => [f[0], f.at(-1)]),
  );
const screenOf = (s: string) => new RegExp(`p2\\.explanation · ${s} +\\(\\d+ of 4 left\\)[\\s\\S]*?\\n> `);

beforeAll(async () => {
  for (const s of CLASS)
    cpSync(join(ROOT, 'test/fixtures/submissions/p2--correct'), join(base, 'class', s), { recursive: true });
  const r = await runCli(['batch', join(base, 'class'), '--out', out, '-e', 'p2'], { cwd: base });
  expect(r.code, r.stderr).toBe(0);
  expect(totals()).toEqual({ ana: '5', ben: '5', cho: '5', dev: '5' });
}, 240_000);

describe.skipIf(!HAVE_SCRIPT)(
  `grade review in a terminal${HAVE_SCRIPT ? '' : ' (skipped: util-linux `script` is not installed)'}`,
  () => {
    it('accepts, scores with a comment, goes back, quits and resumes; the gradebook then gives the class full marks', async () => {
      const first = startPty([process.execPath, BIN, 'review', 'out', '--by', 'ta1'], { cwd: base });
      const ana = await first.until(screenOf('ana'));
      expect(ana).toMatch(/prompt: .*why does this network fail to train/);
      expect(ana).toMatch(/rubric: sigmoid saturation \(1\)/);
      expect(ana).toMatch(/suggested: 2\/2/);
      expect(ana).toMatch(/│ Each sigmoid layer multiplies/);
      first.type('a');
      await first.until(/comment \(Enter for none\) > /);
      first.type('');
      await first.until(screenOf('ben'));
      first.type('1.5');
      await first.until(/comment \(Enter for none\) > /);
      first.type('misses why ReLU helps');
      await first.until(screenOf('cho'));
      first.type('b');
      // Back on ben: the decision is shown, and a new score replaces it.
      expect(await first.until(screenOf('ben'))).toMatch(/decided: +1\.5\/2 by ta1 — misses why ReLU helps/);
      first.type('2');
      await first.until(/comment \(Enter for none\) > /);
      first.type('complete on second reading');
      await first.until(screenOf('cho'));
      first.type('q');
      expect(await first.exit()).toBe(0);
      expect(first.output()).toMatch(/2 parts decided, 2 still to review/);
      expect(totals()).toEqual({ ana: '7', ben: '7', cho: '5', dev: '5' });

      // Starting again resumes at the first answer not yet decided.
      const second = startPty([process.execPath, BIN, 'review', 'out', '--by', 'ta2'], { cwd: base });
      expect(await second.until(screenOf('cho'))).toMatch(/\(2 of 4 left\)/);
      second.type('a');
      await second.until(/comment \(Enter for none\) > /);
      second.type('');
      await second.until(screenOf('dev'));
      second.type('2');
      await second.until(/comment \(Enter for none\) > /);
      second.type('');
      expect(await second.exit()).toBe(0);
      expect(second.output()).toMatch(/4 parts decided, 0 still to review/);

      expect(totals()).toEqual({ ana: '7', ben: '7', cho: '7', dev: '7' });
      expect(explanation('ben')).toMatchObject({
        score: 2,
        status: 'passed',
        reason: 'reviewed',
        review: {
          by: 'ta1',
          comment: 'complete on second reading',
          automatic: { score: 0, status: 'needs-review', reason: 'needs-review' },
        },
      });
      expect(reportErrors(read<Report>('ben.json'))).toEqual([]);
      expect(read<Summary>('summary.json').reviews).toEqual({ decided: 4, pending: 0, stale: [] });
      expect(read<{ gradingProgress: string }[]>('lti-scores.json').map((x) => x.gradingProgress)).toEqual(
        Array(4).fill('FullyGraded'),
      );
      expect(readFileSync(join(out, 'summary.html'), 'utf8')).toMatch(/complete on second reading/);
    }, 120_000);

    it("keeps reviews through --force where the answer is unchanged, and lists a changed answer's review as stale", async () => {
      const file = join(base, 'class', 'dev', 'p2.ts');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace('the early layers barely learn.', 'the early layers hardly learn at all.'),
      );
      const r = await runCli(['batch', join(base, 'class'), '--out', out, '-e', 'p2', '--force'], { cwd: base });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(
        /the review of dev's p2\.explanation \(by ta2\) was made on an earlier answer: not applied/,
      );
      expect(totals()).toEqual({ ana: '7', ben: '7', cho: '7', dev: '5' });
      expect(explanation('dev')).toMatchObject({ status: 'needs-review', score: 0 });
      expect(explanation('dev').review).toBeUndefined();
      expect(read<Summary>('summary.json').reviews).toMatchObject({
        decided: 3,
        pending: 1,
        stale: [{ student: 'dev', exercise: 'p2', part: 'explanation', by: 'ta2' }],
      });
      // The stale decision is kept in reviews.json (an undo of the student's change would bring it back), and the TA's
      // queue offers dev's new answer again.
      const again = startPty([process.execPath, BIN, 'review', 'out'], { cwd: base });
      expect(await again.until(screenOf('dev'))).toMatch(/hardly learn at all/);
      again.type('q');
      expect(await again.exit()).toBe(0);
    }, 240_000);
  },
);
