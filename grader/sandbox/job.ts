// The job folder: a fresh copy of a submission's source files, so no symlink or later edit can reach outside it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_SOLUTION_BYTES } from '../model/limits.js';
import { SubmissionCopy } from '../uploads/copy-tree.js';

export interface Job {
  dir: string;
  /** Entries left out on the way in (symlinks, oversized, unreadable, odd names), "<path> (why)", for the warnings. */
  skipped: string[];
  /** Top-level files left out for their size, in bytes: the grader says "too large" for them, not "not found". */
  tooLarge: Map<string, number>;
  /** Removes the folder on libuv's thread pool: the event loop keeps serving the other submissions of a batch. */
  remove(): Promise<void>;
}

/**
 * Copies `submissionDir` with the one copier (uploads/copy-tree.ts) and its caps; the size cap is the grading rule,
 * MAX_SOLUTION_BYTES, which `grade pack` and the similarity check apply too.
 */
export function createJob(submissionDir: string): Job {
  const dir = mkdtempSync(join(tmpdir(), 'tfgrade-job-'));
  const { skipped, tooLarge } = new SubmissionCopy({
    maxFileBytes: MAX_SOLUTION_BYTES,
    tooLargeApart: true,
  }).tree(submissionDir, dir);
  return {
    dir,
    skipped,
    tooLarge,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
