// Finds the students of a batch folder in the three layouts TAs get (per-student folders, Canvas, Gradescope); lists the rest.
import { lstatSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Discovery, Ignored, Layout, Student } from '../model/student.js';
import { readNames } from '../util/names.js';
import { canvasLayout } from './canvas.js';
import { gradescopeLayout } from './gradescope-export.js';
import type { BatchLayout } from './layout.js';
import { foldersLayout } from './layout-folders.js';
import { byId } from './student-id.js';
import { zipUploads } from '../uploads/zip-upload.js';
import { solutionRoot } from '../uploads/solution-root.js';

export interface DiscoverOptions {
  /** Solution file names the course knows (`he-init.ts`, ...): resolve Canvas `-1` suffixes and nested folders. */
  known: string[];
  /** Never treat this path (the --out folder, when it lies inside the batch folder) as a submission. */
  exclude?: string;
}

/** In detection order: Gradescope's metadata file decides first, then any Canvas-named file; folders take the rest. */
const LAYOUTS: readonly BatchLayout[] = [gradescopeLayout, canvasLayout, foldersLayout];

export function detectLayout(folder: string): Layout {
  return layoutOf(folder).name;
}

function layoutOf(folder: string): BatchLayout {
  const files = readNames(folder).names.filter((n) => lstatSync(join(folder, n)).isFile());
  return LAYOUTS.find((l) => l.detect(folder, files)) ?? foldersLayout;
}

export function discover(folder: string, opts: DiscoverOptions): Discovery {
  const entries = listEntries(folder, opts.exclude);
  const layout = layoutOf(folder);
  const found = layout.discover(folder, entries, opts.known);
  // A name that is not UTF-8 cannot be opened by its decoded name: list it for the TA instead of crashing the batch.
  for (const name of readNames(folder).invalid)
    found.unattributed.push({ path: name, reason: 'its name is not valid UTF-8; rename it' });
  const { students, ignored } = keepNewest(found.students);
  for (const s of students) {
    if (s.source.kind === 'files') continue;
    const top = s.source.dir;
    const held = solutionRoot(top, opts.known);
    const zips = zipUploads(top);
    if (zips.length && !held) {
      // Only a zip (`grade pack`'s submission.zip): staged and extracted like a Canvas upload.
      s.source = { kind: 'files', files: zips.map((name) => ({ name, path: join(top, name) })) };
      continue;
    }
    for (const z of zips)
      ignored.push({
        path: `${s.display}/${z}`,
        student: s.id,
        reason: 'a zip beside solution files: the .ts files were graded, the zip was not opened',
      });
    const root = held ?? top;
    if (root !== top) s.display += `/${below(top, root)}`;
    s.source.dir = root;
  }
  return {
    layout: layout.name,
    students: students.sort(byId),
    unattributed: found.unattributed.sort(byPath),
    ignored: [...found.ignored, ...ignored].sort(byPath),
  };
}

/** Top-level names, sorted; hidden files (.DS_Store, .git) are skipped as `grade` itself does; the --out folder too. */
export function listEntries(folder: string, exclude?: string): string[] {
  const ex = exclude ? resolve(exclude) : undefined;
  return readNames(folder)
    .names.filter((n) => !n.startsWith('.') && resolve(folder, n) !== ex)
    .sort(byCodeUnit);
}

/** Several submissions for one student: the newest (largest rank) is graded, the others are listed as ignored. */
export function keepNewest(students: Student[]): { students: Student[]; ignored: Ignored[] } {
  const groups = new Map<string, Student[]>();
  for (const s of students) groups.set(s.id, [...(groups.get(s.id) ?? []), s]);
  const kept: Student[] = [];
  const ignored: Ignored[] = [];
  for (const [id, group] of groups) {
    group.sort((a, b) => cmpRank(b.rank, a.rank) || byCodeUnit(b.display, a.display));
    kept.push(group[0]);
    for (const old of group.slice(1))
      ignored.push({
        path: old.display,
        student: id,
        reason: `an older submission of ${id}; graded ${group[0].display}`,
      });
  }
  return { students: kept, ignored };
}

/** Numeric ranks (submission ids) compare as numbers of any length; others as strings. */
function cmpRank(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length || byCodeUnit(a, b);
  return byCodeUnit(a, b);
}

export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The order of the unattributed and ignored lists, wherever they are built (a batch, or a merge of shards). */
export const byPath = (a: { path: string; reason: string; student?: string }, b: typeof a): number =>
  byCodeUnit(a.path, b.path) || byCodeUnit(a.student ?? '', b.student ?? '') || byCodeUnit(a.reason, b.reason);

/** `dir` below `base`, with forward slashes, for messages and reports. */
export function below(base: string, dir: string): string {
  return relative(base, dir).split(sep).join('/');
}
