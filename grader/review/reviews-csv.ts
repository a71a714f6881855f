// reviews.csv, for TAs who review in a spreadsheet: every part to review (and every override) out, filled-in scores back
// in. An import is checked whole first: any bad row names its row, column and a stable code, and nothing is written.
import { readCsv, textOf, visibleControls, writeCsv, type Cell } from '../util/csv.js';
import { findPart, keyOf, parseScore, draftDecision, type DecisionDraft } from './reviews.js';
import type { QueueItem } from './review-session.js';
import type { Graded } from '../model/student.js';

export const CSV_COLUMNS = [
  'student',
  'exercise',
  'part',
  'max_score',
  'suggested_score',
  'score',
  'kind',
  'comment',
  'reason',
  'answer_hash',
  'answer',
] as const;
const REQUIRED = ['student', 'exercise', 'part', 'score'] as const;
/** The answer column shows the start of an answer (the full one is in the report). */
export const ANSWER_CHARS = 500;

/** The queue (and any other override) as rows; `score` is empty where no one has decided yet. */
export function exportCsv(queue: QueueItem[], graded: Graded[]): string {
  const queued = new Set(queue.map(keyOf));
  const overrides = graded
    .flatMap((g) =>
      g.report.exercises.flatMap((e) =>
        e.parts
          .filter((p) => p.review?.kind === 'override')
          .map((p) => ({ student: g.id, exercise: e.id, part: p.id, p })),
      ),
    )
    .filter((x) => !queued.has(keyOf(x)));
  const rows: Cell[][] = [[...CSV_COLUMNS]];
  for (const x of [...queue, ...overrides]) {
    const p = x.p;
    // Cut by code points, so the cut never splits a character in two.
    const answer = p.answer === undefined ? undefined : Array.from(p.answer).slice(0, ANSWER_CHARS).join('');
    rows.push([
      x.student,
      x.exercise,
      x.part,
      p.maxScore,
      p.suggestedScore,
      p.review ? p.score : undefined,
      p.review?.kind ?? 'review',
      p.review?.comment,
      p.review?.reason,
      p.answerHash,
      answer,
    ]);
  }
  return writeCsv(rows);
}

/** Why a sheet (or one of its rows) is refused; stable, tests assert them. */
export type CsvProblemCode =
  | 'UNCLOSED_QUOTE'
  | 'STRAY_QUOTE'
  | 'CELL_COUNT'
  | 'CSV_SYNTAX'
  | 'CONTROL_CHARACTER'
  | 'MISSING_COLUMN'
  | 'UNKNOWN_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'UNKNOWN_STUDENT'
  | 'UNKNOWN_EXERCISE'
  | 'UNKNOWN_PART'
  | 'BAD_SCORE'
  | 'SCORE_OUT_OF_RANGE'
  | 'BAD_KIND'
  | 'MISSING_REASON'
  | 'NEEDS_NO_REVIEW'
  | 'ANSWER_CHANGED'
  | 'CONFLICTING_ROWS';

export interface CsvProblem {
  row: number;
  column: string;
  code: CsvProblemCode;
  message: string;
}

