// reviews.csv, for TAs who review in a spreadsheet: every part to review (and every override) out, filled-in scores back
// in. An import is checked whole first: any bad row names its row and column, and nothing is written.
import { csvLine } from './gradebook.js';
import { findPart, undated, validScore, type Undated } from './reviews.js';
import type { QueueItem } from './review-session.js';
import type { Graded } from './summary.js';

export const CSV_COLUMNS = ['student', 'exercise', 'part', 'max_score', 'suggested_score', 'score', 'kind', 'comment', 'reason', 'answer_hash', 'answer'] as const;

/** The queue (and any override) as rows; `score` is empty where no one has decided yet. */
export function exportCsv(queue: QueueItem[], graded: Graded[]): string {
  const overrides = graded.flatMap((g) => g.report.exercises.flatMap((e) => e.parts.filter((p) => p.review?.kind === 'override').map((p) => ({ student: g.id, exercise: e.id, part: p.id, p }))));
  let out = csvLine([...CSV_COLUMNS]);
  for (const x of [...queue, ...overrides]) {
    const p = x.p;
    out += csvLine([x.student, x.exercise, x.part, p.maxScore, p.suggestedScore ?? '', p.review ? p.score : '', p.review?.kind ?? 'review', p.review?.comment, p.review?.reason, p.answerHash, p.answer?.slice(0, 500)]);
  }
  return out;
}

/** RFC 4180: quoted fields with doubled quotes, CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(field), (field = ''));
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      (row = []), (field = '');
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

export interface CsvProblem { row: number; column: string; message: string }

/** The rows with a score, as decisions; every problem of every row (1-based row numbers, header is row 1). */
export function importCsv(text: string, graded: Graded[]): { decisions: Undated[]; problems: CsvProblem[] } {
  const [header = [], ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  const col = (name: string) => header.indexOf(name);
  const problems: CsvProblem[] = [];
  for (const name of ['student', 'exercise', 'part', 'score']) if (col(name) < 0) problems.push({ row: 1, column: name, message: 'the column is missing' });
  if (problems.length) return { decisions: [], problems };
  const decisions: Undated[] = [];
  rows.forEach((r, k) => {
    const row = k + 2;
    const get = (name: string) => (col(name) >= 0 ? (r[col(name)] ?? '').trim() : '');
    if (r.every((f) => f.trim() === '') || get('score') === '') return;
    const bad = (column: string, message: string) => problems.push({ row, column, message });
    const g = graded.find((x) => x.id === get('student'));
    const p = findPart(graded, get('student'), get('exercise'), get('part'));
    if (!g) return bad('student', `no student '${get('student')}' in this batch`);
    if (!p) return bad(g.report.exercises.some((e) => e.id === get('exercise')) ? 'part' : 'exercise', `no part ${get('exercise')}.${get('part')}`);
    const score = Number(get('score'));
    if (!validScore(score, p)) return bad('score', `'${get('score')}' is not a score between 0 and ${p.maxScore}`);
    const kind = get('kind') || 'review';
    if (kind !== 'review' && kind !== 'override') return bad('kind', `'${kind}' is neither review nor override`);
    if (kind === 'override' && !get('reason')) return bad('reason', 'an override needs a reason');
    if (kind === 'review' && (p.review?.automatic.status ?? p.status) !== 'needs-review') return bad('kind', 'this part needs no review: an override (with a reason) changes its score');
    const hash = get('answer_hash');
    if (hash && hash !== p.answerHash) return bad('answer_hash', 'the answer changed since this sheet was exported: export again');
    decisions.push(undated({ student: g.id, exercise: get('exercise'), part: get('part') }, p, kind, score, { comment: get('comment'), reason: get('reason') }));
  });
  return { decisions, problems };
}
