// <out>/published.json: what was posted where, so a re-run posts only what changed and LTI timestamps keep increasing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { TfgradeError } from '../util/errors.js';

export const PUBLISHED_VERSION = 1;

export interface PublishedEntry {
  student: string;
  lmsUser: string;
  /** The assignment id or line item URL. */
  target: string;
  /** What was sent, without its timestamp: a re-run sends again only when this differs. */
  sent: string;
  /** The LTI score's timestamp: the next post of this (line item, user) must be later. */
  timestamp?: string;
  at: string;
}

export interface Published {
  publishedVersion: typeof PUBLISHED_VERSION;
  entries: Record<string, PublishedEntry>;
}

export const publishedFile = (out: string): string => join(out, 'published.json');

export function readPublished(out: string, shown: (f: string) => string): Published {
  const file = publishedFile(out);
  if (!existsSync(file)) return { publishedVersion: PUBLISHED_VERSION, entries: {} };
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Published;
    if (data.publishedVersion !== PUBLISHED_VERSION || typeof data.entries !== 'object' || !data.entries)
      throw new Error(`publishedVersion ${String(data.publishedVersion)}`);
    return data;
  } catch (e) {
    throw new TfgradeError(
      'USAGE',
      `${shown(file)} is not a record of posted grades (${(e as Error).message})`,
      'restore it, or move it away to post everything again',
    );
  }
}

/** Written after every accepted request: an interrupted run keeps the record of what did reach the LMS. */
export function writePublished(out: string, p: Published): void {
  const entries = Object.fromEntries(Object.entries(p.entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  writeFileAtomic(publishedFile(out), `${JSON.stringify({ publishedVersion: PUBLISHED_VERSION, entries }, null, 2)}\n`);
}

/** A timestamp now, or 1 ms after the last one posted for this key if the clock says otherwise (AGS: strictly increasing). */
export function nextTimestamp(previous: string | undefined, now = Date.now()): string {
  const last = previous ? Date.parse(previous) : NaN;
  return new Date(Number.isNaN(last) ? now : Math.max(now, last + 1)).toISOString();
}
