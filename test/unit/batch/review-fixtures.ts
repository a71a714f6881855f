// Test helpers for TA decisions: a class whose reports hold one needs-review part (with a suggestion) and one code part.
import type { Graded } from '../../../grader/model/student.js';
import type { Decision } from '../../../grader/review/reviews.js';
import type { PartReport, Report } from '../../../grader/model/report.js';
import { fakeReport } from './helpers.js';

/** Exercise e1: part p1 passed (1 point), part p2 a free-text answer awaiting review (2 points, suggested `suggested`). */
export function reviewReport(
  student: string,
  opts: { suggested?: number; answer?: string; hash?: string } = {},
): Report {
  const r = fakeReport(student, { e1: ['passed', 'needs-review'] });
  const ex = r.exercises[0];
  const p2: PartReport = {
    ...ex.parts[1],
    kind: 'free-text',
    maxScore: 2,
    message: 'needs human review',
    ...(opts.suggested !== undefined ? { suggestedScore: opts.suggested } : {}),
    answer: opts.answer ?? `the answer of ${student}`,
    answerHash: opts.hash ?? `hash-${student}`,
  };
  const p1: PartReport = { ...ex.parts[0], answerHash: `code-${student}` };
  const exercises = [{ ...ex, parts: [p1, p2], maxScore: 3, score: 1, status: 'needs-review' as const }];
  return { ...r, exercises, score: 1, maxScore: 3, status: 'needs-review' };
}

export const gradedOf = (report: Report): Graded => ({
  id: report.submission.student!,
  file: report.submission.student!,
  identity: {},
  report,
});

export function decision(student: string, more: Partial<Decision> = {}): Decision {
  return {
    student,
    exercise: 'e1',
    part: 'p2',
    kind: 'review',
    score: 2,
    answerHash: `hash-${student}`,
    by: 'ta',
    at: '2026-01-01T00:00:00.000Z',
    ...more,
  };
}

export const partOf = (r: Report, part = 'p2'): PartReport => r.exercises[0].parts.find((p) => p.id === part)!;
