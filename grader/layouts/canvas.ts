// Canvas bulk download: flat files `<name>_[LATE_]<userid>_<submissionid>_<original name>`, grouped into one student each.
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { Found, Ignored } from '../model/student.js';
import type { BatchLayout } from './layout.js';
import { studentFile } from './student-id.js';

// Canvas lowercases the name and strips its spaces and punctuation, so the name holds no underscore; LATE sits after it.
const CANVAS = /^([^_]+)_(?:(LATE)_)?(\d+)_(\d+)_(.+)$/;

export interface CanvasName {
  name: string;
  late: boolean;
  userId: string;
  submissionId: string;
  /** The file name the student uploaded, as Canvas kept it (maybe with a `-1` resubmission suffix). */
  original: string;
}

export function isCanvasName(name: string): boolean {
  return CANVAS.test(name);
}

export function parseCanvasName(file: string): CanvasName | undefined {
  const m = CANVAS.exec(file);
  return m ? { name: m[1], late: m[2] === 'LATE', userId: m[3], submissionId: m[4], original: m[5] } : undefined;
}

/**
 * Canvas renames a re-uploaded `he-init.ts` to `he-init-1.ts`, `he-init-2.ts`: strip the suffix when that yields a file
 * the course knows and the name as given is not one (so an exercise really named `x-2` is left alone).
 */
export function restoreName(original: string, known: string[]): { name: string; suffix: number } {
  const m = /^(.*)-(\d+)(\.[^.]+)$/.exec(original);
  if (m && !known.includes(original) && known.includes(m[1] + m[3])) return { name: m[1] + m[3], suffix: Number(m[2]) };
  return { name: original, suffix: 0 };
}

function discoverCanvas(folder: string, entries: string[], known: string[]): Found {
  const out: Found = { students: [], unattributed: [], ignored: [] };
  const groups = new Map<string, { parsed: CanvasName; files: { entry: string; name: string; suffix: number }[] }>();
  for (const entry of entries) {
    const st = lstatSync(join(folder, entry));
    const parsed = parseCanvasName(entry);
    if (st.isSymbolicLink()) out.unattributed.push({ path: entry, reason: 'a symbolic link (never followed)' });
    else if (st.isDirectory())
      out.unattributed.push({
        path: entry,
        reason: 'a folder in a Canvas download (Canvas submissions are flat files)',
      });
    else if (!st.isFile()) out.unattributed.push({ path: entry, reason: 'not a regular file' });
    else if (!parsed)
      out.unattributed.push({
        path: entry,
        reason: 'not named <name>_<userid>_<submissionid>_<file> as Canvas names submissions',
      });
    else {
      const key = `${parsed.userId}_${parsed.submissionId}`;
      const g = groups.get(key) ?? { parsed, files: [] };
      if (parsed.late) g.parsed = { ...g.parsed, late: true };
      g.files.push({ entry, ...restoreName(parsed.original, known) });
      groups.set(key, g);
    }
  }
  for (const { parsed, files } of groups.values()) {
    const { name, late, userId, submissionId } = parsed;
    out.students.push({
      id: userId,
      file: studentFile(userId),
      identity: { name, userId },
      ...(late ? { late } : {}),
      source: {
        kind: 'files',
        files: newestFiles(files, userId, out.ignored).map((f) => ({ name: f.name, path: join(folder, f.entry) })),
      },
      display: `${name}_${late ? 'LATE_' : ''}${userId}_${submissionId}_*`,
      rank: submissionId,
    });
  }
  return out;
}

/** Two files of one submission that restore to the same name: the highest resubmission suffix wins. */
function newestFiles<F extends { entry: string; name: string; suffix: number }>(
  files: F[],
  student: string,
  ignored: Ignored[],
): F[] {
  const byName = new Map<string, F>();
  for (const f of [...files].sort((a, b) => b.suffix - a.suffix || (a.entry < b.entry ? -1 : 1))) {
    const kept = byName.get(f.name);
    if (kept) ignored.push({ path: f.entry, student, reason: `an older upload of ${f.name}; graded ${kept.entry}` });
    else byName.set(f.name, f);
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

export const canvasLayout: BatchLayout = {
  name: 'canvas',
  // One file named the Canvas way at the top is enough: the files that are not are then listed for the TA.
  detect: (_folder, topLevelFiles) => topLevelFiles.some((n) => isCanvasName(n)),
  discover: discoverCanvas,
};
