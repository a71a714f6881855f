// Student ids become file names: percent-encoded so no id can traverse out of --out, collide, or shadow a batch output.
/** Files every batch folder holds besides the student reports; a student named like one of them is encoded apart. */
export const OUTPUT_FILES = ['summary.json', 'gradebook.csv', 'summary.html', 'lti-scores.json', 'reviews.json', 'published.json', 'canvas-import.csv'] as const;
const RESERVED = new Set(OUTPUT_FILES.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)));

const SAFE = /[A-Za-z0-9_@+\-.]/;
const hex = (b: number): string => `%${b.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * The file stem of a student's report. Injective (decodeStudentFile inverts it), so two students never share a file;
 * '/', '\\', NUL, '%', spaces and control characters are encoded, and so is a leading dot ('.', '..', hidden files).
 */
export function studentFile(id: string): string {
  if (!id) throw new Error('empty student id');
  let out = '';
  for (const ch of id) {
    const code = ch.charCodeAt(0);
    // A lone UTF-16 surrogate has no UTF-8 form (it would become U+FFFD and collide): it gets its own %uXXXX escape.
    if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff) out += `%u${code.toString(16).toUpperCase()}`;
    else out += SAFE.test(ch) ? ch : [...Buffer.from(ch, 'utf8')].map(hex).join('');
  }
  if (out.startsWith('.')) out = hex(0x2e) + out.slice(1);
  // 'summary' would overwrite summary.json: encode its first letter so the name differs but still decodes to the id.
  if (RESERVED.has(out.toLowerCase())) out = hex(out.charCodeAt(0)) + out.slice(1);
  return out;
}

export function decodeStudentFile(stem: string): string {
  return stem.replace(/%u[0-9A-F]{4}|(?:%[0-9A-F]{2})+/g, (m) =>
    m.startsWith('%u') ? String.fromCharCode(parseInt(m.slice(2), 16)) : Buffer.from(m.slice(1).split('%').map((h) => parseInt(h, 16))).toString('utf8'));
}

/** `<out>/<x>.json` files that are student reports (not batch outputs, not half-written temp files). */
export function isReportFileName(name: string): boolean {
  return name.endsWith('.json') && !(OUTPUT_FILES as readonly string[]).includes(name) && !name.startsWith('.');
}

/** Deterministic order of students everywhere (reports, CSV rows, LTI array): by id, code unit order, no locale. */
export const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
