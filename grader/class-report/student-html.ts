// summary.html's section per student: each part's score and the evidence behind it, at an anchor a TA can link to.
import type { ExerciseReport, PartReport } from '../model/report.js';
import { fenceLines, messageLines } from '../report/fence.js';
import { decisionNote, errorFacts, reviewNote } from '../report/part-details.js';
import { points, pointsOf } from '../util/numbers.js';
import { plural } from '../util/plural.js';
import { anchorPath, escapeHtml, hrefTo, type Anchors } from './html-escape.js';
import type { Graded } from '../model/student.js';

type Case = NonNullable<PartReport['cases']>[number];

/** Failing cases shown per part; the JSON report (linked beside) keeps them all. */
const MAX_CASES = 5;
/** Lines of a free-text answer shown (blank runs collapsed; an essay's paragraphs are long lines, kept whole). */
const MAX_ANSWER_LINES = 200;
/** Lines of a student's console output shown per exercise, as in the text report. */
const MAX_OUTPUT_LINES = 20;

/**
 * Text that may carry a student's lines (a thrown message, a value, a warning): its first line inline, the rest in a
 * quoted pre block, blank runs collapsed and capped (report/fence.ts), so 50 newlines and a fake total stay visibly theirs.
 */
function fencedHtml(text: string): string {
  const { head, rest } = messageLines(text, { prefix: '' });
  return escapeHtml(head) + (rest.length ? `<pre class="fenced">${escapeHtml(rest.join('\n'))}</pre>` : '');
}

const st = (status: string): string => `<span class="st ${escapeHtml(status)}">${escapeHtml(status)}</span>`;
const scoreHtml = (x: { score: number; maxScore: number }): string =>
  `<strong>${pointsOf(x.score, x.maxScore)}</strong>`;

/** Full marks and nothing a TA must look at: one line is enough. */
const compact = (p: PartReport): boolean =>
  p.status === 'passed' && p.score >= p.maxScore && !p.review && !p.warnings?.length && p.answer === undefined;

/** Failing cases, like the text report: expected and actual, error figures, then the mistake named and the hint. */
function casesHtml(cases: Case[]): string {
  const failing = cases.filter((x) => !x.passed);
  // The same diagnosis or hint on every failing case (a systematic mistake) is said once, under the first.
  const said = new Set<string>();
  const once = (label: string, text: string | undefined): string => {
    if (!text || said.has(text)) return '';
    said.add(text);
    return `<div class="why"><strong>${label}</strong> ${fencedHtml(text)}</div>`;
  };
  const items = failing.slice(0, MAX_CASES).map((x) => {
    const err = errorFacts(x);
    return (
      `<li><span class="label">${fencedHtml(x.label)}</span>` +
      (x.expected !== undefined ? `<div>expected <code>${fencedHtml(x.expected)}</code></div>` : '') +
      (x.actual !== undefined ? `<div>got <code>${fencedHtml(x.actual)}</code></div>` : '') +
      (err.length ? `<div class="dim">${escapeHtml(err.join(' · '))}</div>` : '') +
      (x.note ? `<div class="dim">${fencedHtml(x.note)}</div>` : '') +
      once('looks like', x.diagnosis?.message) +
      once('hint', x.hint) +
      '</li>'
    );
  });
  const more =
    failing.length > MAX_CASES
      ? `<li class="dim">… and ${failing.length - MAX_CASES} more failing cases in the JSON report</li>`
      : '';
  return items.length ? `<ul class="cases">${items.join('')}${more}</ul>` : '';
}

