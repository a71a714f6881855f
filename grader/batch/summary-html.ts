// summary.html: one self-contained page (inline CSS and SVG, no script, no external asset) a TA opens in a browser.
import type { Counts, Summary } from './summary.js';

/** Every string that came from a student, a file name or an LMS export goes through this. */
export function escapeHtml(s: string | number | undefined | null): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const num = (x: number | null): string => (x === null ? '–' : String(Math.round(x * 100) / 100));
const pct = (x: number | null): string => (x === null ? '–' : `${Math.round(x * 100)}%`);

export interface Bin { label: string; count: number }

/** Integer bins 0..max for small totals, ten equal bins otherwise; a total equal to the maximum lands in the last bin. */
export function histogram(scores: number[], max: number): Bin[] {
  if (max <= 0) return [{ label: '0', count: scores.length }];
  if (Number.isInteger(max) && max <= 20) {
    const bins = Array.from({ length: max + 1 }, (_, i) => ({ label: String(i), count: 0 }));
    for (const s of scores) bins[Math.min(max, Math.max(0, Math.floor(s)))].count++;
    return bins;
  }
  const w = max / 10;
  const bins = Array.from({ length: 10 }, (_, i) => ({ label: `${num(i * w)}–${num((i + 1) * w)}`, count: 0 }));
  for (const s of scores) bins[Math.min(9, Math.max(0, Math.floor(s / w)))].count++;
  return bins;
}

function histogramSvg(bins: Bin[]): string {
  const W = 640, H = 220, pad = 30;
  const top = Math.max(1, ...bins.map((b) => b.count));
  const bw = (W - 2 * pad) / bins.length;
  const bars = bins.map((b, i) => {
    const r2 = (v: number): number => Math.round(v * 100) / 100;
    const h = r2(((H - 2 * pad) * b.count) / top);
    const x = r2(pad + i * bw);
    const y = r2(H - pad - h);
    return `<rect x="${x + 2}" y="${y}" width="${Math.max(1, Math.round((bw - 4) * 100) / 100)}" height="${h}" fill="#4c78a8"><title>${escapeHtml(b.label)}: ${b.count}</title></rect>`
      + (b.count ? `<text x="${r2(x + bw / 2)}" y="${r2(y - 4)}" text-anchor="middle">${b.count}</text>` : '')
      + `<text x="${r2(x + bw / 2)}" y="${H - pad + 14}" text-anchor="middle">${escapeHtml(b.label)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="histogram of total scores" font-size="11" font-family="sans-serif">`
    + `<line x1="${pad}" y1="${H - pad}" x2="${W - pad}" y2="${H - pad}" stroke="#888"/>${bars.join('')}</svg>`;
}

const rateBar = (r: number | null): string =>
  `<span class="bar"><span style="width:${r === null ? 0 : Math.round(r * 100)}%"></span></span> ${pct(r)}`;

function countCells(c: Counts): string {
  return [num(c.mean), num(c.median), rateBar(c.passRate), c.needsReview, c.errors, c.timeouts, c.missing].map((x) => `<td>${x}</td>`).join('');
}

function partsTable(s: Summary): string {
  const rows = s.exercises.flatMap((e) => [
    `<tr class="ex"><th>${escapeHtml(e.id)}</th><td>${escapeHtml(e.title)}</td><td>${num(e.maxScore)}</td>${countCells(e)}</tr>`,
    ...e.parts.map((p) => `<tr><td class="part">${escapeHtml(p.id)}</td><td>${escapeHtml(p.kind)}</td><td>${num(p.maxScore)}</td>${countCells(p)}</tr>`),
  ]);
  return `<table><thead><tr><th>exercise / part</th><th>title / check</th><th>max</th><th>mean</th><th>median</th><th>pass rate</th><th>review</th><th>errors</th><th>timeouts</th><th>missing</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function studentsTable(s: Summary): string {
  const rows = s.roster.map((r) => `<tr><td><a href="${escapeHtml(encodeURIComponent(r.report))}">${escapeHtml(r.id)}</a></td><td>${escapeHtml(r.name)}</td>`
    + `<td>${num(r.score)} / ${num(r.maxScore)}</td><td class="${r.passed ? 'ok' : 'bad'}">${escapeHtml(r.status)}</td><td>${r.late ? 'late' : ''}</td></tr>`);
  return `<table><thead><tr><th>student</th><th>name</th><th>score</th><th>status</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function listing(title: string, items: { path: string; reason: string; student?: string }[]): string {
  if (!items.length) return '';
  const li = items.map((u) => `<li><code>${escapeHtml(u.path)}</code>${u.student ? ` (${escapeHtml(u.student)})` : ''}: ${escapeHtml(u.reason)}</li>`);
  return `<h2>${escapeHtml(title)} (${items.length})</h2><ul>${li.join('')}</ul>`;
}

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}
td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left}tr.ex{background:#f3f5f8}td.part{padding-left:2em}
.bar{display:inline-block;width:80px;height:8px;background:#eee;vertical-align:middle}.bar span{display:block;height:8px;background:#59a14f}
.ok{color:#2a7a2a}.bad{color:#b03030}code{background:#f3f3f3;padding:0 3px}`;

/** Deterministic (no date, no duration): the same reports give the same page, with --jobs 1 or 8, merged or not. */
export function renderSummaryHtml(s: Summary): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>tfgrade batch summary</title><style>${CSS}</style></head><body>
<h1>tfgrade batch summary</h1>
<p>${s.students} student${s.students === 1 ? '' : 's'}${s.layout ? ` (${escapeHtml(s.layout)} layout)` : ''}; ${s.allPassed} passed everything.
Total out of ${num(s.maxScore)}: mean ${num(s.mean)}, median ${num(s.median)}, min ${num(s.min)}, max ${num(s.max)}.</p>
<h2>Total scores</h2>
${histogramSvg(histogram(s.roster.map((r) => r.score), s.maxScore))}
<h2>Exercises and parts</h2>
<p>Pass rate: students whose part (or whole exercise) passed. Review, errors, timeouts, missing: students with at least one such part.</p>
${partsTable(s)}
<h2>Students</h2>
${studentsTable(s)}
${listing('Not attributed to a student', s.unattributed)}
${listing('Ignored (older submissions)', s.ignored)}
</body></html>
`;
}
