// Removes what could drive a terminal from untrusted text (student output, messages, answers) before any report shows it.

// CSI/OSC escape sequences (7-bit and 8-bit), other C0 and C1 controls (except tab and newline), and the Unicode
// bidi overrides/isolates that reorder what a terminal shows ("Trojan source"): student text must not drive the
// terminal or make a line read differently from what it says.
// eslint-disable-next-line no-control-regex
const CONTROL = /(\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(\u001b\]|\u009d)[^\u0007\u001b\u009c]*(\u0007|\u001b\\|\u009c)?|\u001b.?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function stripControl(s: string): string {
  return s.replace(CONTROL, '');
}
