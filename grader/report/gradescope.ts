// Gradescope view of a report: the autograder results.json (one test per part; hidden parts published, not shown).
import type { Report } from '../model/report.js';
import { partDetails, pts } from './part-details.js';

export type GradescopeVisibility = 'hidden' | 'after_due_date' | 'after_published' | 'visible';

export interface GradescopeTest {
  /** "<exercise> · <part>" */
  name: string;
  /** "<exercise>.<n>", n counting parts from 1: Gradescope orders tests by it. */
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  visibility: GradescopeVisibility;
}

export interface GradescopeResults {
  score: number;
  /** Seconds, whole: the field Gradescope documents as an integer. */
  execution_time: number;
  output: string;
  stdout_visibility?: GradescopeVisibility;
  tests: GradescopeTest[];
}

/** Overall text shown above the tests: total, what ran, what awaits review, and the report's warnings. */
function overall(r: Report): string {
  const parts = r.exercises.flatMap((e) => e.parts);
  const passed = parts.filter((p) => p.status === 'passed').length;
  const review = parts.filter((p) => p.status === 'needs-review').length;
  const lines = [
    `tfgrade ${r.tool.version}: ${pts(r.score)}/${pts(r.maxScore)} points, ${passed} of ${parts.length} parts passed (backend ${r.backend.name}, sandbox ${r.sandbox.level}).`,
  ];
  if (review) lines.push(`${review} part${review === 1 ? '' : 's'} await${review === 1 ? 's' : ''} manual review; the score may still rise.`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  for (const e of r.exercises) for (const w of e.warnings ?? []) lines.push(`warning (${e.id}): ${w}`);
  return lines.join('\n');
}

export function toGradescope(report: Report): GradescopeResults {
  const tests: GradescopeTest[] = report.exercises.flatMap((ex) =>
    ex.parts.map((p, i): GradescopeTest => {
      const hidden = p.visibility === 'hidden';
      return {
        name: `${ex.id} · ${p.id}`,
        number: `${ex.id}.${i + 1}`,
        // needs-review parts score 0 in the report already; the suggestion is text, never points.
        score: p.status === 'needs-review' ? 0 : p.score,
        max_score: p.maxScore,
        status: p.status === 'passed' ? 'passed' : 'failed',
        output: partDetails(p),
        // Hidden parts reach the student when the instructor publishes grades, never before, and only as a status.
        visibility: hidden ? 'after_published' : 'visible',
      };
    }),
  );
  return {
    score: report.score,
    execution_time: Math.round(report.durationMs / 1000),
    output: overall(report),
    // run_autograder's stdout is the grader's log: for the instructor, not the student.
    stdout_visibility: 'hidden',
    tests,
  };
}
