// The human report: a view of the result model for a terminal (a student reading why each part passed or not).
import { showControl } from '../util/control-chars.js';
import type { PartReport, Report } from '../model/report.js';
import type { Palette } from './palette.js';
import { decisionNote, errorFacts } from './part-details.js';
import { points, pointsOf } from '../util/numbers.js';
import { fenceLines, messageLines } from './fence.js';

const MARK: Record<PartReport['status'], string> = {
  passed: '✓',
  failed: '✗',
  partial: '◐',
  error: '!',
  timeout: '⏱',
  missing: '?',
  'needs-review': '…',
  recorded: '•',
};

function colorOf(c: Palette, status: PartReport['status']): (s: string) => string {
  if (status === 'passed') return c.green;
  if (status === 'partial' || status === 'needs-review') return c.yellow;
  if (status === 'recorded') return c.dim;
  return c.red;
}

/** `verbose`: every case the report holds, passing ones too (marked ✓), with no "… and N more" cut. */
function caseLines(c: Palette, p: PartReport, verbose = false): string[] {
  if (!p.cases || (p.status === 'passed' && !verbose)) return [];
  const failing = p.cases.filter((x) => !x.passed);
  const shown = verbose ? p.cases : failing.slice(0, 3);
  const lines: string[] = [];
  // The same diagnosis or hint on every failing case (a systematic mistake) is said once, under the first.
  const said = new Set<string>();
  const once = (label: string, text: string | undefined) => {
    if (text && !said.has(text)) lines.push(...fenced(`        ${c.yellow(label)} `, text, '          ', c));
    if (text) said.add(text);
  };
  for (const x of shown) {
    lines.push(
      ...fenced(
        `      ${c.dim('case')} ${verbose ? `${x.passed ? c.green('✓') : c.red('✗')} ` : ''}`,
        x.label,
        '        ',
        c,
      ),
    );
    if (x.expected !== undefined) lines.push(...fenced('        expected ', x.expected, '          ', c));
    if (x.actual !== undefined) lines.push(...fenced('        got      ', x.actual, '          ', c));
    const err = errorFacts(x);
    if (err.length) lines.push(`        ${c.dim(err.join(' · '))}`);
    if (x.note) lines.push(...fenced('        ', x.note, '          ', c, c.dim));
    // What went wrong, in words: the mistake the grader recognized, and the author's hint for it.
    once('looks like', x.diagnosis?.message);
    once('hint', x.hint);
  }
  if (!verbose && failing.length > 3) lines.push(`      ${c.dim(`… and ${failing.length - 3} more failing cases`)}`);
  return lines;
}

/**
 * A line that may end in student text: its first line after `lead`, any further lines fenced and indented, so a thrown
 * message cannot print lines that pass for the grader's own (a fake "Total 4/4").
 */
function fenced(
  lead: string,
  text: string,
  indent: string,
  c: Palette,
  style: (s: string) => string = (s) => s,
): string[] {
  // Shown, never obeyed: a control or bidi character in student text or an upload name becomes a visible escape.
  const { head, rest } = messageLines(showControl(text, { keepLines: true }));
  return [`${lead}${style(head)}`, ...rest.map((l) => `${indent}${c.dim(l)}`)];
}

export function renderText(r: Report, c: Palette, opts: { verbose?: boolean } = {}): string {
  const out: string[] = [];
  out.push(
    c.bold(`tfgrade ${r.tool.version}`) +
      c.dim(
        ` · ${r.submission.student ? `${showControl(r.submission.student)} · ` : ''}${showControl(r.submission.path)} · backend ${r.backend.name} · sandbox ${r.sandbox.level}`,
      ),
  );
  // Why auto passed over an installed native backend: a TA who built one should not have to guess.
  if (
    opts.verbose ||
    (r.backend.requested === 'auto' &&
      r.backend.name !== 'tensorflow' &&
      /@tensorflow\/tfjs-node/.test(r.backend.reason))
  )
    out.push(c.dim(`backend: ${r.backend.reason}`));
  for (const ex of r.exercises) {
    out.push('');
    const head = `${ex.id} — ${ex.title}`;
    out.push(
      `${c.bold(head)}${' '.repeat(Math.max(1, 58 - head.length))}${colorOf(c, ex.status)(pointsOf(ex.score, ex.maxScore))}`,
    );
    const width = Math.max(...ex.parts.map((p) => p.id.length));
    for (const p of ex.parts) {
      const col = colorOf(c, p.status);
      const score = pointsOf(p.score, p.maxScore).padStart(7);
      out.push(
        ...fenced(
          `  ${col(MARK[p.status])} ${p.id.padEnd(width)} ${score}  `,
          p.message,
          '      ',
          c,
          p.status === 'passed' && !opts.verbose ? c.dim : undefined,
        ),
      );
      const decision = decisionNote(p);
      if (decision) out.push(`      ${c.bold(decision)}`);
      else if (p.suggestedScore !== undefined)
        out.push(`      ${c.dim(`suggested ${pointsOf(p.suggestedScore, p.maxScore)} pending review`)}`);
      out.push(...caseLines(c, p, opts.verbose));
      for (const w of p.warnings ?? []) out.push(...fenced(`      ${c.yellow('warning')} `, w, '        ', c));
    }
    for (const d of ex.typeErrors ?? [])
      out.push(
        ...fenced(`  ${c.yellow('type error')} `, `${d.file}:${d.line}:${d.col} TS${d.code} ${d.message}`, '    ', c),
      );
    for (const w of ex.warnings ?? []) out.push(...fenced(`  ${c.yellow('warning')} `, w, '    ', c));
    if (ex.output) {
      out.push(`  ${c.dim('output of your code:')}`);
      out.push(...fenceLines(ex.output).map((l) => `  ${c.dim(l.slice(0, 1))}${l.slice(1)}`));
    }
  }
  const parts = r.exercises.flatMap((e) => e.parts);
  const passed = parts.filter((p) => p.status === 'passed').length;
  out.push('');
  if (r.exercises.length > 1) out.push(...summaryTable(r, c), '');
  // Warnings name upload and zip entry names: a control or bidi character in them is shown, never obeyed.
  for (const w of r.warnings) out.push(...fenced(`${c.yellow('warning')} `, w, '  ', c));
  // A student kit: points of parts checked only for form are not lost, they are graded after submission.
  const recorded = parts.filter((p) => p.status === 'recorded');
  const later = recorded.length
    ? ` now · up to ${points(recorded.reduce((a, p) => a + p.maxScore, 0))} more after you submit`
    : '';
  out.push(
    `${c.bold('Total')} ${colorOf(c, r.status)(pointsOf(r.score, r.maxScore))}${later} · ${passed} of ${parts.length} parts passed · ${(r.durationMs / 1000).toFixed(1)} s`,
  );
  return `${out.join('\n')}\n`;
}

/** One line per exercise, so a whole-catalog run ends with the overview a student scrolls for. */
function summaryTable(r: Report, c: Palette): string[] {
  const w = Math.max(8, ...r.exercises.map((e) => e.id.length));
  const lines = [c.bold(`${'exercise'.padEnd(w)}  ${'score'.padStart(7)}  parts  status`)];
  for (const e of r.exercises) {
    const ok = e.parts.filter((p) => p.status === 'passed').length;
    lines.push(
      `${e.id.padEnd(w)}  ${pointsOf(e.score, e.maxScore).padStart(7)}  ${`${ok}/${e.parts.length}`.padStart(5)}  ${colorOf(c, e.status)(e.status)}`,
    );
  }
  return lines;
}
