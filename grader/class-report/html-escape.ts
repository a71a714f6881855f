// Escaping for summary.html: any text into HTML, and any id (a student's, a part's) into a unique, valid anchor.
import { createHash } from 'node:crypto';
import { showControl } from '../util/control-chars.js';
import { points } from '../util/numbers.js';

const MAX_ANCHOR = 120;

/** Every string that came from a student, a file name or an LMS export goes through this. */
export function escapeHtml(s: string | number | undefined | null): string {
  // Controls and bidi overrides would reorder or hide text on the page (and C0 is not valid HTML): shown as escapes.
  return showControl(String(s ?? ''), { keepLines: true }).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Rounded points as the text report prints them ("2", "0.5", "–" for none). */
export const pointsOrDash = (x: number | null): string => (x === null ? '–' : points(x));

const hex = (b: number): string => `~${b.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * One component of an anchor: letters, digits, '-' and '_' as they are, every other UTF-8 byte as ~XX (a lone
 * surrogate, which has no UTF-8 form, as ~uXXXX). Injective, never empty, never holding '.', whitespace, '%' or '#':
 * the result is a valid id, a fragment a browser needs not percent-decode, and components joined with '.' stay apart.
 * A leading '_' is escaped too, so the page's own ids (pageId: '_students', ...) can never be a student's. Longer than
 * 120 characters, it is bounded: a prefix, '~h' and a hash of the whole.
 */
export function anchorPart(id: string): string {
  if (!id) return '~~';
  let out = '';
  for (const ch of id) {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff) out += `~u${code.toString(16).toUpperCase()}`;
    else out += /[A-Za-z0-9_-]/.test(ch) ? ch : [...Buffer.from(ch, 'utf8')].map(hex).join('');
  }
  out = out.startsWith('_') ? hex(0x5f) + out.slice(1) : out;
  // A 235-letter or a long non-Latin id would make a link hundreds of characters long: bounded like report names, a
  // readable prefix and 16 hex of the SHA-256 of the whole; '~h' never occurs in an encoding ('~' precedes hex, u or ~).
  if (out.length <= MAX_ANCHOR) return out;
  const prefix = out.slice(0, 96).replace(/~(?:u[0-9A-F]{0,3}|[0-9A-F]?)$/, '');
  return `${prefix}~h${createHash('sha256').update(out).digest('hex').slice(0, 16)}`;
}

/** The id of a section of the page itself (roster, stale reviews, similarity...): no student's anchor can take it. */
export const pageId = (name: string): string => `_${name}`;

/** The anchor of a student's part (or exercise): components joined with '.', which no component holds. */
export const anchorPath = (student: string, ...rest: string[]): string => [student, ...rest.map(anchorPart)].join('.');

/**
 * Hands out the ids of one page, each once. The encoding is injective already; a repeated id (the same student twice
 * in a hand-made list) still gets a fresh one, as ids must be unique. Only the first holder is linked to from elsewhere.
 */
export class Anchors {
  private readonly taken = new Set<string>();

  fresh(base: string): string {
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}~~${n}`;
    this.taken.add(id);
    return id;
  }
}

/** An in-page link to an anchor (the anchor's characters are all safe in a fragment and in an attribute). */
export const hrefTo = (anchor: string): string => `#${escapeHtml(anchor)}`;