// A raw control or bidi character: the export writes them as \u{..}, so one here came from elsewhere and would be
// stored (and later shown) as it is.
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The rows with a score, as decisions; every problem of every row (1-based row numbers, header is row 1). */
export function importCsv(text: string, graded: Graded[]): { decisions: DecisionDraft[]; problems: CsvProblem[] } {
  const read = readCsv(text);
  if ('error' in read) {
    const { row, cell, code, message } = read.error;
    const first = readCsv(text.split(/\r?\n/)[0] ?? '');
    const name =
      cell === undefined ? '(any)' : (('rows' in first ? first.rows[0]?.[cell] : undefined) ?? `#${cell + 1}`);
    return { decisions: [], problems: [{ row, column: visibleControls(name), code, message }] };
  }
  const [header = [], ...rows] = read.rows;
  const problems: CsvProblem[] = [];
  // Messages quote the sheet's cells, and they are printed on a terminal.
  const bad = (row: number, column: string, code: CsvProblemCode, message: string): void => {
    problems.push({ row, column: visibleControls(column), code, message: visibleControls(message) });
  };
  header.forEach((h, i) => {
    if (RAW_CONTROL.test(h))
      bad(
        1,
        h,
        'CONTROL_CHARACTER',
        'a raw control character in the header: was the sheet saved with old Mac line ends (CR)? Save it as CSV with CRLF or LF',
      );
    else if (!(CSV_COLUMNS as readonly string[]).includes(h))
      bad(
        1,
        h,
        'UNKNOWN_COLUMN',
        `'${h}' is not a column of the review sheet (${CSV_COLUMNS.join(', ')})${h.includes(';') ? '; is the sheet separated by ; instead of commas? Save it as comma-separated CSV' : ''}`,
      );
    else if (header.indexOf(h) !== i)
      bad(1, h, 'DUPLICATE_COLUMN', `two columns are named '${h}': which one counts is ambiguous`);
  });
  for (const name of REQUIRED) if (!header.includes(name)) bad(1, name, 'MISSING_COLUMN', 'the column is missing');
  if (problems.length) return { decisions: [], problems };

  const chosen = new Map<string, { row: number; d: DecisionDraft }>();
  for (const [k, r] of rows.entries()) {
    const row = k + 2;
    const raw = header.findIndex((_, i) => RAW_CONTROL.test(r[i]));
    if (raw >= 0) {
      bad(
        row,
        header[raw],
        'CONTROL_CHARACTER',
        `a raw control or bidi character (U+${r[raw].codePointAt(r[raw].search(RAW_CONTROL))!.toString(16).toUpperCase().padStart(4, '0')}), which the export never writes as it is`,
      );
      continue;
    }
    // Text cells are read back exactly as exported (nothing trimmed: 'ana ' is not 'ana'); the score is read raw.
    const get = (name: string) => (header.includes(name) ? textOf(r[header.indexOf(name)]) : '');
    const scoreText = r[header.indexOf('score')];
    if (r.every((f) => f === '') || scoreText === '') continue;
    const [student, exercise, part] = [get('student'), get('exercise'), get('part')];
    const g = graded.find((x) => x.id === student);
    if (!g) {
      bad(row, 'student', 'UNKNOWN_STUDENT', `no student '${student}' in this batch`);
      continue;
    }
    const p = findPart(graded, student, exercise, part);
    if (!p) {
      if (g.report.exercises.some((e) => e.id === exercise))
        bad(row, 'part', 'UNKNOWN_PART', `no part ${exercise}.${part}`);
      else bad(row, 'exercise', 'UNKNOWN_EXERCISE', `no exercise '${exercise}'`);
      continue;
    }
    const score = parseScore(scoreText, p);
    if ('problem' in score) {
      bad(row, 'score', score.problem, score.message);
      continue;
    }
    const kind = get('kind') || 'review';
    if (kind !== 'review' && kind !== 'override') {
      bad(row, 'kind', 'BAD_KIND', `'${kind}' is neither review nor override`);
      continue;
    }
    if (kind === 'override' && !get('reason').trim()) {
      bad(row, 'reason', 'MISSING_REASON', 'an override needs a reason');
      continue;
    }
    if (kind === 'review' && (p.review?.automatic.status ?? p.status) !== 'needs-review') {
      bad(row, 'kind', 'NEEDS_NO_REVIEW', 'this part needs no review: an override (with a reason) changes its score');
      continue;
    }
    const hash = get('answer_hash');
    if (hash && hash !== p.answerHash) {
      bad(row, 'answer_hash', 'ANSWER_CHANGED', 'the answer changed since this sheet was exported: export again');
      continue;
    }
    const d = draftDecision({ student: g.id, exercise, part }, p, kind, score.score, {
      comment: get('comment'),
      reason: get('reason'),
    });
    // Two rows for one part: the same decision twice is one decision; two different ones are a question for the TA.
    const prev = chosen.get(keyOf(d));
    if (prev && JSON.stringify(prev.d) !== JSON.stringify(d)) {
      bad(
        row,
        'score',
        'CONFLICTING_ROWS',
        `rows ${prev.row} and ${row} decide ${student}'s ${exercise}.${part} differently: keep one of them`,
      );
      continue;
    }
    if (!prev) chosen.set(keyOf(d), { row, d });
  }
  return { decisions: [...chosen.values()].map((c) => c.d), problems };
}
