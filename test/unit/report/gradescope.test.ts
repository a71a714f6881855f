// Gradescope results.json: valid against the documented format, one test per part, hidden parts published but never shown.
import { describe, expect, it } from 'vitest';
import { toGradescope, type GradescopeResults } from '../../../grader/report/gradescope.js';
import type { PartReport } from '../../../grader/model/report.js';
import { applyDecisions } from '../../../grader/review/reviews.js';
import { reportErrors } from '../../../grader/model/validate-report.js';
import { SECRET, allPassedReport, sampleReport } from './sample-report.js';
import { gradescopeErrors } from './schemas.js';

describe('gradescope schema (test/schemas/gradescope-results.schema.json)', () => {
  it.each([
    ['a partial status', { tests: [{ name: 'a', score: 0, max_score: 1, status: 'partial' }] }],
    ['an unknown visibility', { tests: [{ name: 'a', score: 0, max_score: 1, visibility: 'private' }] }],
    ['a test without a score and no top-level score', { tests: [{ name: 'a', max_score: 1 }] }],
    ['an unknown top-level field', { tests: [], grade: 3 }],
    ['an unknown output format', { score: 0, output_format: 'rtf', tests: [] }],
    ['a negative score', { score: -1, tests: [] }],
  ])('rejects %s', (_label, bad) => {
    expect(gradescopeErrors(bad)).not.toEqual([]);
  });

  it('accepts an informational test (no score, no status) beside a top-level score, as the spec\'s "Test case status" shows', () => {
    expect(
      gradescopeErrors({
        score: 1,
        tests: [
          { name: 'a', output: 'recorded', output_format: 'text' },
          { name: 'b', status: 'failed' },
        ],
      }),
    ).toEqual([]);
  });
});

describe('toGradescope', () => {
  const report = sampleReport();
  const out = toGradescope(report);
  const byName = Object.fromEntries(out.tests.map((t) => [t.name, t]));

  it('starts from a valid report and produces a valid results.json', () => {
    expect(reportErrors(report)).toEqual([]);
    expect(gradescopeErrors(out)).toEqual([]);
    expect(gradescopeErrors(toGradescope(allPassedReport()))).toEqual([]);
  });

  it('carries the total, the time in seconds and a short overall output', () => {
    expect(out.score).toBe(report.score);
    expect(out.execution_time).toBe(2);
    // The total is shown with the tests it counts: a hidden part's points are not in the overall line (Gradescope
    // itself hides the total while any test is hidden).
    expect(out.output).toContain('2 of 8 parts graded now passed (3.5/10 points); 1 more is shown later');
    const all = allPassedReport();
    expect(toGradescope(all).output).toContain(`${all.score}/${all.maxScore} points`);
    expect(out.output).toContain(report.warnings[0]);
    expect(out.stdout_visibility).toBe('hidden');
    expect(out.tests.reduce((a, t) => a + (t.score ?? 0), 0)).toBeCloseTo(report.score);
    // Student text is plain text: the top-level default (simple_format) would render a student's <tag> as HTML.
    expect([out.output_format, out.test_output_format, out.test_name_format]).toEqual(['text', 'text', 'text']);
    expect(out.tests.every((t) => t.output_format === 'text')).toBe(true);
  });

  it.each([
    ['he-init · ok', 'he-init.1', 1, 1, 'passed', 'visible'],
    ['he-init · wrong', 'he-init.2', 0, 1, 'failed', 'visible'],
    ['he-init · half', 'he-init.3', 0.5, 1, 'failed', 'visible'],
    ['he-init · crash', 'he-init.4', 0, 1, 'failed', 'visible'],
    ['he-init · slow', 'he-init.5', 0, 1, 'failed', 'visible'],
    ['he-init · absent', 'he-init.6', 0, 1, 'failed', 'visible'],
    ['he-init · secret', 'he-init.8', 0, 1, 'failed', 'after_published'],
    ['quiz-xor · answer', 'quiz-xor.1', 2, 2, 'passed', 'visible'],
  ])('%s is test %s scoring %d/%d, %s, %s', (name, number, score, max, status, visibility) => {
    expect(byName[name]).toMatchObject({ number, score, max_score: max, status, visibility });
  });

  it('explains a visible failure with its cases', () => {
    const t = byName['he-init · wrong'];
    expect(t.output).toContain('wrong(2): expected 4');
    expect(t.output).toMatch(/expected 4\n\s+got\s+5 "quoted" <tag>/);
    expect(t.output).toContain('off by one');
  });

  it('says a needs-review part awaits manual review, with the suggested score, and marks it neither passed nor failed', () => {
    const t = byName['he-init · essay'];
    // Gradescope derives failed from score < max_score: a test that only informs carries neither, nor a status.
    expect([t.number, t.visibility, t.score, t.max_score, t.status]).toEqual([
      'he-init.7',
      'visible',
      undefined,
      undefined,
      undefined,
    ]);
    expect(t.output).toMatch(/^Awaiting review \(2 points\)/);
    expect(t.output).toMatch(/manual review/);
    expect(t.output).toContain('1.5 of 2');
  });

  it('gives a hidden part its status only: no expected value, case or message detail', () => {
    const t = byName['he-init · secret'];
    expect(t.output).toContain('failed');
    expect(t.output).not.toContain(SECRET);
    expect(t.output).not.toContain('secret(2)');
    expect(JSON.stringify(out)).not.toContain(SECRET);
  });
});

