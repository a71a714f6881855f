// summary.html: one self-contained page (inline CSS and SVG, no script, no external asset) a TA opens in a browser.
import { Anchors, anchorPart, anchorPath, escapeHtml, hrefTo, pageId, pointsOrDash } from './html-escape.js';
import { studentHtml } from './student-html.js';
import { roundTo } from '../util/numbers.js';
import { plural } from '../util/plural.js';
import { SIMILARITY_CSS, renderSimilarityHtml } from '../similarity/html.js';
import type { Counts, Summary } from './summary.js';
import type { Graded } from '../model/student.js';

export { escapeHtml };
const pct = (x: number | null): string => (x === null ? '–' : `${Math.round(x * 100)}%`);

export interface Bin {
  label: string;
  count: number;
}

/** Integer bins 0..max for small totals, ten equal bins otherwise; a total equal to the maximum lands in the last bin. */
export function histogram(scores: number[], max: number): Bin[] {
  if (max <= 0) return [{ label: '0', count: scores.length }];
  if (Number.isInteger(max) && max <= 20) {
    const bins = Array.from({ length: max + 1 }, (_, i) => ({ label: String(i), count: 0 }));
    for (const s of scores) bins[Math.min(max, Math.max(0, Math.floor(s)))].count++;
    return bins;
  }
  const w = max / 10;
  const bins = Array.from({ length: 10 }, (_, i) => ({
    label: `${pointsOrDash(i * w)}–${pointsOrDash((i + 1) * w)}`,
    count: 0,
  }));
  for (const s of scores) bins[Math.min(9, Math.max(0, Math.floor(s / w)))].count++;
  return bins;
}

