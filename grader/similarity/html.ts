// The similarity section of summary.html: a table of similar pairs per exercise and their matching regions side by side.
import type { ExerciseSimilarity, SimilarPair, SimilarityReport } from './index.js';
import { MAX_REGION_LINES, type Region } from './regions.js';
import { plural } from '../util/plural.js';

type Escape = (s: string) => string;

/**
 * Styles for the classes below, for the host page's <style> (the fragment has no style or script of its own, so the
 * host decides whether and where CSS goes). Every class starts with `sim-` so none collides with the host's.
 */
export const SIMILARITY_CSS = `.sim-note{color:#555}.sim-pct{font-variant-numeric:tabular-nums;text-align:right}
.sim-high{color:#b03030;font-weight:600}.sim-pair{margin:.5em 0 1em}.sim-pair summary{cursor:pointer}
.sim-side{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin:4px 0 10px}
.sim-side pre{margin:0;padding:4px 6px;background:#f7f7f7;border:1px solid #ddd;overflow-x:auto;font-size:12px}
.sim-lines{color:#777;font-size:12px}`;

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** Region text with its line numbers in the margin, escaped line by line. */
function numbered(r: Region, escapeHtml: Escape): string {
  // Past the cap comes the "… (n more lines)" marker, which has no line number of its own.
  const shown = Math.min(r.to - r.from + 1, MAX_REGION_LINES);
  return r.text
    .split('\n')
    .map((l, i) => {
      const margin = i < shown ? String(r.from + i).padStart(4) : '    ';
      return `<span class="sim-lines">${margin}</span> ${escapeHtml(l)}`;
    })
    .join('\n');
}

function regionsView(p: SimilarPair, escapeHtml: Escape): string {
  const blocks = p.regions.map(
    (g) =>
      `<div class="sim-side">` +
      `<div><div class="sim-lines">${escapeHtml(p.a)}, lines ${g.a.from}–${g.a.to}</div><pre>${numbered(g.a, escapeHtml)}</pre></div>` +
      `<div><div class="sim-lines">${escapeHtml(p.b)}, lines ${g.b.from}–${g.b.to}</div><pre>${numbered(g.b, escapeHtml)}</pre></div></div>`,
  );
  return (
    `<details class="sim-pair"><summary>${escapeHtml(p.a)} and ${escapeHtml(p.b)}: ${pct(p.similarity)}, ` +
    `${plural(p.regions.length, 'matching region')}</summary>${blocks.join('')}</details>`
  );
}

function exerciseBlock(e: ExerciseSimilarity, threshold: number, escapeHtml: Escape): string {
  const head = `<h3>${escapeHtml(e.exercise)}</h3>`;
  const short = e.tooShort.length
    ? `<p class="sim-note">Not compared (too little code beyond the starter): ${e.tooShort.map(escapeHtml).join(', ')}.</p>`
    : '';
  if (e.students < 2)
    return `${head}<p class="sim-note">${e.students ? 'One submission' : 'No submission'} of this exercise: nothing to compare.</p>`;
  if (!e.pairs.length) {
    return `${head}<p class="sim-note">No pair of the ${e.students} submissions reaches ${pct(threshold)}.</p>${short}`;
  }
  const rows = e.pairs.map(
    (p) =>
      `<tr><td>${escapeHtml(p.a)}</td><td>${escapeHtml(p.b)}</td>` +
      // Emphasis only: most of the smaller file found in the other.
      `<td class="sim-pct${p.similarity >= 0.8 ? ' sim-high' : ''}">${pct(p.similarity)}</td>` +
      `<td class="sim-pct">${p.shared}</td><td class="sim-pct">${p.fingerprints.a} / ${p.fingerprints.b}</td></tr>`,
  );
  const table =
    `<table><thead><tr><th>student</th><th>student</th><th>similarity</th><th>shared</th><th>fingerprints</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`;
  return `${head}${table}${short}${e.pairs.map((p) => regionsView(p, escapeHtml)).join('')}`;
}

/**
 * An HTML fragment, `<section id="_similarity">`, for the host page to embed. Everything a student wrote (ids, code)
 * goes through `escapeHtml`; numbers are formatted here. Deterministic: the same report gives the same fragment.
 */
export function renderSimilarityHtml(report: SimilarityReport, escapeHtml: Escape): string {
  const flagged = report.exercises.reduce((s, e) => s + e.pairs.length, 0);
  const intro =
    `<p class="sim-note">${plural(flagged, 'pair')} at or above ${pct(report.threshold)} similarity, by ${escapeHtml(report.method)} ` +
    `(k ${report.k}, w ${report.w}; code shared by more than ${pct(report.maxShare)} of the class is ignored). ` +
    `Similarity is the share of the smaller submission's fingerprints found in the other: a reason to look, not a verdict.</p>`;
  const body = report.exercises.map((e) => exerciseBlock(e, report.threshold, escapeHtml)).join('\n');
  return `<section id="_similarity"><h2>Similar submissions</h2>${intro}\n${body}</section>`;
}
