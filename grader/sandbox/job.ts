// Copies a submission's regular files into a fresh job folder, so no symlink or later edit can reach outside it.
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_SOLUTION_BYTES } from '../model/limits.js';

const SOURCE = /\.(ts|mts|cts|js|mjs|cjs|json)$/;
const MAX_FILES = 200;
const MAX_DEPTH = 3;
/** A folder of a million junk files must not become a million report warnings. */
const MAX_SKIPPED_LISTED = 20;
// Names come from the student: no control codes or bidi overrides reach the terminal report through a warning.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export interface Job {
  dir: string;
  /** Files skipped on the way in (symlinks, oversized, unreadable, odd names), for the report's warnings. */
  skipped: string[];
  /** Top-level files left out for their size, with it in bytes: the grader says "too large" for them, not "not found". */
  tooLarge: Map<string, number>;
  dispose(): void;
  /** dispose on libuv's thread pool: the event loop keeps serving the other submissions of a batch meanwhile. */
  remove(): Promise<void>;
}

/** "1.3 MB": a size as the limit's message says it. */
export const megabytes = (bytes: number): string => `${Number((bytes / 2 ** 20).toPrecision(2))} MB`;

export function createJob(submissionDir: string): Job {
  const dir = mkdtempSync(join(tmpdir(), 'tfgrade-job-'));
  const skipped: string[] = [];
  const tooLarge = new Map<string, number>();
  let unlisted = 0;
  const skip = (what: string) => (skipped.length < MAX_SKIPPED_LISTED ? skipped.push(what) : unlisted++);
  let count = 0;
  const copy = (from: string, to: string, depth: number, rel: string) => {
    // Raw bytes first: a name that is not valid UTF-8 decodes to U+FFFD, and lstat of the decoded name then fails
    // (fuzz: createJob threw ENOENT, grade exited 3 on a submission with such a file).
    for (const raw of readdirSync(from, { encoding: 'buffer' }).sort(Buffer.compare)) {
      const name = raw.toString('utf8');
      const shown = (rel ? `${rel}/${name}` : name).replace(UNSAFE_CHARS, '?');
      if (name === 'node_modules' || name.startsWith('.')) continue;
      if (!Buffer.from(name, 'utf8').equals(raw)) {
        skip(`${shown} (its name is not valid UTF-8)`);
        continue;
      }
      const src = join(from, name);
      // One unreadable entry (permissions, a file deleted while we copy) skips that entry, not the submission.
      try {
        const st = lstatSync(src);
        if (st.isSymbolicLink()) {
          skip(`${shown} (a symbolic link: solutions must be regular files)`);
        } else if (st.isDirectory()) {
          if (depth >= MAX_DEPTH) {
            skip(`${shown} (folders nested more than ${MAX_DEPTH} deep are not copied)`);
          } else {
            mkdirSync(join(to, name));
            copy(src, join(to, name), depth + 1, shown);
          }
        } else if (!st.isFile()) {
          if (SOURCE.test(name)) skip(`${shown} (not a regular file)`);
        } else if (SOURCE.test(name)) {
          if (st.size > MAX_SOLUTION_BYTES && !rel) tooLarge.set(name, st.size);
          else if (st.size > MAX_SOLUTION_BYTES)
            skip(`${shown} (too large: ${megabytes(st.size)} > ${megabytes(MAX_SOLUTION_BYTES)} limit)`);
          else if (++count > MAX_FILES) skip(`${shown} (more than ${MAX_FILES} files)`);
          else copyFileSync(src, join(to, name));
        }
      } catch (e) {
        skip(`${shown} (unreadable: ${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    }
  };
  try {
    copy(submissionDir, dir, 0, '');
  } catch (e) {
    // The folder itself cannot be listed: grade an empty submission and say why, rather than stop the run.
    skip(`the whole folder (unreadable: ${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (unlisted) skipped.push(`… and ${unlisted} more`);
  return {
    dir,
    skipped,
    tooLarge,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
