// gradebook.csv for Canvas's gradebook import: identity columns, one column per exercise, a total (RFC 4180, written by
// batch/csv.ts, so a name like =HYPERLINK(...) or -3+4 is text in any spreadsheet).
import { writeCsv, type Cell } from './csv.js';
import type { Graded } from './summary.js';

export const IDENTITY_COLUMNS = ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section'] as const;

export function renderGradebook(graded: Graded[], exercises: { id: string; maxScore: number }[]): string {
  const maxTotal = graded[0]?.report.maxScore ?? exercises.reduce((a, e) => a + e.maxScore, 0);
  const rows: Cell[][] = [[...IDENTITY_COLUMNS, ...exercises.map((e) => e.id), 'Total']];
  // Canvas exports (and accepts on import) a "Points Possible" row right below the header.
  rows.push(['Points Possible', '', '', '', '', ...exercises.map((e) => e.maxScore), maxTotal]);
  for (const g of graded) {
    const i = g.identity;
    const scores = exercises.map((e) => g.report.exercises.find((x) => x.id === e.id)?.score);
    rows.push([i.name ?? g.id, i.userId, i.sisUserId, i.sisLoginId ?? i.email, i.section, ...scores, g.report.score]);
  }
  return writeCsv(rows);
}