describe('toGradescope of a reviewed report', () => {
  const decided = { by: 'ta1', at: '2026-11-30T12:00:00.000Z' };
  const report = applyDecisions(sampleReport(), [
    { student: 'ada', exercise: 'he-init', part: 'essay', kind: 'review', score: 2, comment: 'thorough', ...decided },
    {
      student: 'ada',
      exercise: 'he-init',
      part: 'wrong',
      kind: 'override',
      score: 1,
      reason: 'regrade request: equivalent form',
      ...decided,
    },
  ]).report;
  const byName = Object.fromEntries(toGradescope(report).tests.map((t) => [t.name, t]));

  it('scores decided parts at the decided points and says who decided, leading the output', () => {
    expect(reportErrors(report)).toEqual([]);
    expect(byName['he-init · essay']).toMatchObject({ score: 2, status: 'passed' });
    expect(byName['he-init · essay'].output).toMatch(
      /^Reviewed by ta1 on 2026-11-30: 2\/2 \(automatic 0\/2, needs-review\)\. thorough/,
    );
    expect(byName['he-init · wrong']).toMatchObject({ score: 1, status: 'passed' });
    expect(byName['he-init · wrong'].output).toMatch(
      /^Overridden by ta1 on 2026-11-30: 1\/1 \(automatic 0\/1, failed\)\. regrade request/,
    );
    expect(toGradescope(report).score).toBe(report.score);
  });
});

