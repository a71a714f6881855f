// A batch output folder as a whole: its students (summary.json's roster and their reports), and rewriting it after the
// TA's decisions changed (each report with its decisions applied, then every aggregate from those reports).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TfgradeError } from '../util/errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { Identity } from '../model/student.js';
import { readStudentReport, writeAggregates } from './outputs.js';
import { applyDecisions, type Decision } from './reviews.js';
import type { Graded, StaleReview, Summary } from './summary.js';

const IDENTITY_KEYS = ['name', 'userId', 'sisUserId', 'sisLoginId', 'section', 'email'] as const;

export interface BatchFolder {
  summary: Summary;
  graded: Graded[];
}

/** The students of a `grade batch --out` folder, as its summary.json lists them, each with their report. */
export function readBatchFolder(out: string): BatchFolder {
  const file = join(out, 'summary.json');
  if (!existsSync(file)) throw new TfgradeError('USAGE', `no summary.json in ${out}`, 'pass the --out folder of a `grade batch` run');
  let summary: Summary;
  try {
    summary = JSON.parse(readFileSync(file, 'utf8')) as Summary;
    if (!Array.isArray(summary.roster)) throw new Error('no roster');
  } catch (e) {
    throw new TfgradeError('USAGE', `${file} is not a batch summary (${(e as Error).message})`, 'pass the --out folder of a `grade batch` run');
  }
  const graded = summary.roster.map((row): Graded => {
    const r = readStudentReport(join(out, row.report));
    if (!r.ok) throw new TfgradeError('USAGE', `${join(out, row.report)} is ${r.problem}`, 'regrade that student (grade batch … --resume)');
    const identity: Identity = {};
    for (const k of IDENTITY_KEYS) if (typeof row[k] === 'string') identity[k] = row[k];
    return { id: row.id, file: row.report.replace(/\.json$/, ''), identity, ...(row.late ? { late: true } : {}), report: r.report };
  });
  return { summary, graded };
}

export const staleOf = (d: Decision): StaleReview => ({ student: d.student, exercise: d.exercise, part: d.part, by: d.by, at: d.at });

/** Every student's report with `decisions` applied (written only where it changed), then the aggregates from them. */
export function applyToFolder(out: string, folder: BatchFolder, decisions: Decision[]): Summary {
  const stale: StaleReview[] = [];
  const graded = folder.graded.map((g) => {
    const applied = applyDecisions(g.report, decisions);
    stale.push(...applied.stale.map(staleOf));
    const text = JSON.stringify(applied.report, null, 2) + '\n';
    if (text !== JSON.stringify(g.report, null, 2) + '\n') writeFileAtomic(join(out, `${g.file}.json`), text);
    return { ...g, report: applied.report };
  });
  const { layout, unattributed, ignored, similarity } = folder.summary;
  const summary = writeAggregates(out, graded, { layout, unattributed, ignored, stale, ...(similarity ? { similarity } : {}) }, []);
  folder.graded = graded;
  folder.summary = summary;
  return summary;
}
