// gradebook.csv: identity columns and one column per exercise (RFC 4180); Canvas's import file is `grade publish`'s.
import type { Graded } from './summary.js';

export const IDENTITY_COLUMNS = ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section'] as const;

/** One CSV field: quoted when it holds a comma, quote, line break or edge space; quotes doubled. */
export function csvField(value: string | number | undefined): string {
  const s = value === undefined ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Names come from students and LMS exports: a leading = + - @ would run as a formula when a TA opens the file in a
 * spreadsheet, so such text gets a leading apostrophe (numbers are written by us and never start with one of those).
 */
export function safeText(s: string | undefined): string | undefined {
  return s !== undefined && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export const csvLine = (fields: (string | number | undefined)[]): string => fields.map(csvField).join(',') + '\r\n';

// No Total column: Canvas's importer turns any column it does not know into a new assignment, counting every point twice.
export function renderGradebook(graded: Graded[], exercises: { id: string; maxScore: number }[]): string {
  let out = csvLine([...IDENTITY_COLUMNS, ...exercises.map((e) => e.id)]);
  // Canvas exports (and accepts on import) a "Points Possible" row right below the header.
  out += csvLine(['Points Possible', '', '', '', '', ...exercises.map((e) => e.maxScore)]);
  for (const g of graded) {
    const i = g.identity;
    const scores = exercises.map((e) => g.report.exercises.find((x) => x.id === e.id)?.score);
    out += csvLine([
      safeText(i.name ?? g.id), safeText(i.userId), safeText(i.sisUserId), safeText(i.sisLoginId ?? i.email), safeText(i.section),
      ...scores,
    ]);
  }
  return out;
}
