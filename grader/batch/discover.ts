// Finds the students of a batch folder in the three layouts TAs get (per-student folders, Canvas, Gradescope); lists the rest.
import { existsSync, lstatSync } from 'node:fs';
import { readNames } from '../util/names.js';
import { join, relative, resolve, sep } from 'node:path';
import { discoverCanvas, isCanvasName } from './canvas.js';
import { discoverGradescope, GRADESCOPE_METADATA } from './gradescope-export.js';
import { byId, studentFile } from './student-id.js';

export type Layout = 'folders' | 'canvas' | 'gradescope';

/** What the LMS knows about a student, as far as the layout tells (feeds the gradebook's identity columns). */
export interface Identity {
  name?: string;
  userId?: string;
  sisUserId?: string;
  sisLoginId?: string;
  section?: string;
  email?: string;
}

/** Where a student's files are: a folder graded in place (the engine copies it safely), or files to stage first. */
export type Source =
  | { kind: 'dir'; dir: string }
  | { kind: 'files'; files: { name: string; path: string }[] }
  | { kind: 'tree'; dir: string };

export interface Student {
  /** The student id as the layout gives it (report.submission.student). */
  id: string;
  /** `<out>/<file>.json`: the id encoded for the file system (see student-id.ts). */
  file: string;
  identity: Identity;
  late?: boolean;
  source: Source;
  /** The submission, relative to the batch folder (`alice`, `smithjohn_123_456_*`, `submission_9`). */
  display: string;
  /** Larger is newer: decides which of two submissions of one student is graded. */
  rank: string;
}

/** Paths are relative to the batch folder, so shards run from different places agree. */
export interface Unattributed { path: string; reason: string }
export interface Ignored { path: string; student: string; reason: string }

export interface Discovery {
  layout: Layout;
  students: Student[];
  unattributed: Unattributed[];
  ignored: Ignored[];
}

export interface DiscoverOptions {
  /** Solution file names the course knows (`he-init.ts`, ...): resolve Canvas `-1` suffixes and nested folders. */
  known: string[];
  /** Never treat this path (the --out folder, when it lies inside the batch folder) as a submission. */
  exclude?: string;
}

export function detectLayout(folder: string): Layout {
  if (existsSync(join(folder, GRADESCOPE_METADATA))) return 'gradescope';
  const files = readNames(folder).names.filter((n) => lstatSync(join(folder, n)).isFile());
  return files.some((n) => isCanvasName(n)) ? 'canvas' : 'folders';
}

export function discover(folder: string, opts: DiscoverOptions): Discovery {
  const entries = listEntries(folder, opts.exclude);
  const layout = detectLayout(folder);
  const found = layout === 'gradescope' ? discoverGradescope(folder, entries) : layout === 'canvas' ? discoverCanvas(folder, entries, opts.known) : discoverFolders(folder, entries);
  // A name that is not UTF-8 cannot be opened by its decoded name: list it for the TA instead of crashing the batch.
  for (const name of readNames(folder).invalid) found.unattributed.push({ path: name, reason: 'its name is not valid UTF-8; rename it' });
  const { students, ignored } = keepNewest(found.students);
  for (const s of students) {
    if (s.source.kind === 'files') continue;
    const root = solutionRoot(s.source.dir, opts.known);
    if (root !== s.source.dir) s.display += `/${below(s.source.dir, root)}`;
    s.source.dir = root;
  }
  return {
    layout,
    students: students.sort(byId),
    unattributed: found.unattributed.sort(byPath),
    ignored: [...found.ignored, ...ignored].sort(byPath),
  };
}

export interface Found { students: Student[]; unattributed: Unattributed[]; ignored: Ignored[] }

/** Top-level names, sorted; hidden files (.DS_Store, .git) are skipped as `grade` itself does; the --out folder too. */
export function listEntries(folder: string, exclude?: string): string[] {
  const ex = exclude ? resolve(exclude) : undefined;
  return readNames(folder).names.filter((n) => !n.startsWith('.') && resolve(folder, n) !== ex).sort(cmp);
}

/** One sub-folder per student, named by the student id; anything else at the top is listed, not graded. */
function discoverFolders(folder: string, entries: string[]): Found {
  const out: Found = { students: [], unattributed: [], ignored: [] };
  for (const name of entries) {
    const st = lstatSync(join(folder, name));
    if (st.isSymbolicLink()) out.unattributed.push({ path: name, reason: 'a symbolic link (never followed)' });
    else if (!st.isDirectory()) out.unattributed.push({ path: name, reason: 'a file at the top of a per-student layout (expected one folder per student)' });
    else out.students.push({ id: name, file: studentFile(name), identity: { name, sisLoginId: name }, source: { kind: 'dir', dir: join(folder, name) }, display: name, rank: '' });
  }
  return out;
}

/** Several submissions for one student: the newest (largest rank) is graded, the others are listed as ignored. */
export function keepNewest(students: Student[]): { students: Student[]; ignored: Ignored[] } {
  const groups = new Map<string, Student[]>();
  for (const s of students) groups.set(s.id, [...(groups.get(s.id) ?? []), s]);
  const kept: Student[] = [];
  const ignored: Ignored[] = [];
  for (const [id, group] of groups) {
    group.sort((a, b) => cmpRank(b.rank, a.rank) || cmp(b.display, a.display));
    kept.push(group[0]);
    for (const old of group.slice(1)) ignored.push({ path: old.display, student: id, reason: `an older submission of ${id}; graded ${group[0].display}` });
  }
  return { students: kept, ignored };
}

/** Numeric ranks (submission ids) compare as numbers of any length; others as strings. */
function cmpRank(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length || cmp(a, b);
  return cmp(a, b);
}

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The order of the unattributed and ignored lists, wherever they are built (a batch, or a merge of shards). */
export const byPath = (a: { path: string; reason: string; student?: string }, b: typeof a): number =>
  cmp(a.path, b.path) || cmp(a.student ?? '', b.student ?? '') || cmp(a.reason, b.reason);

/**
 * The folder that holds the solution files: the submission itself, or the shallowest sub-folder (depth <= 2, first by
 * name) with a known `<id>.ts` when a student uploaded their whole `solutions/` folder. Symbolic links are not entered.
 */
export function solutionRoot(dir: string, known: string[]): string {
  const has = (d: string): boolean => safeList(d).some((n) => known.includes(n) && lstatSync(join(d, n)).isFile());
  if (has(dir)) return dir;
  let level = [dir];
  for (let depth = 0; depth < 2; depth++) {
    const next = level.flatMap((d) => safeList(d).filter((n) => !n.startsWith('.') && n !== 'node_modules' && lstatSync(join(d, n)).isDirectory()).map((n) => join(d, n)));
    const hit = next.find(has);
    if (hit) return hit;
    level = next;
  }
  return dir;
}

function safeList(d: string): string[] {
  try {
    return readNames(d).names.sort(cmp);
  } catch {
    return [];
  }
}

/** `dir` below `base`, with forward slashes, for messages and reports. */
export function below(base: string, dir: string): string {
  return relative(base, dir).split(sep).join('/');
}