function partHtml(p: PartReport, id: string): string {
  const hidden = p.visibility === 'hidden';
  // A hidden part's view never relies on the engine having dropped its expected values: it shows no case at all.
  const message = hidden
    ? `Hidden test: ${p.status}. Hidden tests do not show their cases or expected values.`
    : p.message;
  const head = `<div class="head"><a class="pid" href="${hrefTo(id)}">${escapeHtml(p.id)}</a> ${st(p.status)} ${scoreHtml(p)} <span class="msg">${fencedHtml(message)}</span></div>`;
  if (compact(p)) return `<div class="part compact" id="${escapeHtml(id)}">${head}</div>`;
  const decision = decisionNote(p);
  const body = [
    // The decision is worded as every other view words it, with the automatic score it replaced.
    decision ? `<div class="review">${escapeHtml(decision)}</div>` : '',
    p.status === 'needs-review' ? `<div class="note">${escapeHtml(reviewNote(p))}</div>` : '',
    p.suggestedScore !== undefined && p.status !== 'needs-review'
      ? `<div class="note">the rubric suggested ${pointsOf(p.suggestedScore, p.maxScore)}</div>`
      : '',
    p.answer !== undefined
      ? `<div class="answer"><div class="dim">the student's answer</div><blockquote>${escapeHtml(fenceLines(p.answer, { prefix: '', maxLines: MAX_ANSWER_LINES, maxLineChars: 20_000 }).join('\n'))}</blockquote></div>`
      : '',
    // An answer shown in full says more than its case (a truncated quote of it and the rubric's note again).
    hidden || p.status === 'passed' || p.answer !== undefined ? '' : casesHtml(p.cases ?? []),
    ...(p.warnings ?? []).map((w) => `<div class="warn"><strong>warning</strong> ${fencedHtml(w)}</div>`),
  ];
  return `<div class="part ${escapeHtml(p.status)}" id="${escapeHtml(id)}">${head}${body.join('')}</div>`;
}

function exerciseHtml(e: ExerciseReport, studentAnchor: string, anchors: Anchors): string {
  const parts = e.parts.map((p) => partHtml(p, anchors.fresh(anchorPath(studentAnchor, e.id, p.id))));
  const lines = e.output?.trimEnd().split('\n') ?? [];
  // Blank runs collapsed and the rest counted, as in the text report; the JSON report keeps the output in full.
  const output = lines.length
    ? `<details class="output"><summary>output of the code (${plural(lines.length, 'line')})</summary><pre class="fenced">${escapeHtml(fenceLines(e.output ?? '', { prefix: '', maxLines: MAX_OUTPUT_LINES }).join('\n'))}</pre></details>`
    : '';
  return (
    `<h4 id="${escapeHtml(anchors.fresh(anchorPath(studentAnchor, e.id)))}">${escapeHtml(e.id)} — ${escapeHtml(e.title)} ${scoreHtml(e)} ${st(e.status)} <span class="dim">${escapeHtml(e.file)}</span></h4>` +
    parts.join('') +
    (e.warnings ?? []).map((w) => `<div class="warn"><strong>warning</strong> ${fencedHtml(w)}</div>`).join('') +
    output
  );
}

/** Links to every part that cost points, so "why did I lose this point?" starts from one line. */
function lostHtml(g: Graded, studentAnchor: string): string {
  const lost = g.report.exercises.flatMap((e) =>
    e.parts
      .filter((p) => p.score < p.maxScore)
      .map(
        (p) =>
          `<a href="${hrefTo(anchorPath(studentAnchor, e.id, p.id))}">${escapeHtml(`${e.id}.${p.id}`)}</a> ${p.status === 'needs-review' ? 'awaits review' : `−${points(p.maxScore - p.score)}`}`,
      ),
  );
  return lost.length ? `<p>Points not earned: ${lost.join(', ')}.</p>` : '<p>Every point earned.</p>';
}

/**
 * One collapsed section per student (300 students stay one readable page without a script); the browser opens it
 * when a link targets it or one of its parts. `studentAnchor` is the id the roster links to.
 */
export function studentHtml(g: Graded, studentAnchor: string, anchors: Anchors): string {
  const r = g.report;
  const summary = `<summary><strong>${escapeHtml(g.id)}</strong>${g.identity.name && g.identity.name !== g.id ? ` ${escapeHtml(g.identity.name)}` : ''} · ${scoreHtml(r)} ${st(r.status)}${g.late ? ' · late' : ''}</summary>`;
  const json = `<p class="dim">Full report: <a href="${escapeHtml(encodeURIComponent(`${g.file}.json`))}">${escapeHtml(`${g.file}.json`)}</a></p>`;
  const warnings = r.warnings.map((w) => `<div class="warn"><strong>warning</strong> ${escapeHtml(w)}</div>`).join('');
  return (
    `<details class="student" id="${escapeHtml(studentAnchor)}">${summary}${lostHtml(g, studentAnchor)}${json}` +
    `${r.exercises.map((e) => exerciseHtml(e, studentAnchor, anchors)).join('')}${warnings}</details>`
  );
}
