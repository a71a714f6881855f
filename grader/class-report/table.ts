// The short table `grade batch` and `grade merge` print on stdout when they finish (progress and warnings go to stderr).
import { showControl } from '../util/control-chars.js';
import type { Summary } from './summary.js';
import type { SimilarityReport } from '../similarity/index.js';
import { plural } from '../util/plural.js';
import { points } from '../util/numbers.js';

const n = (x: number | null): string => (x === null ? '-' : points(x));
const pct = (x: number | null): string => (x === null ? '-' : `${Math.round(x * 100)}%`);

export function renderSummaryTable(s: Summary, opts: { out: string; resumed?: number; shard?: string }): string {
  const lines: string[] = [];
  const resumed = opts.resumed ? ` (${opts.resumed} kept from an earlier run)` : '';
  lines.push(
    `${plural(s.students, 'student')}${opts.shard ? ` in shard ${opts.shard}` : ''}${resumed}, ${s.allPassed} passed everything; total out of ${n(s.maxScore)}: mean ${n(s.mean)}, median ${n(s.median)}`,
  );
  if (s.exercises.length) {
    const rows = [['exercise', 'max', 'mean', 'median', 'passed', 'review', 'errors', 'timeouts', 'missing']];
    for (const e of s.exercises)
      rows.push([
        e.id,
        n(e.maxScore),
        n(e.mean),
        n(e.median),
        pct(e.passRate),
        String(e.needsReview),
        String(e.errors),
        String(e.timeouts),
        String(e.missing),
      ]);
    const width = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    for (const r of rows)
      lines.push(
        r
          .map((cell, c) => (c === 0 ? cell.padEnd(width[c]) : cell.padStart(width[c])))
          .join('  ')
          .trimEnd(),
      );
  }
  if (s.unattributed.length)
    lines.push(`${plural(s.unattributed.length, 'item')} not attributed to a student (listed in summary.json)`);
  if (s.similarity) {
    // Distinct student pairs: the same two students similar on 3 exercises are one pair, not 3.
    const distinct = new Set(
      s.similarity.exercises.flatMap((e) => e.pairs.map((p) => JSON.stringify([p.a, p.b].sort()))),
    );
    const exercises = s.similarity.exercises.filter((e) => e.pairs.length).length;
    const where = distinct.size ? ` in ${plural(exercises, 'exercise')}` : '';
    lines.push(
      `${plural(distinct.size, 'pair')} of students with similar code${where} (at or above ${Math.round(s.similarity.threshold * 100)}%)${distinct.size ? ': see summary.html' : ''}`,
    );
  }
  if (s.reviews.pending) lines.push(`${plural(s.reviews.pending, 'part')} awaiting review: grade review ${opts.out}`);
  if (s.ignored.length) lines.push(`${plural(s.ignored.length, 'older submission')} ignored (listed in summary.json)`);
  lines.push(`reports in ${opts.out}: <student>.json, summary.json, gradebook.csv, summary.html, lti-scores.json`);
  return `${lines.join('\n')}\n`;
}

/** grade similarity's answer: the pairs per exercise, most similar first, and where the side-by-side view is. */
export function renderSimilarityText(r: SimilarityReport, out: string): string {
  const lines: string[] = [];
  for (const e of r.exercises) {
    lines.push(
      `${e.exercise}: ${e.students} submissions, ${plural(e.pairs.length, 'similar pair')}${e.tooShort.length ? ` (${e.tooShort.length} too short to compare)` : ''}`,
    );
    for (const p of e.pairs)
      lines.push(
        `  ${pct(p.similarity).padStart(4)}  ${showControl(p.a)} and ${showControl(p.b)} (${plural(p.regions.length, 'matching region')})`,
      );
  }
  if (!r.exercises.length) lines.push('no exercise with code parts in this batch: nothing to compare');
  lines.push(
    `side by side in ${out}/summary.html; threshold ${pct(r.threshold)} of the smaller submission's fingerprints`,
  );
  return `${lines.join('\n')}\n`;
}
