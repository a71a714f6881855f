// The one copier of a student's files, for staging and the job folder alike: never through a link, one set of caps.
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { megabytes } from '../model/limits.js';
import { showControl } from '../util/control-chars.js';
import { readNames } from '../util/names.js';

// The caps are the job folder's, the stricter of the two copiers this one replaced: staging copies a student's files
// only for the job copy to take them again, so anything it took beyond these caps was copied to be dropped (staging
// had 500 files, 4 levels, and every file; the job 200, 3, source files), and equal caps mean that staging first and
// copying second takes exactly what one copy of the original would.
/** Only sources reach the compiler (esbuild resolves .ts, .js and .json imports): nothing else is copied. */
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs|json)$/;
/** Folders below the top a copy enters: `a/b/c/x.ts` arrives (the zip reader takes as deep below its root). */
export const MAX_DEPTH = 3;
/** A course's solutions and helpers are a handful of files: a folder of thousands is an accident, not a submission. */
export const MAX_FILES = 200;
/** A folder of a million junk files must not become a million report warnings. */
const MAX_SKIPPED_LISTED = 20;

/**
 * Reads one regular file. O_NOFOLLOW makes the open itself refuse a symbolic link, so a link swapped in after the
 * directory listing still cannot make the grader read a file outside the submission; O_NONBLOCK keeps a FIFO from
 * hanging the open.
 */
export function readRegular(from: string, maxBytes: number): Buffer | 'link' | 'big' | 'special' {
  let fd: number;
  try {
    fd = openSync(from, constants.O_RDONLY | constants.O_NOFOLLOW | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') return 'link';
    throw e;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return 'special';
    if (st.size > maxBytes) return 'big';
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

const LINK = 'a symbolic link: solutions must be regular files';

/** Where the two callers differ: the job copies what may be graded, staging what the job copy must still see. */
export interface CopyOptions {
  /** Largest file copied: the job's is the grading rule (MAX_SOLUTION_BYTES), staging's an upload cap above it. */
  maxFileBytes: number;
  /** Top-level files over it go to `tooLarge` rather than `skipped` (the job: the grader then says "too large"). */
  tooLargeApart: boolean;
}

/**
 * A copy of a student's source files into a folder of ours. What it leaves out is listed (`skipped`, each "<path>
 * (why)", names made visible and inert, at most 20 and a count); one unreadable entry skips that entry, never the copy.
 */
export class SubmissionCopy {
  /** Top-level files over the size cap, with their size, when `tooLargeApart`. */
  readonly tooLarge = new Map<string, number>();
  private readonly listed: string[] = [];
  private unlisted = 0;
  private count = 0;

  constructor(private readonly opts: CopyOptions) {}

  get skipped(): string[] {
    return this.unlisted ? [...this.listed, `… and ${this.unlisted} more`] : [...this.listed];
  }

  /** The files of folder `from` into `to` (which exists), as deep as MAX_DEPTH. */
  tree(from: string, to: string): this {
    try {
      this.folder(from, to, 0, '');
    } catch (e) {
      // The folder itself cannot be listed: an empty copy that says why, rather than a stopped run.
      this.skip('the whole folder', `unreadable: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    return this;
  }

  /** One top-level file `from`, copied to `to` (a file name of ours) and named `name` in messages. */
  file(from: string, to: string, name: string): this {
    // An upload is one file: a folder in its place is not entered (nor is anything through a link).
    if (lstatSync(from, { throwIfNoEntry: false })?.isDirectory()) this.skip(name, 'not a regular file');
    else this.entry(from, to, name, name, 0);
    return this;
  }

  /** Lists `shown` as left out (also what a caller refuses before copying, so one bounded list keeps their order). */
  skip(shown: string, why: string): void {
    if (this.listed.length < MAX_SKIPPED_LISTED) this.listed.push(`${showControl(shown)} (${why})`);
    else this.unlisted++;
  }

  private folder(from: string, to: string, depth: number, rel: string): void {
    const below = (name: string): string => (rel ? `${rel}/${name}` : name);
    // A name that is not valid UTF-8 cannot be opened by its decoded name: said, not copied (nor crashing the copy).
    const { names, invalid } = readNames(from);
    for (const name of invalid) if (!name.startsWith('.')) this.skip(below(name), 'its name is not valid UTF-8');
    for (const name of names)
      if (!name.startsWith('.') && name !== 'node_modules')
        this.entry(join(from, name), join(to, name), name, below(name), depth);
  }

  private entry(src: string, dst: string, name: string, shown: string, depth: number): void {
    try {
      const st = lstatSync(src);
      if (st.isSymbolicLink()) this.skip(shown, LINK);
      else if (st.isDirectory()) {
        if (depth >= MAX_DEPTH) this.skip(shown, `folders nested more than ${MAX_DEPTH} deep are not copied`);
        else {
          mkdirSync(dst);
          this.folder(src, dst, depth + 1, shown);
        }
      } else if (!SOURCE.test(name)) return;
      else if (!st.isFile()) this.skip(shown, 'not a regular file');
      else if (st.size > this.opts.maxFileBytes && depth === 0 && this.opts.tooLargeApart)
        this.tooLarge.set(name, st.size);
      else if (st.size > this.opts.maxFileBytes) this.skip(shown, this.tooLargeWhy(st.size));
      else if (this.count >= MAX_FILES) this.skip(shown, `more than ${MAX_FILES} files`);
      else this.copy(src, dst, shown);
    } catch (e) {
      this.skip(shown, `unreadable: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }

  /** Read through O_NOFOLLOW and checked on the open file: a link or fifo swapped in since the listing is refused. */
  private copy(src: string, dst: string, shown: string): void {
    const r = readRegular(src, this.opts.maxFileBytes);
    if (r === 'link') this.skip(shown, LINK);
    else if (r === 'special') this.skip(shown, 'not a regular file');
    else if (r === 'big') this.skip(shown, this.tooLargeWhy(lstatSync(src).size));
    else {
      writeFileSync(dst, r, { flag: 'wx' });
      this.count++;
    }
  }

  private tooLargeWhy(bytes: number): string {
    return `too large: ${megabytes(bytes)} > ${megabytes(this.opts.maxFileBytes)} limit`;
  }
}