describe('toGradescope of on-submit parts (answers): nothing withheld reaches the student before the due date', () => {
  const ANSWER = 'EXPECTED-ANSWER-4';
  const report = sampleReport();
  const quiz = report.exercises[1];
  const answerPart = (p: Partial<PartReport> & Pick<PartReport, 'id' | 'status' | 'reason'>): PartReport => ({
    kind: 'numeric',
    score: 0,
    maxScore: 1,
    message: `${p.id}: ${p.status}`,
    visibility: 'visible',
    feedback: 'on-submit',
    ...p,
  });
  quiz.parts = [
    answerPart({
      id: 'wrong',
      reason: 'wrong-value',
      status: 'failed',
      message: `expected ${ANSWER}, got 5`,
      cases: [{ label: 'wrong', passed: false, expected: ANSWER, actual: '5', hint: 'twice Xavier' }],
    }),
    answerPart({ id: 'right', reason: 'correct', status: 'passed', score: 1, message: 'correct' }),
    answerPart({
      id: 'unknown',
      kind: 'choice',
      reason: 'invalid-answer',
      status: 'failed',
      message: `'e' is not an option; hint: ${ANSWER}`,
    }),
    answerPart({ id: 'crash', reason: 'threw', status: 'error', message: 'crash threw: Error: boom' }),
    answerPart({
      id: 'essay',
      kind: 'free-text',
      reason: 'needs-review',
      status: 'needs-review',
      maxScore: 2,
      message: `suggested ${ANSWER}`,
    }),
    {
      ...answerPart({ id: 'immediate', reason: 'wrong-value', status: 'failed', message: 'expected 7, got 5' }),
      feedback: 'immediate',
    },
  ];
  const student = (o: GradescopeResults) => o.tests.filter((t) => t.visibility === 'visible');

  it('gives each on-submit part a visible receipt and its result after the due date; immediate parts stay visible', () => {
    const out = toGradescope(report);
    expect(gradescopeErrors(out)).toEqual([]);
    const rows = out.tests
      .filter((t) => t.name.startsWith('quiz-xor'))
      .map((t) => [t.name, t.number, t.visibility, t.status ?? '-', t.score ?? '-']);
    expect(rows).toEqual([
      ['quiz-xor · wrong', 'quiz-xor.1', 'visible', '-', '-'],
      ['quiz-xor · wrong: result', 'quiz-xor.1.1', 'after_due_date', 'failed', 0],
      ['quiz-xor · right', 'quiz-xor.2', 'visible', '-', '-'],
      ['quiz-xor · right: result', 'quiz-xor.2.1', 'after_due_date', 'passed', 1],
      ['quiz-xor · unknown', 'quiz-xor.3', 'visible', '-', '-'],
      ['quiz-xor · unknown: result', 'quiz-xor.3.1', 'after_due_date', 'failed', 0],
      ['quiz-xor · crash', 'quiz-xor.4', 'visible', 'failed', '-'],
      ['quiz-xor · crash: result', 'quiz-xor.4.1', 'after_due_date', 'failed', 0],
      ['quiz-xor · essay', 'quiz-xor.5', 'visible', '-', '-'],
      ['quiz-xor · essay: result', 'quiz-xor.5.1', 'after_due_date', '-', '-'],
      ['quiz-xor · immediate', 'quiz-xor.6', 'visible', 'failed', 0],
    ]);
    expect(out.tests.find((t) => t.name === 'quiz-xor · wrong: result')!.output).toContain(`expected ${ANSWER}`);
  });

  it.each([[{}], [{ reveal: 'after_published' as const }], [{ revealScores: true }]])(
    'shows the student nothing of a withheld answer before the due date (%o)',
    (options) => {
      const out = toGradescope(report, options);
      const seen = JSON.stringify({ output: out.output, tests: student(out) });
      expect(seen).not.toContain(ANSWER);
      expect(seen).not.toContain('twice Xavier');
      expect(student(out).find((t) => t.name === 'quiz-xor · wrong')!.output).toMatch(/^Answer recorded/);
      // A missing answer is said at once (nothing about the expected value), so the student can fix it before the deadline.
      expect(student(out).find((t) => t.name === 'quiz-xor · crash')!.output).toMatch(
        /^No answer recorded: crash threw: Error: boom/,
      );
      // The overall line counts only what is shown now: a total with the withheld parts in it would be an oracle too.
      expect(out.output).toMatch(
        /^tfgrade .*: 1 of 8 parts graded now passed \(1.5\/9 points\); 6 more are shown later/,
      );
    },
  );

  it('holds the score back with the details unless configured (--reveal-scores), and follows --reveal', () => {
    const byName = (o: GradescopeResults) => Object.fromEntries(o.tests.map((t) => [t.name, t]));
    expect(byName(toGradescope(report))['quiz-xor · right']).not.toHaveProperty('score');
    expect(byName(toGradescope(report, { revealScores: true }))['quiz-xor · right']).toMatchObject({
      score: 1,
      max_score: 1,
      status: 'passed',
      visibility: 'visible',
    });
    expect(byName(toGradescope(report, { revealScores: true }))['quiz-xor · essay']).not.toHaveProperty('score');
    const published = toGradescope(report, { reveal: 'after_published' });
    expect(byName(published)['quiz-xor · wrong: result'].visibility).toBe('after_published');
    expect(byName(published)['quiz-xor · wrong'].output).toMatch(/once grades are published/);
  });

  it("shows a kit's recorded part as recorded, neither passed nor failed", () => {
    const kit = sampleReport();
    kit.exercises[1].parts = [
      answerPart({
        id: 'answer',
        reason: 'recorded',
        status: 'recorded',
        message: 'answer recorded: checked only for its form here',
      }),
    ];
    const [t] = toGradescope(kit).tests.filter((x) => x.name.startsWith('quiz-xor'));
    expect([t.visibility, t.status, t.score]).toEqual(['visible', undefined, undefined]);
    expect(t.output).toMatch(/^Recorded/);
  });
});
