// `grade status`: one row per exercise (where the student stands now, and what waits for the course) and its total.
import type { ExerciseReport, PartReport } from '../model/report.js';
import type { Palette } from './palette.js';
import { points as pts } from '../util/numbers.js';
import { showControl } from '../util/control-chars.js';

export type StatusState = 'untouched starter' | 'missing file' | 'passing' | 'failing' | 'recorded';

export interface StatusRow {
  id: string;
  state: StatusState;
  /** `failing`: how many parts fail, of how many. */
  failing?: number;
  parts?: number;
  /** Points of the parts that pass now (immediate parts, graded here on the public cases). */
  now: number;
  /** Points of the parts awaiting the course's grading (recorded, or a human's review). */
  recorded: number;
  max: number;
}

export interface StatusTotal {
  now: number;
  recorded: number;
  max: number;
}

/** Parts that are not lost: passed now, or waiting for the course to grade them. */
const PENDING = new Set<PartReport['status']>(['recorded', 'needs-review']);

/** An exercise's row from its report (a file that was graded). */
export function gradedRow(ex: ExerciseReport): StatusRow {
  const pending = ex.parts.filter((p) => PENDING.has(p.status));
  const failing = ex.parts.filter((p) => p.status !== 'passed' && !PENDING.has(p.status));
  const now = ex.parts.filter((p) => !PENDING.has(p.status)).reduce((n, p) => n + p.score, 0);
  const recorded = pending.reduce((n, p) => n + p.maxScore, 0);
  const state: StatusState = failing.length ? 'failing' : pending.length === ex.parts.length ? 'recorded' : 'passing';
  return {
    id: ex.id,
    state,
    ...(failing.length ? { failing: failing.length, parts: ex.parts.length } : {}),
    now,
    recorded,
    max: ex.maxScore,
  };
}

/** A row for a file that was not graded: the kit's starter as shipped, or no file at all. */
export const ungradedRow = (id: string, state: 'untouched starter' | 'missing file', max: number): StatusRow => ({
  id,
  state,
  now: 0,
  recorded: 0,
  max,
});

export function statusTotal(rows: StatusRow[]): StatusTotal {
  return rows.reduce((t, r) => ({ now: t.now + r.now, recorded: t.recorded + r.recorded, max: t.max + r.max }), {
    now: 0,
    recorded: 0,
    max: 0,
  });
}

/** Exit 0 when every exercise with a file passes (recorded parts are fine: they are not graded here). */
export const statusPassed = (rows: StatusRow[]): boolean =>
  rows.every((r) => r.state === 'passing' || r.state === 'recorded' || r.state === 'missing file');

export const stateText = (r: StatusRow): string =>
  r.state === 'failing' ? `failing ${r.failing} of ${r.parts} parts` : r.state;

/** "15/80 now, up to 12 more after you submit" (the second half only when some points wait for the course). */
export const totalText = (t: StatusTotal): string =>
  `${pts(t.now)}/${pts(t.max)} now${t.recorded > 0 ? `, up to ${pts(t.recorded)} more after you submit` : ''}`;

function colorOf(c: Palette, r: StatusRow): (s: string) => string {
  if (r.state === 'passing') return c.green;
  if (r.state === 'recorded' || r.state === 'missing file') return c.dim;
  return r.state === 'failing' ? c.red : c.yellow;
}

export function renderStatus(rows: StatusRow[], c: Palette): string {
  const w = Math.max(8, ...rows.map((r) => r.id.length));
  const sw = Math.max(5, ...rows.map((r) => stateText(r).length));
  const num = (n: number) => pts(n).padStart(8);
  const out = [
    c.bold(
      `${'exercise'.padEnd(w)}  ${'state'.padEnd(sw)}  ${'now'.padStart(8)}  ${'recorded'.padStart(8)}  ${'max'.padStart(8)}`,
    ),
  ];
  for (const r of rows) {
    out.push(
      `${showControl(r.id).padEnd(w)}  ${colorOf(c, r)(stateText(r).padEnd(sw))}  ${num(r.now)}  ${num(r.recorded)}  ${num(r.max)}`,
    );
  }
  out.push('', `${c.bold('Total')} ${totalText(statusTotal(rows))}`);
  return `${out.join('\n')}\n`;
}

/** `--json`: the rows and the total, for machines. */
export const statusJson = (rows: StatusRow[]): string =>
  `${JSON.stringify({ exercises: rows, total: statusTotal(rows) }, null, 2)}\n`;
