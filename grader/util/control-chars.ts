// Untrusted text (student output, ids, upload and zip entry names, answers) made harmless before a terminal or page shows
// it: stripped where it is the student's own output, shown as visible escapes where a TA must see what was there.

// CSI/OSC escape sequences (7-bit and 8-bit), other C0 and C1 controls (except tab and newline), and the Unicode
// bidi overrides/isolates that reorder what a terminal shows ("Trojan source"): student text must not drive the
// terminal or make a line read differently from what it says.
// eslint-disable-next-line no-control-regex
const CONTROL =
  /(\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(\u001b\]|\u009d)[^\u0007\u001b\u009c]*(\u0007|\u001b\\|\u009c)?|\u001b.?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function stripControl(s: string): string {
  return s.replace(CONTROL, '');
}

/**
 * Every character that can drive a terminal or reorder a line: C0 (tab and newline too), ESC, DEL, C1, the bidi marks,
 * embeddings, overrides and isolates (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069) and the line/paragraph
 * separators (U+2028/9).
 */
// eslint-disable-next-line no-control-regex
const SHOWN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const SHOWN_KEEP_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

const visibleEscape = (ch: string): string => {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * The one sanitizer for student-controlled text on a TA's screen (progress, warnings, similarity, the review screen,
 * the text report, HTML pages): each dangerous character becomes its visible, inert escape (`\x1b`, `\x9b`, `\u202e`),
 * so the TA sees that it was there and nothing is executed or reordered. `keepLines` leaves tab and newline (multi-line
 * warnings, answers); without it a name stays on one line.
 */
export function showControl(s: string, opts: { keepLines?: boolean } = {}): string {
  return s.replace(opts.keepLines ? SHOWN_KEEP_LINES : SHOWN, visibleEscape);
}
