// Gradescope "Export Submissions": a folder per submission, attributed by submission_metadata.yml (Ruby-symbol keys).
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { TfgradeError } from '../util/errors.js';
import type { Found } from '../model/student.js';
import type { BatchLayout } from './layout.js';
import { studentFile } from './student-id.js';

export const GRADESCOPE_METADATA = 'submission_metadata.yml';

interface Submitter {
  name?: string;
  sid?: string;
  email?: string;
}
interface Entry {
  submitters: Submitter[];
  createdAt?: string;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' ? String(v).trim() || undefined : undefined;
/** Keys are written `:submitters:` (Ruby symbols); accept them with or without the colon. */
const field = (o: unknown, key: string): unknown =>
  o && typeof o === 'object'
    ? ((o as Record<string, unknown>)[`:${key}`] ?? (o as Record<string, unknown>)[key])
    : undefined;

export function readGradescopeMetadata(file: string): Map<string, Entry> {
  // Exports may carry Ruby tags (!ruby/hash:...): they are warnings, and the data under them is plain YAML.
  const doc = YAML.parseDocument(readFileSync(file, 'utf8'), { logLevel: 'silent' });
  if (doc.errors.length)
    throw new TfgradeError(
      'USAGE',
      `${GRADESCOPE_METADATA} is not valid YAML: ${doc.errors[0].message}`,
      'pass the folder of an unmodified Gradescope export',
    );
  const data = doc.toJS() as unknown;
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new TfgradeError(
      'USAGE',
      `${GRADESCOPE_METADATA} does not map submission folders to their submitters`,
      'pass the folder of an unmodified Gradescope export',
    );
  const out = new Map<string, Entry>();
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const list = field(value, 'submitters');
    const submitters = (Array.isArray(list) ? list : []).map((s) => ({
      name: str(field(s, 'name')),
      sid: str(field(s, 'sid')),
      email: str(field(s, 'email')),
    }));
    out.set(key, { submitters, createdAt: str(field(value, 'created_at')) });
  }
  return out;
}

/** `2024-01-20 12:00:00.123456 -08:00` (Ruby's format) as sortable milliseconds; '' when unreadable. */
export function rankOf(createdAt: string | undefined): string {
  const m =
    createdAt && /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.(\d+))?\s*(Z|UTC|[+-]\d\d:?\d\d)?$/.exec(createdAt);
  if (!m) return '';
  const tz = !m[4] || m[4] === 'UTC' ? 'Z' : m[4].replace(/^([+-]\d\d)(\d\d)$/, '$1:$2');
  const ms = Date.parse(`${m[1]}T${m[2]}.${(m[3] ?? '0').padEnd(3, '0').slice(0, 3)}${tz}`);
  return Number.isFinite(ms) ? String(ms).padStart(15, '0') : '';
}

function discoverGradescope(folder: string, entries: string[]): Found {
  const meta = readGradescopeMetadata(join(folder, GRADESCOPE_METADATA));
  const out: Found = { students: [], unattributed: [], ignored: [] };
  for (const entry of entries) {
    if (entry === GRADESCOPE_METADATA) continue;
    const st = lstatSync(join(folder, entry));
    const m = meta.get(entry);
    if (st.isSymbolicLink()) out.unattributed.push({ path: entry, reason: 'a symbolic link (never followed)' });
    else if (!st.isDirectory())
      out.unattributed.push({
        path: entry,
        reason: 'a file at the top of a Gradescope export (submissions are folders)',
      });
    else if (!m) out.unattributed.push({ path: entry, reason: `not listed in ${GRADESCOPE_METADATA}` });
    else if (!m.submitters.length)
      out.unattributed.push({ path: entry, reason: `no submitter in ${GRADESCOPE_METADATA}` });
    else {
      for (const s of m.submitters) {
        // sid is the roster's student id; a submitter without one is known by email, then by name.
        const id = s.sid ?? s.email ?? s.name;
        if (!id) {
          out.unattributed.push({
            path: entry,
            reason: `a submitter without sid, email or name in ${GRADESCOPE_METADATA}`,
          });
          continue;
        }
        out.students.push({
          id,
          file: studentFile(id),
          identity: {
            ...(s.name ? { name: s.name } : {}),
            ...(s.sid ? { sisUserId: s.sid } : {}),
            ...(s.email ? { email: s.email } : {}),
          },
          // Each member of a group submission gets their own report, graded from the same folder.
          source: { kind: 'tree', dir: join(folder, entry) },
          display: entry,
          rank: rankOf(m.createdAt),
        });
      }
    }
  }
  for (const key of meta.keys()) {
    if (!entries.includes(key))
      out.unattributed.push({ path: key, reason: `listed in ${GRADESCOPE_METADATA}, but the folder is missing` });
  }
  return out;
}

export const gradescopeLayout: BatchLayout = {
  name: 'gradescope',
  // The metadata file alone marks an export, whatever else sits beside it.
  detect: (folder) => existsSync(join(folder, GRADESCOPE_METADATA)),
  discover: (folder, entries) => discoverGradescope(folder, entries),
};
