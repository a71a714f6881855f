// The solution folder of an upload: the shallowest folder holding a known solution file, one rule for folders and zips.
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { readNames } from '../util/names.js';

/**
 * How far below an upload its solution folder may sit: `solutions/he-init.ts` (what `grade pack` writes) inside a
 * wrapping `hw1/` is two. A batch folder, a zip and the Gradescope script (bundle/scripts.ts) all search this deep.
 */
export const MAX_ROOT_DEPTH = 2;

/** Hidden entries, macOS's resource forks and installed packages are never a solution, nor lead to one. */
export const isNoise = (segment: string): boolean =>
  segment.startsWith('.') || segment === '__MACOSX' || segment === 'node_modules';

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Segment by segment in code-unit order: `hw1` before `hw1 (1)` and `hw1-old`, as each folder's listing shows them. */
export function bySegments(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = byCodeUnit(a[i], b[i]);
    if (c) return c;
  }
  return a.length - b.length;
}

/**
 * The folder (its segments, [] for the top) directly holding a file named in `known` (`he-init.ts`, ...): the
 * shallowest, at most MAX_ROOT_DEPTH down, the first by name among equally shallow ones; undefined when none does.
 * `files` are the upload's file paths as segments; a path through a noise segment is never a candidate.
 */
export function shallowestRoot(files: readonly (readonly string[])[], known: readonly string[]): string[] | undefined {
  const holders = files
    .filter((segs) => segs.length >= 1 && segs.length <= MAX_ROOT_DEPTH + 1 && !segs.some(isNoise))
    .filter((segs) => known.includes(segs[segs.length - 1]))
    .map((segs) => segs.slice(0, -1))
    .sort((a, b) => a.length - b.length || bySegments(a, b));
  return holders[0];
}

/**
 * `shallowestRoot` over a folder: the folder itself, or the sub-folder holding the solution files when a student
 * uploaded their whole `solutions/` folder; undefined when no level holds one. Lists only as deep as the rule looks,
 * enters no symbolic link (a known name counts only as a regular file), and stops at the first level that holds one.
 */
export function solutionRoot(dir: string, known: readonly string[]): string | undefined {
  let level: string[][] = [[]];
  for (let depth = 0; depth <= MAX_ROOT_DEPTH && level.length; depth++) {
    const files: string[][] = [];
    const next: string[][] = [];
    for (const segs of level)
      for (const name of safeList(join(dir, ...segs))) {
        if (isNoise(name)) continue;
        const st = lstatSync(join(dir, ...segs, name), { throwIfNoEntry: false });
        if (st?.isFile() && known.includes(name)) files.push([...segs, name]);
        else if (st?.isDirectory()) next.push([...segs, name]);
      }
    const root = shallowestRoot(files, known);
    if (root) return root.length ? join(dir, ...root) : dir;
    level = next;
  }
  return undefined;
}

/** Sorted UTF-8 names; an unreadable folder holds nothing (it is then graded, and reported, as it is). */
function safeList(d: string): string[] {
  try {
    return readNames(d).names;
  } catch {
    return [];
  }
}
