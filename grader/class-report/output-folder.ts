// A batch output folder as a whole: its students (summary.json's roster and their reports), and rewriting it after the
// TA's decisions changed (each report with its decisions applied, then every aggregate from those reports).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TfgradeError } from '../util/errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { Identity } from '../model/student.js';
import { readStudentReport, writeAggregates } from './outputs.js';
import { decisionPass, type Decision } from '../review/reviews.js';
import { aggregatesOf, type RosterRow, type Summary } from './summary.js';
import type { Graded } from '../model/student.js';

const IDENTITY_KEYS = ['name', 'userId', 'sisUserId', 'sisLoginId', 'section', 'email'] as const;

/** What the roster says of a student's identity (the gradebook's identity columns). */
export function identityOf(row: RosterRow | undefined): Identity {
  const id: Identity = {};
  for (const k of IDENTITY_KEYS) if (typeof row?.[k] === 'string') id[k] = row[k];
  return id;
}

/** How a command names a file to the user (relative to where they stand). */
export type Shown = (file: string) => string;

/** summary.json of a batch output folder, or undefined where there is none; `hint` says which folders are meant. */
export function readSummary(out: string, shown: Shown, hint: string): Summary | undefined {
  const file = join(out, 'summary.json');
  if (!existsSync(file)) return undefined;
  try {
    const summary = JSON.parse(readFileSync(file, 'utf8')) as Summary;
    if (!Array.isArray(summary.roster)) throw new Error('no roster');
    return summary;
  } catch (e) {
    throw new TfgradeError('USAGE', `${shown(file)} is not a batch summary (${(e as Error).message})`, hint);
  }
}

export interface BatchFolder {
  summary: Summary;
  graded: Graded[];
}

/** The students of a `grade batch --out` folder, as its summary.json lists them, each with their report. */
export function readBatchFolder(out: string, shown: Shown): BatchFolder {
  const hint = 'pass the --out folder of a `grade batch` run';
  const summary = readSummary(out, shown, hint);
  if (!summary) throw new TfgradeError('USAGE', `no summary.json in ${shown(out)}`, hint);
  const graded = summary.roster.map((row): Graded => {
    const r = readStudentReport(join(out, row.report));
    if (!r.ok)
      throw new TfgradeError(
        'USAGE',
        `${shown(join(out, row.report))} is ${r.problem}`,
        'regrade that student (grade batch … --resume)',
      );
    return {
      id: row.id,
      file: row.report.replace(/\.json$/, ''),
      identity: identityOf(row),
      ...(row.late ? { late: true } : {}),
      report: r.report,
    };
  });
  return { summary, graded };
}

/** Every student's report with `decisions` applied (written only where it changed), then the aggregates from them. */
export function applyToFolder(out: string, folder: BatchFolder, decisions: Decision[]): Summary {
  const pass = decisionPass(decisions);
  const graded = folder.graded.map((g) => {
    const report = pass.apply(g.report);
    const text = `${JSON.stringify(report, null, 2)}\n`;
    if (text !== `${JSON.stringify(g.report, null, 2)}\n`) writeFileAtomic(join(out, `${g.file}.json`), text);
    return { ...g, report };
  });
  const stale = pass.stale;
  const summary = writeAggregates(out, graded, { ...aggregatesOf(folder.summary), stale }, []);
  folder.graded = graded;
  folder.summary = summary;
  return summary;
}
