// Gradescope results.json: valid against the documented format, one test per part, hidden parts published but never shown.
import { describe, expect, it } from 'vitest';
import { toGradescope } from '../../../grader/report/gradescope.js';
import { applyDecisions } from '../../../grader/batch/reviews.js';
import { reportErrors } from '../../../grader/model/validate-report.js';
import { SECRET, allPassedReport, sampleReport } from './sample-report.js';
import { gradescopeErrors } from './schemas.js';

describe('gradescope schema (test/schemas/gradescope-results.schema.json)', () => {
  it.each([
    ['a partial status', { tests: [{ name: 'a', score: 0, max_score: 1, status: 'partial' }] }],
    ['an unknown visibility', { tests: [{ name: 'a', score: 0, max_score: 1, visibility: 'private' }] }],
    ['a test without max_score', { tests: [{ name: 'a', score: 0 }] }],
    ['an unknown top-level field', { tests: [], grade: 3 }],
    ['a negative score', { score: -1, tests: [] }],
  ])('rejects %s', (_label, bad) => {
    expect(gradescopeErrors(bad)).not.toEqual([]);
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
    expect(out.output).toContain(`${report.score}/${report.maxScore}`);
    expect(out.output).toContain(report.warnings[0]);
    expect(out.stdout_visibility).toBe('hidden');
    expect(out.tests.reduce((a, t) => a + t.score, 0)).toBeCloseTo(report.score);
  });

  it.each([
    ['he-init · ok', 'he-init.1', 1, 1, 'passed', 'visible'],
    ['he-init · wrong', 'he-init.2', 0, 1, 'failed', 'visible'],
    ['he-init · half', 'he-init.3', 0.5, 1, 'failed', 'visible'],
    ['he-init · crash', 'he-init.4', 0, 1, 'failed', 'visible'],
    ['he-init · slow', 'he-init.5', 0, 1, 'failed', 'visible'],
    ['he-init · absent', 'he-init.6', 0, 1, 'failed', 'visible'],
    ['he-init · essay', 'he-init.7', 0, 2, 'failed', 'visible'],
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

  it('says a needs-review part awaits manual review, with the suggested score, at 0 points', () => {
    const t = byName['he-init · essay'];
    expect(t.score).toBe(0);
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
    { student: 'ada', exercise: 'he-init', part: 'wrong', kind: 'override', score: 1, reason: 'regrade request: equivalent form', ...decided },
  ]).report;
  const byName = Object.fromEntries(toGradescope(report).tests.map((t) => [t.name, t]));

  it('scores decided parts at the decided points and says who decided, leading the output', () => {
    expect(reportErrors(report)).toEqual([]);
    expect(byName['he-init · essay']).toMatchObject({ score: 2, status: 'passed' });
    expect(byName['he-init · essay'].output).toMatch(/^Reviewed by ta1 on 2026-11-30: 2\/2 \(automatic 0\/2, needs-review\)\. thorough/);
    expect(byName['he-init · wrong']).toMatchObject({ score: 1, status: 'passed' });
    expect(byName['he-init · wrong'].output).toMatch(/^Overridden by ta1 on 2026-11-30: 1\/1 \(automatic 0\/1, failed\)\. regrade request/);
    expect(toGradescope(report).score).toBe(report.score);
  });
});
