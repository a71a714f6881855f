// Writes and reads a batch folder: student reports (read back for resume and merge) and the four aggregate files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../model/report.js';
import { reportErrors } from '../model/validate-report.js';
import { toLtiScore } from '../report/lti.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { renderGradebook } from './gradebook.js';
import { renderSummaryHtml } from './summary-html.js';
import { summarize, type Aggregates, type Summary } from './summary.js';
import type { Graded } from '../model/student.js';

export type ReadReport = { ok: true; report: Report; text: string } | { ok: false; problem: string };

/** A report file is usable only if it parses and validates against the report schema (atomic writes leave no half files). */
export function readStudentReport(file: string): ReadReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return {
      ok: false,
      problem: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : `unreadable (${(e as Error).message})`,
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  const errors = reportErrors(data);
  return errors.length
    ? { ok: false, problem: `not a valid report (${errors.slice(0, 3).join('; ')})` }
    : { ok: true, report: data as Report, text };
}

/** The LMS user id of a student: Canvas's user id when the layout knows it, else the student id. */
export const ltiUserId = (g: Graded): string => g.identity.userId ?? g.id;

/** summary.json, gradebook.csv, summary.html and lti-scores.json, from the reports in student-id order. */
export function writeAggregates(
  out: string,
  graded: Graded[],
  extra: Aggregates,
  exercises: { id: string; maxScore: number }[],
): Summary {
  const summary = summarize(graded, extra);
  const columns = summary.exercises.length ? summary.exercises : exercises;
  writeFileAtomic(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileAtomic(join(out, 'gradebook.csv'), renderGradebook(graded, columns));
  writeFileAtomic(join(out, 'summary.html'), renderSummaryHtml(summary, graded));
  writeFileAtomic(
    join(out, 'lti-scores.json'),
    `${JSON.stringify(
      graded.map((g) => toLtiScore(g.report, ltiUserId(g))),
      null,
      2,
    )}\n`,
  );
  return summary;
}
