// CSV for the LMS files through tfgrade's one CSV reader and writer (util/csv.ts): the course's gradebook export is
// read strictly (a ragged or unterminated row stops the publish, naming its row), and canvas-import.csv is written
// like every CSV tfgrade writes (formula text made inert, control characters visible).
import { TfgradeError } from '../util/errors.js';
import { readCsv, writeCsv, type Cell } from '../util/csv.js';

/** The rows of an LMS export, or ROSTER_INVALID naming the file, the row and what is wrong; blank lines are skipped. */
export function parseCsv(text: string, shownFile: string): string[][] {
  const read = readCsv(text);
  if ('error' in read) {
    throw new TfgradeError(
      'ROSTER_INVALID',
      `${shownFile}, row ${read.error.row}: ${read.error.message}`,
      'export the gradebook again from the LMS, and upload it unchanged',
    );
  }
  return read.rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** One row of canvas-import.csv. */
export const csvRow = (cells: Cell[]): string => writeCsv([cells]);
