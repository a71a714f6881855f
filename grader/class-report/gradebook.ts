// gradebook.csv: identity columns and one column per exercise (RFC 4180, written by util/csv.ts, so a name like
// =HYPERLINK(...) or -3+4 is text in any spreadsheet); Canvas's import file is `grade publish`'s.
import { writeCsv, type Cell } from '../util/csv.js';
import type { Graded } from '../model/student.js';

export const IDENTITY_COLUMNS = ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section'] as const;

// No Total column: Canvas's importer turns any column it does not know into a new assignment, counting every point twice.
export function renderGradebook(graded: Graded[], exercises: { id: string; maxScore: number }[]): string {
  const rows: Cell[][] = [[...IDENTITY_COLUMNS, ...exercises.map((e) => e.id)]];
  // Canvas exports (and accepts on import) a "Points Possible" row right below the header.
  rows.push(['Points Possible', '', '', '', '', ...exercises.map((e) => e.maxScore)]);
  for (const g of graded) {
    const i = g.identity;
    const scores = exercises.map((e) => g.report.exercises.find((x) => x.id === e.id)?.score);
    rows.push([i.name ?? g.id, i.userId, i.sisUserId, i.sisLoginId ?? i.email, i.section, ...scores]);
  }
  return writeCsv(rows);
}
