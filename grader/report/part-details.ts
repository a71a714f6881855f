// Plain-text explanation of one part for LMS views (Gradescope, JUnit): hidden parts say their status and nothing else.
import type { PartReport } from '../model/report.js';
import { fencedMessage } from './fence.js';
import { points, pointsOf } from '../util/numbers.js';

/** Cases listed per part: an LMS text box is no place for hundreds of lines; the JSON report keeps them all. */
const MAX_CASES = 10;

type Case = NonNullable<PartReport['cases']>[number];

/** Tolerance and error figures of a case ("tolerance rtol 1e-4, atol 1e-5", "max abs error 0.0312", …); shared with the text report. */
export function errorFacts(x: Case): string[] {
  // A log10 check measures errors in decades: its "abs error" is a factor's exponent, and a relative error of logs means nothing.
  const log = x.tolerance?.startsWith('log10:') ?? false;
  return [
    x.tolerance ? `tolerance ${x.tolerance}` : '',
    x.maxAbsError !== undefined
      ? log
        ? `max log10 error ${x.maxAbsError.toPrecision(3)} decades (${factor(x.maxAbsError)})`
        : `max abs error ${x.maxAbsError.toPrecision(3)}`
      : '',
    x.maxRelError !== undefined && !log ? `max rel error ${x.maxRelError.toPrecision(3)}` : '',
    x.worstIndex !== undefined
      ? `worst at ${Array.isArray(x.worstIndex) ? `[${x.worstIndex.join(', ')}]` : x.worstIndex}`
      : '',
  ].filter(Boolean);
}

/** 2.06 decades as "a factor of 115": what a log10 error means for the values themselves. */
function factor(decades: number): string {
  const f = 10 ** decades;
  return `a factor of ${!Number.isFinite(f) ? 'more than 1e308' : f < 1e6 ? String(Number(f.toPrecision(3))) : f.toExponential(2)}`;
}

/** One line per fact of a case; `expected` never comes from a hidden part (callers check visibility first). */
function caseLines(x: Case): string[] {
  // Labels, values and notes may carry student text: any second line of it is fenced (report/fence.ts).
  const lines = [`${x.passed ? '✓' : '✗'} ${fencedMessage(x.label, '  ')}`];
  if (x.expected !== undefined) lines.push(`    expected ${fencedMessage(x.expected, '      ')}`);
  if (x.actual !== undefined) lines.push(`    got      ${fencedMessage(x.actual, '      ')}`);
  const err = errorFacts(x);
  if (err.length) lines.push(`    ${err.join(' · ')}`);
  if (x.note) lines.push(`    ${fencedMessage(x.note, '      ')}`);
  if (x.diagnosis) lines.push(`    looks like ${x.diagnosis.message}`);
  if (x.hint) lines.push(`    hint: ${x.hint}`);
  return lines;
}

/** "awaits manual review" text of a needs-review part, with the rubric's suggestion when there is one. */
export function reviewNote(p: PartReport): string {
  const suggestion =
    p.suggestedScore !== undefined
      ? `; the rubric suggests ${points(p.suggestedScore)} of ${points(p.maxScore)} points`
      : '';
  return `Awaits manual review: scored 0 until a grader reviews it${suggestion}.`;
}

/** "Reviewed by ta on 2026-11-30: 2/2 (automatic 0/2, needs-review). comment" — a human decision, with what it replaced. */
export function decisionNote(p: PartReport): string | undefined {
  const r = p.review;
  if (!r) return undefined;
  const what = r.kind === 'override' ? 'Overridden' : 'Reviewed';
  const said = [r.reason, r.comment].filter(Boolean).join(' — ');
  return `${what} by ${r.by} on ${r.at.slice(0, 10)}: ${pointsOf(p.score, p.maxScore)} (automatic ${pointsOf(r.automatic.score, p.maxScore)}, ${r.automatic.status})${said ? `. ${said}` : ''}`;
}

/**
 * The part's message plus its case details. Hidden parts give only their status: the engine already drops their
 * expected values, but a view must not rely on that (a hand-built or older report may still carry them).
 */
export function partDetails(p: PartReport): string {
  const decision = decisionNote(p);
  if (p.visibility === 'hidden') {
    const head = p.status === 'needs-review' ? `${reviewNote(p)}\n` : decision ? `${decision}\n` : '';
    return `${head}Hidden test: ${p.status}. Hidden tests do not show their cases or expected values.`;
  }
  // A part awaiting review leads with that: its 0 is provisional, which matters more than the rubric's message.
  // A human decision leads likewise: it is the score that counts, the automatic message is what it was made on.
  const message = fencedMessage(p.message, '  ');
  const out = p.status === 'needs-review' ? [reviewNote(p), message] : decision ? [decision, message] : [message];
  const cases = p.cases ?? [];
  // Failing cases first: they are what a student needs; passing ones only fill remaining room.
  const ordered = [...cases.filter((c) => !c.passed), ...cases.filter((c) => c.passed)];
  // A passed part's message already says "all N cases pass"; its cases would only repeat it.
  if (p.status !== 'passed') {
    for (const c of ordered.slice(0, MAX_CASES)) out.push(...caseLines(c));
    if (ordered.length > MAX_CASES) out.push(`… ${ordered.length - MAX_CASES} more cases in the JSON report`);
  }
  for (const w of p.warnings ?? []) out.push(`warning: ${fencedMessage(w, '  ')}`);
  return out.join('\n');
}
