// Student text (thrown messages, answers, console output) fenced off from the grader's own lines wherever a view shows it.
import { plural } from '../util/plural.js';

/**
 * Why: a message of 50 newlines and a fake "Total 4/4" would otherwise read as the grader's own summary. Fenced, every
 * line of it sits behind a quote mark, a run of blank lines is one visible marker, and a long text ends in "… N more lines".
 */
export interface FenceOptions {
  /** Put before every line; blank lines get it without its trailing space. */
  prefix?: string;
  /** Lines kept; the rest become one "… N more lines" line. */
  maxLines?: number;
  /** Characters kept of one line; the rest become "… (N more characters)". */
  maxLineChars?: number;
}

export const FENCE = '│ ';
const DEFAULTS: Required<FenceOptions> = { prefix: FENCE, maxLines: 20, maxLineChars: 300 };

/** Lines with blank runs collapsed: one or two blank lines become one, more become a marker saying how many. */
function collapse(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (lines[i].trim() !== '') {
      out.push(lines[i].trimEnd());
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j].trim() === '') j++;
    out.push(j - i > 2 ? `… ${j - i} blank lines` : '');
    i = j;
  }
  return out;
}

/** The text as fenced lines: quoted, blank runs collapsed, leading and trailing blank lines dropped, capped. */
export function fenceLines(text: string, options: FenceOptions = {}): string[] {
  const o = { ...DEFAULTS, ...options };
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  while (raw.length && raw[raw.length - 1].trim() === '') raw.pop();
  let start = 0;
  while (start < raw.length && raw[start].trim() === '') start++;
  // A leading blank run is kept as its marker when long: it is how a fake block hides below the real line.
  const lines = collapse(start > 2 ? raw : raw.slice(start));
  const kept = lines
    .slice(0, o.maxLines)
    .map((l) =>
      l.length > o.maxLineChars ? `${l.slice(0, o.maxLineChars)}… (${l.length - o.maxLineChars} more characters)` : l,
    );
  const more = lines.length - o.maxLines;
  if (more > 0) kept.push(`… ${plural(more, 'more line')}`);
  return kept.map((l) => (l === '' ? o.prefix.trimEnd() : `${o.prefix}${l}`));
}

/**
 * A one-line message that may carry student text: its first line stays where the view puts it, and every further line
 * is fenced below it. A message without a newline is returned as it is.
 */
export function messageLines(text: string, options: FenceOptions = {}): { head: string; rest: string[] } {
  const nl = text.search(/\r\n?|\n/);
  if (nl < 0) return { head: text, rest: [] };
  return { head: text.slice(0, nl).trimEnd(), rest: fenceLines(text.slice(nl).replace(/^\r?\n|^\r/, ''), options) };
}

/** messageLines as one string, the fenced lines indented by `indent`: for views that show a message as a block. */
export function fencedMessage(text: string, indent = '', options: FenceOptions = {}): string {
  const { head, rest } = messageLines(text, options);
  return [head, ...rest.map((l) => `${indent}${l}`)].join('\n');
}
