// Gradescope view of a report: the autograder results.json (one test per part; what a part withholds shown only later).
import type { GradescopeOptions, PartReport, Report } from '../model/report.js';
import { fencedMessage } from './fence.js';
import { partDetails } from './part-details.js';
import { points, pointsOf } from '../util/numbers.js';
import { agree, plural } from '../util/plural.js';

export type GradescopeVisibility = 'hidden' | 'after_due_date' | 'after_published' | 'visible';

export interface GradescopeTest {
  /** "<exercise> · <part>" */
  name: string;
  /** "<exercise>.<n>", n counting parts from 1: Gradescope orders tests by it. */
  number: string;
  /** Absent on a test that only informs (an answer recorded, a part awaiting review): no red or green mark. */
  score?: number;
  max_score?: number;
  status?: 'passed' | 'failed';
  output: string;
  output_format: 'text';
  visibility: GradescopeVisibility;
}

export interface GradescopeResults {
  score: number;
  /** Seconds, whole: the field Gradescope documents as an integer. */
  execution_time: number;
  output: string;
  /** Plain text: the top-level default (simple_format) would render a student's `<b>` as HTML. */
  output_format: 'text';
  test_output_format: 'text';
  test_name_format: 'text';
  stdout_visibility?: GradescopeVisibility;
  tests: GradescopeTest[];
}

type Located = { ex: Report['exercises'][number]; p: PartReport; n: number };

/**
 * Failures that say nothing about the expected value: the student's code produced no answer at all. A check's own
 * verdict (wrong type, invalid option, wrong shape, not finite) may name the expected form or a hint, so it waits.
 */
const NO_ANSWER = new Set<string>([
  'not-implemented',
  'missing-file',
  'missing-export',
  'compile-error',
  'import-error',
  'threw',
  'timeout',
  'import-timeout',
  'crashed',
  'exited',
  'out-of-memory',
  'unserializable',
  'output-too-large',
]);

/** A part whose result the student sees only later: an answer (on-submit) graded by the course. */
const withheld = (p: PartReport): boolean =>
  p.feedback === 'on-submit' && p.visibility !== 'hidden' && p.status !== 'recorded';
/** A part waiting for a human or for submission: neither passed nor failed yet. */
const pending = (p: PartReport): boolean => p.status === 'needs-review' || p.status === 'recorded';

/** The test of a part as graded: score and status, unless it waits for a human (then no mark at all). */
function graded({ ex, p, n }: Located, visibility: GradescopeVisibility, suffix = ''): GradescopeTest {
  const base = {
    name: `${ex.id} · ${p.id}${suffix}`,
    number: `${ex.id}.${n}${suffix ? '.1' : ''}`,
    output: partDetails(p),
    output_format: 'text' as const,
    visibility,
  };
  // needs-review parts score 0 until reviewed: a 0/2 would show as a red failure, so the test carries no score.
  if (pending(p))
    return {
      ...base,
      output: `${p.status === 'recorded' ? 'Recorded' : 'Awaiting review'} (${points(p.maxScore)} ${agree(p.maxScore, 'point')}).\n${base.output}`,
    };
  return { ...base, score: p.score, max_score: p.maxScore, status: p.status === 'passed' ? 'passed' : 'failed' };
}

/** What a student sees at once of an on-submit part: that the answer was recorded, or that there is none to record. */
function receipt({ ex, p, n }: Located, o: Required<GradescopeOptions>): GradescopeTest {
  const when = o.reveal === 'after_published' ? 'once grades are published' : 'after the due date';
  const reason = p.review?.automatic.reason ?? p.reason;
  const base = {
    name: `${ex.id} · ${p.id}`,
    number: `${ex.id}.${n}`,
    output_format: 'text' as const,
    visibility: 'visible' as const,
  };
  const scored = o.revealScores
    ? {
        score: p.score,
        max_score: p.maxScore,
        status: p.status === 'passed' ? ('passed' as const) : ('failed' as const),
      }
    : {};
  if (NO_ANSWER.has(reason) && !p.review) {
    return {
      ...base,
      ...scored,
      status: 'failed',
      output: `No answer recorded: ${fencedMessage(p.message, '  ')}\nFix this and submit again; the answer itself is graded ${when}.`,
    };
  }
  const scoreNote = o.revealScores
    ? ''
    : ` Its score (of ${points(p.maxScore)} ${agree(p.maxScore, 'point')}) is shown then too.`;
  return {
    ...base,
    ...(pending(p) ? {} : scored),
    output: `Answer recorded. Whether it is right, and why, is shown ${when}.${scoreNote}`,
  };
}

/** Overall text shown above the tests: what is graded now, what waits, and the report's warnings. */
function overall(r: Report, o: Required<GradescopeOptions>): string {
  const parts = r.exercises.flatMap((e) => e.parts);
  const now = parts.filter((p) => !withheld(p) && p.visibility !== 'hidden');
  const passed = now.filter((p) => p.status === 'passed').length;
  const later = parts.length - now.length;
  const review = now.filter((p) => p.status === 'needs-review').length;
  const head = `tfgrade ${r.tool.version} (backend ${r.backend.name}, sandbox ${r.sandbox.level}): `;
  // The total counts withheld parts: it is shown only with them (Gradescope hides the total while any test is hidden).
  const when = o.reveal === 'after_published' ? 'once grades are published' : 'after the due date';
  const lines = [
    !now.length
      ? `${head}${plural(later, 'part')} recorded; results and scores are shown later (answers ${when}).`
      : later
        ? `${head}${passed} of ${now.length} parts graded now passed (${pointsOf(
            now.reduce((a, p) => a + p.score, 0),
            now.reduce((a, p) => a + p.maxScore, 0),
          )} points); ${later} more ${agree(later, 'is', 'are')} shown later (answers ${when}).`
        : `${head}${pointsOf(r.score, r.maxScore)} points, ${passed} of ${parts.length} parts passed.`,
  ];
  if (review)
    lines.push(
      `${plural(review, 'part')} ${agree(review, 'awaits', 'await')} manual review; the score may still rise.`,
    );
  for (const w of r.warnings) lines.push(`warning: ${fencedMessage(w, '  ')}`);
  for (const e of r.exercises)
    for (const w of e.warnings ?? []) lines.push(`warning (${e.id}): ${fencedMessage(w, '  ')}`);
  return lines.join('\n');
}

export function toGradescope(report: Report, options: GradescopeOptions = {}): GradescopeResults {
  const o: Required<GradescopeOptions> = {
    reveal: options.reveal ?? 'after_due_date',
    revealScores: options.revealScores ?? false,
  };
  const tests: GradescopeTest[] = report.exercises.flatMap((ex) =>
    ex.parts.flatMap((p, i): GradescopeTest[] => {
      const at = { ex, p, n: i + 1 };
      // Hidden parts reach the student when the instructor publishes grades, never before, and only as a status.
      if (p.visibility === 'hidden') return [graded(at, 'after_published')];
      // An on-submit part: with resubmission, a verdict shown at once is an oracle for the answer it withholds.
      if (withheld(p)) return [receipt(at, o), graded(at, o.reveal, ': result')];
      return [graded(at, 'visible')];
    }),
  );
  return {
    score: report.score,
    execution_time: Math.round(report.durationMs / 1000),
    output: overall(report, o),
    output_format: 'text',
    test_output_format: 'text',
    test_name_format: 'text',
    // run_autograder's stdout is the grader's log: for the instructor, not the student.
    stdout_visibility: 'hidden',
    tests,
  };
}
