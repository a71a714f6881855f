// The short table `grade batch` and `grade merge` print on stdout when they finish (progress and warnings go to stderr).
import type { Summary } from './summary.js';

const n = (x: number | null): string => (x === null ? '-' : String(Math.round(x * 100) / 100));
const pct = (x: number | null): string => (x === null ? '-' : `${Math.round(x * 100)}%`);

export function renderSummaryTable(s: Summary, opts: { out: string; resumed?: number; shard?: string }): string {
  const lines: string[] = [];
  const resumed = opts.resumed ? ` (${opts.resumed} kept from an earlier run)` : '';
  lines.push(`${s.students} student${s.students === 1 ? '' : 's'}${opts.shard ? ` in shard ${opts.shard}` : ''}${resumed}, ${s.allPassed} passed everything; total out of ${n(s.maxScore)}: mean ${n(s.mean)}, median ${n(s.median)}`);
  if (s.exercises.length) {
    const rows = [['exercise', 'max', 'mean', 'median', 'passed', 'review', 'errors', 'timeouts', 'missing']];
    for (const e of s.exercises) rows.push([e.id, n(e.maxScore), n(e.mean), n(e.median), pct(e.passRate), String(e.needsReview), String(e.errors), String(e.timeouts), String(e.missing)]);
    const width = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    for (const r of rows) lines.push(r.map((cell, c) => (c === 0 ? cell.padEnd(width[c]) : cell.padStart(width[c]))).join('  ').trimEnd());
  }
  if (s.unattributed.length) lines.push(`${s.unattributed.length} item${s.unattributed.length === 1 ? '' : 's'} not attributed to a student (listed in summary.json)`);
  if (s.ignored.length) lines.push(`${s.ignored.length} older submission${s.ignored.length === 1 ? '' : 's'} ignored (listed in summary.json)`);
  lines.push(`reports in ${opts.out}: <student>.json, summary.json, gradebook.csv, summary.html, lti-scores.json`);
  return lines.join('\n') + '\n';
}
