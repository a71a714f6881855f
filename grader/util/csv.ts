// Every CSV tfgrade writes or reads (gradebook.csv, the review sheet) goes through here: csv-stringify/csv-parse with
// strict options, text cells made inert for spreadsheets (formulas, control characters), and the exact inverse on read.
import { parse, CsvError } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** A cell: text (from students, LMS exports or TAs) or a number we computed. `undefined` is an empty cell. */
export type Cell = string | number | undefined;

// Characters that would be invisible, reorder the line, or drive a terminal when a TA opens the sheet: C0 (except
// tab and line feed), DEL, C1, the Arabic letter mark, LRM/RLM, the bidi embeddings/overrides/isolates, and lone
// surrogates (UTF-8 cannot carry them). `\` before `u{` is escaped too, so a student's literal `\u{41}` survives.
// eslint-disable-next-line no-control-regex
const ESCAPED =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\\(?=u\{)/g;
const ESCAPE = /\\u\{([0-9A-F]{1,6})\}/g;

const hex = (c: string) => `\\u{${c.charCodeAt(0).toString(16).toUpperCase()}}`;
/** Control and bidi characters written visibly as `\u{1B}` (upper-case hex); `unescapeControls` is its inverse. */
export const escapeControls = (s: string): string => s.replace(ESCAPED, hex);
/** The same for a message only (not reversible: a backslash stays as it is), so no value in it can drive a terminal. */
export const visibleControls = (s: string): string => s.replace(ESCAPED, (c) => (c === '\\' ? c : hex(c)));
export const unescapeControls = (s: string): string =>
  s.replace(ESCAPE, (m, hex: string) => (parseInt(hex, 16) <= 0x10ffff ? String.fromCodePoint(parseInt(hex, 16)) : m));

// OWASP's rule: a cell that starts with = + - @ tab or CR (or their full-width forms, which some spreadsheets accept),
// possibly after spaces, or that holds a separator of any locale (, ; tab |) followed by one of them, is a formula
// somewhere. A leading ' makes it text; a cell that already starts with ' gets one more, so reading takes one off.
const FORMULA = /^[ ]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]|[,;\t|][=+\-@\t\r\uff1d\uff0b\uff0d\uff20]|^'/;
// Quoted when it holds any locale's separator, a quote, a line break or edge spaces: a ';' spreadsheet keeps it whole.
const QUOTED = /[,;\t|"\n]|^\s|\s$/;

/** A text cell as written: controls escaped, then a leading ' where it could run as a formula. */
export function inertText(s: string): string {
  const e = escapeControls(s);
  return FORMULA.test(e) ? `'${e}` : e;
}

/** The text a cell of ours held, from what was read (the exact inverse of `inertText`). */
export const textOf = (cell: string): string => unescapeControls(cell.startsWith("'") ? cell.slice(1) : cell);

/** A number in plain decimal notation (never 1e-7), the shortest that reads back to the same number. */
export function plainNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`a CSV number cell must be finite, got ${x}`);
  const [mantissa, exp = '0'] = String(x).split('e');
  const e = Number(exp);
  if (e === 0) return mantissa;
  const neg = mantissa.startsWith('-');
  const [int, frac = ''] = (neg ? mantissa.slice(1) : mantissa).split('.');
  const digits = int + frac;
  const point = int.length + e;
  const body =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (neg ? '-' : '') + body;
}

/** RFC 4180 with CRLF line ends; numbers as plain decimals, text made inert and quoted where any locale would split it. */
export function writeCsv(rows: Cell[][]): string {
  const cells = rows.map((r) =>
    r.map((c) => (typeof c === 'number' ? plainNumber(c) : c === undefined ? '' : inertText(c))),
  );
  return stringify(cells, { record_delimiter: '\r\n', quoted_match: QUOTED, eof: true });
}

export interface CsvSyntaxError {
  /** 1-based row (record) where the problem is: the header is row 1, as a spreadsheet numbers them. */
  row: number;
  /** 0-based cell index, when known. */
  cell?: number;
  code: 'UNCLOSED_QUOTE' | 'STRAY_QUOTE' | 'CELL_COUNT' | 'CSV_SYNTAX';
  message: string;
}

const CODES: Record<string, CsvSyntaxError['code']> = {
  CSV_QUOTE_NOT_CLOSED: 'UNCLOSED_QUOTE',
  CSV_INVALID_CLOSING_QUOTE: 'STRAY_QUOTE',
  INVALID_OPENING_QUOTE: 'STRAY_QUOTE',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'CELL_COUNT',
};

/**
 * The raw cells of a CSV (nothing trimmed, nothing decoded), or where it stops being unambiguous: an unclosed or stray
 * quote, or a row with more or fewer cells than the header. A BOM is dropped; line ends are CRLF or LF (a bare CR is
 * no line end); line ends after the last row are ignored.
 */
export function readCsv(text: string): { rows: string[][] } | { error: CsvSyntaxError } {
  try {
    const rows = parse(text.replace(/(\r?\n)+$/, '\n'), {
      bom: true,
      relax_quotes: false,
      relax_column_count: false,
      record_delimiter: ['\r\n', '\n'],
      skip_empty_lines: false,
      quote: '"',
      escape: '"',
      delimiter: ',',
    }) as string[][];
    return { rows };
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const info = e as CsvError & { records?: number; column?: number; lines?: number };
    const code = CODES[e.code] ?? 'CSV_SYNTAX';
    const row = (info.records ?? 0) + 1;
    const where = info.lines !== undefined ? ` (the file's line ${info.lines})` : '';
    const message = {
      UNCLOSED_QUOTE: `a quoted cell opened in this row is never closed${where}: everything after it would be swallowed into one cell`,
      STRAY_QUOTE:
        e.code === 'INVALID_OPENING_QUOTE'
          ? `a quote in the middle of a cell${where}: quote the whole cell and double the quotes inside it`
          : `text after the closing quote of a quoted cell${where}: a quote inside the cell is not doubled, or the cell's quote is never closed and it ran on into the next rows`,
      CELL_COUNT: `this row has a different number of cells than the header${where}`,
      CSV_SYNTAX: `${e.message}`,
    }[code];
    return {
      error: {
        row,
        ...(typeof info.column === 'number' && code !== 'CELL_COUNT' ? { cell: info.column } : {}),
        code,
        message,
      },
    };
  }
}
