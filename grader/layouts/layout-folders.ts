// Per-student folders: one sub-folder per student, named by the student id; the fallback when no LMS layout is recognised.
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { Found } from '../model/student.js';
import type { BatchLayout } from './layout.js';
import { studentFile } from './student-id.js';

/** Anything but a folder at the top is listed, not graded. */
function discoverFolders(folder: string, entries: string[]): Found {
  const out: Found = { students: [], unattributed: [], ignored: [] };
  for (const name of entries) {
    const st = lstatSync(join(folder, name));
    if (st.isSymbolicLink()) out.unattributed.push({ path: name, reason: 'a symbolic link (never followed)' });
    else if (!st.isDirectory())
      out.unattributed.push({
        path: name,
        reason: 'a file at the top of a per-student layout (expected one folder per student)',
      });
    else
      out.students.push({
        id: name,
        file: studentFile(name),
        identity: { name, sisLoginId: name },
        source: { kind: 'dir', dir: join(folder, name) },
        display: name,
        rank: '',
      });
  }
  return out;
}

export const foldersLayout: BatchLayout = {
  name: 'folders',
  // Last in the detection order: any folder that is no LMS export is taken as one folder per student.
  detect: () => true,
  discover: (folder, entries) => discoverFolders(folder, entries),
};