function histogramSvg(bins: Bin[]): string {
  const W = 640,
    H = 220,
    pad = 30;
  const top = Math.max(1, ...bins.map((b) => b.count));
  const bw = (W - 2 * pad) / bins.length;
  const bars = bins.map((b, i) => {
    const r2 = (v: number): number => roundTo(v, 2);
    const h = r2(((H - 2 * pad) * b.count) / top);
    const x = r2(pad + i * bw);
    const y = r2(H - pad - h);
    return (
      `<rect x="${x + 2}" y="${y}" width="${Math.max(1, roundTo(bw - 4, 2))}" height="${h}" fill="#4c78a8"><title>${escapeHtml(b.label)}: ${b.count}</title></rect>` +
      (b.count ? `<text x="${r2(x + bw / 2)}" y="${r2(y - 4)}" text-anchor="middle">${b.count}</text>` : '') +
      `<text x="${r2(x + bw / 2)}" y="${H - pad + 14}" text-anchor="middle">${escapeHtml(b.label)}</text>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="histogram of total scores" font-size="11" font-family="sans-serif">` +
    `<line x1="${pad}" y1="${H - pad}" x2="${W - pad}" y2="${H - pad}" stroke="#888"/>${bars.join('')}</svg>`
  );
}

const rateBar = (r: number | null): string =>
  `<span class="bar"><span style="width:${r === null ? 0 : Math.round(r * 100)}%"></span></span> ${pct(r)}`;

function countCells(c: Counts): string {
  return [
    pointsOrDash(c.mean),
    pointsOrDash(c.median),
    rateBar(c.passRate),
    c.needsReview,
    c.errors,
    c.timeouts,
    c.missing,
  ]
    .map((x) => `<td>${x}</td>`)
    .join('');
}

function partsTable(s: Summary): string {
  const rows = s.exercises.flatMap((e) => [
    `<tr class="ex"><th>${escapeHtml(e.id)}</th><td>${escapeHtml(e.title)}</td><td>${pointsOrDash(e.maxScore)}</td>${countCells(e)}</tr>`,
    ...e.parts.map(
      (p) =>
        `<tr><td class="part">${escapeHtml(p.id)}</td><td>${escapeHtml(p.kind)}</td><td>${pointsOrDash(p.maxScore)}</td>${countCells(p)}</tr>`,
    ),
  ]);
  return `<table><thead><tr><th>exercise / part</th><th>title / check</th><th>max</th><th>mean</th><th>median</th><th>pass rate</th><th>review</th><th>errors</th><th>timeouts</th><th>missing</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The roster: each student links to their section on this page, and to their JSON report beside it. */
function studentsTable(s: Summary, anchorOf: Map<string, string>): string {
  const rows = s.roster.map((r) => {
    const anchor = anchorOf.get(r.id);
    const who = anchor === undefined ? escapeHtml(r.id) : `<a href="${hrefTo(anchor)}">${escapeHtml(r.id)}</a>`;
    return (
      `<tr><td>${who}</td><td>${escapeHtml(r.name)}</td><td>${pointsOrDash(r.score)} / ${pointsOrDash(r.maxScore)}</td>` +
      `<td class="${r.passed ? 'ok' : 'bad'}">${escapeHtml(r.status)}</td><td>${r.late ? 'late' : ''}</td>` +
      `<td><a href="${escapeHtml(encodeURIComponent(r.report))}">JSON</a></td></tr>`
    );
  });
  return `<table><thead><tr><th>student</th><th>name</th><th>score</th><th>status</th><th></th><th>report</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Decisions made on an answer the student has since replaced: not applied, so the TA must decide again. */
function staleList(s: Summary, anchorOf: Map<string, string>): string {
  if (!s.reviews.stale.length) return '';
  const li = s.reviews.stale.map((d) => {
    const anchor = anchorOf.get(d.student);
    const what = escapeHtml(`${d.student}: ${d.exercise}.${d.part}`);
    return `<li>${anchor === undefined ? what : `<a href="${hrefTo(anchorPath(anchor, d.exercise, d.part))}">${what}</a>`}, by ${escapeHtml(d.by)} at ${escapeHtml(d.at)}</li>`;
  });
  return (
    `<h2 id="${pageId('stale-reviews')}">Stale reviews (${s.reviews.stale.length})</h2>` +
    `<p>Made on an earlier answer: the student resubmitted, so these decisions are not applied. Review these parts again.</p><ul>${li.join('')}</ul>`
  );
}

function listing(title: string, items: { path: string; reason: string; student?: string }[]): string {
  if (!items.length) return '';
  const li = items.map(
    (u) =>
      `<li><code>${escapeHtml(u.path)}</code>${u.student ? ` (${escapeHtml(u.student)})` : ''}: ${escapeHtml(u.reason)}</li>`,
  );
  return `<h2>${escapeHtml(title)} (${items.length})</h2><ul>${li.join('')}</ul>`;
}

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}
td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left}tr.ex{background:#f3f5f8}td.part{padding-left:2em}
.bar{display:inline-block;width:80px;height:8px;background:#eee;vertical-align:middle}.bar span{display:block;height:8px;background:#59a14f}
.ok{color:#2a7a2a}.bad{color:#b03030}code{background:#f3f3f3;padding:0 3px;word-break:break-all}.dim{color:#666}
details.student{border-top:1px solid #ddd;padding:4px 0}details.student>summary{cursor:pointer;font-size:15px}
.student .part{margin:3px 0 3px 1em;padding:2px 8px;border-left:4px solid #d4a017}.student .part.passed{border-color:#59a14f}
.student :is(.failed,.error,.timeout,.missing).part{border-color:#b03030}.student .part:target{background:#fff6d5}
.pid{font-weight:bold;text-decoration:none}.msg{white-space:pre-wrap}.cases{margin:2px 0}.cases .label{font-style:italic}
.st{font-variant:small-caps}.st.passed{color:#2a7a2a}.st.failed,.st.error,.st.timeout,.st.missing{color:#b03030}
.review{background:#eef4ff;padding:2px 6px;margin:2px 0}.warn strong,.why strong{color:#a66a00}
blockquote{white-space:pre-wrap;margin:2px 1em;padding:4px 8px;background:#f7f7f7;border-left:3px solid #999}
h4{margin:10px 0 2px}details.output{margin-left:1em}pre{background:#f7f7f7;padding:4px 8px;overflow-x:auto}
pre.fenced{margin:2px 1em;border-left:3px solid #999;white-space:pre-wrap}`;

/**
 * Deterministic (no date but a review's, no duration): the same reports give the same page, with --jobs 1 or 8,
 * merged or not. `graded` gives each student's section; the similar pairs (when the summary has them) follow the roster.
 */
export function renderSummaryHtml(s: Summary, graded: Graded[]): string {
  const anchors = new Anchors();
  const anchorOf = new Map<string, string>();
  // Every student anchor first: part anchors extend them, and a student's own must not depend on page order.
  const mine = graded.map((g) => {
    const anchor = anchors.fresh(anchorPart(g.id));
    if (!anchorOf.has(g.id)) anchorOf.set(g.id, anchor);
    return anchor;
  });
  const sections = graded.map((g, i) => studentHtml(g, mine[i], anchors));
  const r = s.reviews;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>tfgrade batch summary</title><style>${CSS}
${SIMILARITY_CSS}</style></head><body>
<h1>tfgrade batch summary</h1>
<p>${plural(s.students, 'student')}${s.layout ? ` (${escapeHtml(s.layout)} layout)` : ''}; ${s.allPassed} passed everything.
Total out of ${pointsOrDash(s.maxScore)}: mean ${pointsOrDash(s.mean)}, median ${pointsOrDash(s.median)}, min ${pointsOrDash(s.min)}, max ${pointsOrDash(s.max)}.
Reviews: ${r.decided} decided, ${r.pending} awaiting review${r.stale.length ? `, <a href="${hrefTo(pageId('stale-reviews'))}">${r.stale.length} stale</a>` : ''}.</p>
<h2 id="${pageId('scores')}">Total scores</h2>
${histogramSvg(
  histogram(
    s.roster.map((x) => x.score),
    s.maxScore,
  ),
)}
<h2 id="${pageId('exercises')}">Exercises and parts</h2>
<p>Pass rate: students whose part (or whole exercise) passed. Review, errors, timeouts, missing: students with at least one such part.</p>
${partsTable(s)}
<h2 id="${pageId('students')}">Students</h2>
${studentsTable(s, anchorOf)}
${s.similarity ? renderSimilarityHtml(s.similarity, escapeHtml) : ''}
${staleList(s, anchorOf)}
${listing('Not attributed to a student', s.unattributed)}
${listing('Ignored (older submissions)', s.ignored)}
<h2 id="${pageId('details')}">Every student's parts</h2>
<p>Each part: status, score, the grader's message, and for lost points the failing cases (expected and actual), the mistake
the grader recognized and the exercise's hint. Each student and each part has its own anchor (<code>#student.exercise.part</code>) to link to.</p>
${sections.join('\n')}
</body></html>
`;
}
