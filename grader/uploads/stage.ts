// Materializes a Canvas or Gradescope student's files into a private staging folder, never following a symbolic link.
import { lstatSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Source } from '../model/student.js';
import { readRegular, SubmissionCopy } from './copy-tree.js';
import { ZIP_LIMITS } from './unzip.js';
import { isZipName, refusalWarning, writeZipSolutions } from './zip-upload.js';

/**
 * The largest file staging copies: an upload cap against a dataset or a core dump, not the grading rule. A solution
 * between MAX_SOLUTION_BYTES and this still reaches the job copy, which names it "too large" instead of "not found".
 */
const MAX_UPLOAD_FILE_BYTES = 8 << 20;

export interface Staged {
  dir: string;
  /** Files left out (links, oversized, too many, odd names), "skipped <path> (why)", for the student's report. */
  warnings: string[];
}

const WHY = {
  link: 'a symbolic link: solutions must be regular files',
  special: 'not a regular file',
} as const;

/**
 * A zip upload: read like any upload (never through a link, never a FIFO), then extracted into `dir` by the one safe
 * extractor (uploads/unzip.ts). `known` are the solution file names (`he-init.ts`) that locate the zip's solution folder.
 */
export function stageZip(from: string, name: string, dir: string, known: readonly string[]): string[] {
  let r: ReturnType<typeof readRegular>;
  try {
    r = readRegular(from, ZIP_LIMITS.maxZipBytes);
  } catch (e) {
    return [
      refusalWarning(name, 'ZIP_UNREADABLE', `it cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`),
    ];
  }
  if (r === 'big')
    return [refusalWarning(name, 'ZIP_TOO_LARGE', `the upload is larger than ${ZIP_LIMITS.maxZipBytes >> 20} MB`)];
  if (typeof r === 'string') return [`skipped ${name} (${WHY[r]})`];
  return writeZipSolutions(r, name, dir, known);
}

/**
 * `grade --submission <file.zip>` (Gradescope's submission.zip): the zip extracted into a private temp folder by the
 * same code as a batch upload. Undefined when `file` is no zip file (a folder named x.zip is graded as a folder).
 */
export function unpackZipFile(
  file: string,
  known: readonly string[],
): { dir: string; warnings: string[]; dispose(): void } | undefined {
  const st = lstatSync(file, { throwIfNoEntry: false });
  if (!st || st.isDirectory() || !isZipName(file)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'tfgrade-zip-'));
  return {
    dir,
    warnings: stageZip(file, basename(file), dir, known),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Stages `source` into `dir` (created here) with the one copier (copy-tree.ts) and its caps. 'dir' sources are graded
 * in place and never reach this function.
 */
export function stage(source: Exclude<Source, { kind: 'dir' }>, dir: string, known: readonly string[] = []): Staged {
  mkdirSync(dir, { recursive: true });
  const zips: string[] = [];
  const copy = new SubmissionCopy({ maxFileBytes: MAX_UPLOAD_FILE_BYTES, tooLargeApart: false });
  if (source.kind === 'files') {
    // Zips last, so a file uploaded beside a zip wins over the zip's copy of it.
    for (const f of [...source.files].sort((a, b) => Number(isZipName(a.name)) - Number(isZipName(b.name)))) {
      // The name comes from the upload: it must stay one plain file name inside the staging folder.
      if (f.name === '.' || f.name === '..' || /[/\\\0]/.test(f.name))
        copy.skip(JSON.stringify(f.name), 'not a plain file name');
      else if (isZipName(f.name)) zips.push(...stageZip(f.path, f.name, dir, known));
      else copy.file(f.path, join(dir, f.name), f.name);
    }
  } else copy.tree(source.dir, dir);
  // Zips come last (above), so their warnings do too.
  return { dir, warnings: [...copy.skipped.map((s) => `skipped ${s}`), ...zips] };
}
