// CSV for the LMS files: an RFC 4180 reader for Canvas's gradebook export and a small local writer (see below).
import { TfgradeError } from '../util/errors.js';

/**
 * Rows of an RFC 4180 text: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF ends a row.
 * A byte-order mark (Excel, Canvas) is dropped. An unterminated quote is an error naming the row.
 */
export function parseCsv(text: string, shownFile: string): string[][] {
  const s = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let startRow = 1;
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' || c === '\n') {
      row.push(field); field = '';
      rows.push(row); row = [];
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      startRow = rows.length + 1;
      continue;
    }
    field += c; i++;
  }
  if (quoted) throw new TfgradeError('ROSTER_INVALID', `${shownFile}: a quoted field opened in row ${startRow} never closes`, 'export the gradebook again from the LMS');
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/**
 * One CSV field, quoted when needed; text starting with = + - @ (a formula to a spreadsheet) gets a leading `'` unless
 * it is a number. A local writer for now: the lead will switch it to the shared safe CSV writer of batch/.
 */
export function csvCell(value: string | number | undefined): string {
  let s = value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRow = (cells: (string | number | undefined)[]): string => cells.map(csvCell).join(',') + '\r\n';
