// renderReport dispatch, and every format rendered from real reports the bin produced (and printed by `grade --format`).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../../grader/report/formats.js';
import { toGradescope } from '../../../grader/report/gradescope.js';
import { toJUnit } from '../../../grader/report/junit.js';
import { toLtiScore } from '../../../grader/report/lti.js';
import type { Report } from '../../../grader/model/report.js';
import { ROOT, gradeJson, runCli } from '../../helpers/cli.js';
import { SECRET, sampleReport } from './sample-report.js';
import { gradescopeErrors, ltiErrors } from './schemas.js';
import { findAll, parseXml } from './xml-check.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'submissions');

describe('renderReport', () => {
  const r = sampleReport();
  it.each([
    ['json', (s: string) => expect(JSON.parse(s)).toEqual(r)],
    ['gradescope', (s: string) => expect(JSON.parse(s)).toEqual(toGradescope(r))],
    ['junit', (s: string) => expect(s).toBe(toJUnit(r))],
    ['lti', (s: string) => expect(JSON.parse(s)).toEqual(toLtiScore(r, 'ada'))],
  ] as const)('renders %s', (format, check) => {
    check(renderReport(r, format));
  });

  it('names the LTI user by the submission path when there is no student id', () => {
    const { student: _s, ...submission } = r.submission;
    expect(JSON.parse(renderReport({ ...r, submission }, 'lti')).userId).toBe('submissions/ada');
  });

  it.each(['gradescope', 'junit', 'lti'] as const)("%s never carries a hidden part's expected value", (format) => {
    expect(renderReport(r, format)).not.toContain(SECRET);
  });
});

/** Statuses of every part in JUnit terms, counted from the report: what the XML must agree with. */
function expectedCounts(report: Report): { failure: number; error: number; skipped: number; testcase: number } {
  const parts = report.exercises.flatMap((e) => e.parts);
  const n = (...s: string[]) => parts.filter((p) => s.includes(p.status)).length;
  return {
    testcase: parts.length,
    failure: n('failed', 'partial', 'missing'),
    error: n('error', 'timeout'),
    skipped: n('needs-review'),
  };
}

describe.concurrent('formats of reports the bin produced', () => {
  it.each([
    ['he-init--print-fake-report', 'he-init', true],
    ['p2--partial-one-wrong-fix', 'p2', false],
  ])('%s renders valid gradescope, junit and lti', async (fixture, id, printed) => {
    // The print-fake-report fixture lives with the hostile cases; the p2 one with the ordinary fixtures.
    const dir = fixture.startsWith('he-init--')
      ? join(ROOT, 'test', 'hostile', 'cases', fixture)
      : join(FIXTURES, fixture);
    const { report } = await gradeJson([id, '--submission', dir]);
    const gs = JSON.parse(renderReport(report, 'gradescope'));
    expect(gradescopeErrors(gs)).toEqual([]);
    // One test per part; an on-submit part (an answer) adds a visible receipt without a verdict before its result,
    // which waits for the due date; a part awaiting review is marked neither passed nor failed.
    expect(
      gs.tests.map(
        (t: { name: string; status?: string; visibility: string }) => `${t.name}=${t.status}@${t.visibility}`,
      ),
    ).toEqual(
      report.exercises.flatMap((e) =>
        e.parts.flatMap((p) => {
          const name = `${e.id} · ${p.id}`;
          const status = p.status === 'needs-review' ? undefined : p.status === 'passed' ? 'passed' : 'failed';
          return p.feedback === 'on-submit'
            ? [`${name}=undefined@visible`, `${name}: result=${status}@after_due_date`]
            : [`${name}=${status}@visible`];
        }),
      ),
    );
    expect(report.exercises.flatMap((e) => e.parts).some((p) => p.feedback === 'on-submit')).toBe(true);
    const xml = parseXml(renderReport(report, 'junit'));
    const want = expectedCounts(report);
    for (const k of ['testcase', 'failure', 'error', 'skipped'] as const)
      expect([k, findAll(xml, k).length]).toEqual([k, want[k]]);
    const lti = JSON.parse(renderReport(report, 'lti'));
    expect(ltiErrors(lti)).toEqual([]);
    expect(lti.gradingProgress).toBe(want.skipped ? 'PendingManual' : 'FullyGraded');
    // The student printed a fake report: it belongs in <system-out>, escaped, not in the structure.
    expect(findAll(xml, 'system-out').map((e) => e.text)).toEqual(printed ? [report.exercises[0].output] : []);
  });

  it("quiz-xor--wrong-xor-net-and in Gradescope: the wrong net's verdict and the reference weights wait for the due date", async () => {
    const r = await runCli([
      'quiz-xor',
      '--submission',
      join(FIXTURES, 'quiz-xor--wrong-xor-net-and'),
      '--format',
      'gradescope',
    ]);
    expect(r.code, r.stderr).toBe(1);
    const gs = JSON.parse(r.stdout) as {
      output: string;
      tests: { name: string; output: string; visibility: string; status?: string; score?: number }[];
    };
    expect(gradescopeErrors(gs)).toEqual([]);
    const seen = JSON.stringify({ output: gs.output, tests: gs.tests.filter((t) => t.visibility === 'visible') });
    // The reference net's weights, its verdict and hint: none is visible before the due date.
    for (const secret of ['w1: [[1, -1, 0]', 'misclassified', 'correct', 'failed']) expect(seen).not.toContain(secret);
    expect(gs.tests.filter((t) => t.visibility === 'visible').map((t) => [t.name, t.status, t.score])).toEqual([
      ['quiz-xor · answer', undefined, undefined],
      ['quiz-xor · xorNet', undefined, undefined],
    ]);
    expect(gs.output).toMatch(/2 parts recorded; results and scores are shown later \(answers after the due date\)/);
    const net = gs.tests.find((t) => t.name === 'quiz-xor · xorNet: result')!;
    expect([net.visibility, net.status, net.score]).toEqual(['after_due_date', 'failed', 0]);
    expect(net.output).toContain('expected { w1: [[1, -1, 0]');
  });

  describe('grade --format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfgrade-formats-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const args = ['p2', '--submission', join(FIXTURES, 'p2--partial-one-wrong-fix')];

    it.each([
      ['gradescope', (s: string) => expect(gradescopeErrors(JSON.parse(s))).toEqual([])],
      ['junit', (s: string) => expect(findAll(parseXml(s), 'skipped')).toHaveLength(1)],
      [
        'lti',
        (s: string) =>
          expect(JSON.parse(s)).toMatchObject({
            userId: 'test/fixtures/submissions/p2--partial-one-wrong-fix',
            gradingProgress: 'PendingManual',
          }),
      ],
    ] as const)('%s prints the format and saves it with --out', async (format, check) => {
      const out = join(dir, `report.${format}`);
      const r = await runCli([...args, '--format', format, '--out', out]);
      expect(r.code).toBe(1);
      check(r.stdout);
      expect(readFileSync(out, 'utf8')).toBe(r.stdout);
      if (format === 'lti') expect(ltiErrors(JSON.parse(r.stdout))).toEqual([]);
    });
  });
});
