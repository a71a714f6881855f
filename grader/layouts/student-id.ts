// Student ids become file names: percent-encoded so no id can traverse out of --out, collide, or shadow a batch output,
// and bounded (a readable prefix plus a hash of the whole id) so no id, however long, makes a name the disk refuses.
import { createHash } from 'node:crypto';

/** Files every batch folder holds besides the student reports; a student named like one of them is encoded apart. */
export const OUTPUT_FILES = [
  'summary.json',
  'gradebook.csv',
  'summary.html',
  'lti-scores.json',
  'reviews.json',
  'published.json',
  'canvas-import.csv',
] as const;
const RESERVED = new Set(OUTPUT_FILES.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)));

const SAFE = /[A-Za-z0-9_@+\-.]/;
const hex = (b: number): string => `%${b.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * Longest stem kept as it is (ASCII, so bytes). With `.json` and the atomic write's `.<pid>.<ms>.tmp` a name stays far
 * below the 255 bytes of NAME_MAX; a 42-letter Cyrillic name (252 bytes encoded) or a 235-letter one is bounded instead.
 */
export const MAX_PLAIN_STEM = 120;
const PREFIX = 96;
const HASH_HEX = 16;

/**
 * The stem as tfgrade 1 wrote it: every id percent-encoded, unbounded. Injective; '/', '\\', NUL, '%', spaces and
 * control characters are encoded, and so is a leading dot ('.', '..', hidden files). `--resume` still finds these.
 */
export function legacyStudentFile(id: string): string {
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

/**
 * The file stem of a student's report. Short ids without capitals keep the plain encoding (`alice`, `Zo%C3%AB`).
 * A longer encoding, or an id with an ASCII capital, becomes `<first 96 characters of it>~<16 hex of its sha256>`:
 * bounded, and apart on a case-insensitive disk too (macOS, Windows), where `Alice` and `alice` are one name. Plain
 * stems never hold '~' (it is encoded as %7E), their hex digits are always capitals and their letters never are, so
 * two plain stems equal up to case are equal; two hashed stems differ in their hash.
 */
export function studentFile(id: string): string {
  const plain = legacyStudentFile(id);
  if (plain.length <= MAX_PLAIN_STEM && !/[A-Z]/.test(id)) return plain;
  // The prefix is for the eye only: cut before a half escape so it never shows a broken %X.
  const prefix = plain.slice(0, PREFIX).replace(/%(?:u[0-9A-F]{0,3}|[0-9A-F]?)$/, '');
  return `${prefix}~${createHash('sha256').update(plain).digest('hex').slice(0, HASH_HEX)}`;
}

/** The id of a plain stem; undefined for a bounded (hashed) one, whose id only its report holds. */
export function decodeStudentFile(stem: string): string | undefined {
  if (stem.includes('~')) return undefined;
  return stem.replace(/%u[0-9A-F]{4}|(?:%[0-9A-F]{2})+/g, (m) =>
    m.startsWith('%u')
      ? String.fromCharCode(parseInt(m.slice(2), 16))
      : Buffer.from(
          m
            .slice(1)
            .split('%')
            .map((h) => parseInt(h, 16)),
        ).toString('utf8'),
  );
}

/** `<out>/<x>.json` files that are student reports (not batch outputs, not half-written temp files). */
export function isReportFileName(name: string): boolean {
  return name.endsWith('.json') && !(OUTPUT_FILES as readonly string[]).includes(name) && !name.startsWith('.');
}

/** Deterministic order of students everywhere (reports, CSV rows, LTI array): by id, code unit order, no locale. */
export const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
