// Materializes a Canvas or Gradescope student's files into a private staging folder, never following a symbolic link.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { readNames } from '../util/names.js';
import { basename, join } from 'node:path';
import type { Source } from '../model/student.js';
import { ZIP_LIMITS } from './unzip.js';
import { isZipName, refusalWarning, writeZipSolutions } from './zip-upload.js';

// Caps against a hostile or accidental upload (a dataset, a core dump): the engine only reads small source files anyway.
const MAX_FILE_BYTES = 8 << 20;
const MAX_FILES = 500;
const MAX_DEPTH = 4;

export interface Staged {
  dir: string;
  /** Files left out (links, oversized, too many), for the student's report. */
  warnings: string[];
}

/**
 * Reads one regular file. O_NOFOLLOW makes the open itself refuse a symbolic link, so a link swapped in after the
 * directory listing still cannot make the grader read a file outside the submission; O_NONBLOCK keeps a FIFO from
 * hanging the open.
 */
export function readRegular(from: string, maxBytes = MAX_FILE_BYTES): Buffer | 'link' | 'big' | 'special' {
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

function copyRegular(from: string, to: string): 'ok' | 'link' | 'big' | 'special' {
  const r = readRegular(from);
  if (typeof r === 'string') return r;
  writeFileSync(to, r, { flag: 'wx' });
  return 'ok';
}

const WHY = {
  link: 'a symbolic link: solutions must be regular files',
  big: 'larger than 8 MB',
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

/** Stages `source` into `dir` (created here). 'dir' sources are graded in place and never reach this function. */
export function stage(source: Exclude<Source, { kind: 'dir' }>, dir: string, known: readonly string[] = []): Staged {
  mkdirSync(dir, { recursive: true });
  const warnings: string[] = [];
  let count = 0;
  const put = (from: string, to: string, shown: string): void => {
    if (++count > MAX_FILES) {
      warnings.push(`skipped ${shown} (more than ${MAX_FILES} files)`);
      return;
    }
    const r = copyRegular(from, to);
    if (r !== 'ok') warnings.push(`skipped ${shown} (${WHY[r]})`);
  };
  if (source.kind === 'files') {
    // Zips last, so a file uploaded beside a zip wins over the zip's copy of it.
    for (const f of [...source.files].sort((a, b) => Number(isZipName(a.name)) - Number(isZipName(b.name)))) {
      // The name comes from the upload: it must stay one plain file name inside the staging folder.
      if (f.name === '.' || f.name === '..' || /[/\\\0]/.test(f.name))
        warnings.push(`skipped ${JSON.stringify(f.name)} (not a plain file name)`);
      else if (isZipName(f.name)) warnings.push(...stageZip(f.path, f.name, dir, known));
      else put(f.path, join(dir, f.name), f.name);
    }
    return { dir, warnings };
  }
  const walk = (from: string, to: string, depth: number, rel: string): void => {
    const { names, invalid } = readNames(from);
    for (const bad of invalid)
      warnings.push(`skipped ${JSON.stringify(rel ? `${rel}/${bad}` : bad)} (its name is not valid UTF-8)`);
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const src = join(from, name);
      const shown = rel ? `${rel}/${name}` : name;
      const st = lstatSync(src);
      if (st.isDirectory() && depth < MAX_DEPTH) {
        mkdirSync(join(to, name));
        walk(src, join(to, name), depth + 1, shown);
      } else if (!st.isDirectory()) {
        put(src, join(to, name), shown);
      }
    }
  };
  walk(source.dir, dir, 0, '');
  return { dir, warnings };
}
