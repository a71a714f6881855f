// The LMS's own list of students and assignments: a Canvas gradebook export (CSV) or an LTI names-and-roles membership.
import { readFileSync } from 'node:fs';
import { TfgradeError } from '../util/errors.js';
import { parseCsv } from './csv.js';

export interface RosterStudent {
  /** The LMS's user id: Canvas's `ID` column, or the LTI `user_id` (the `sub` of the launch). */
  lmsId: string;
  name: string;
  sisUserId?: string;
  sisLoginId?: string;
  email?: string;
  section?: string;
  /** Canvas: the row's identity cells as exported, written back unchanged in the import file. */
  cells?: string[];
}

/** A gradebook column (Canvas assignment) or an AGS line item. */
export interface LmsAssignment {
  /** Canvas's assignment id, or the line item's URL. */
  id: string;
  title: string;
  /** Canvas: the export's header, `Title (id)`, which its importer matches. */
  header?: string;
  points?: number;
  /** AGS line item fields a tool sets to find its own items again. */
  resourceId?: string;
  tag?: string;
}

export interface Roster {
  source: 'canvas' | 'nrps';
  students: RosterStudent[];
  assignments: LmsAssignment[];
  /** Canvas: the identity columns present in the export, in its order. */
  identityHeader: string[];
}

/** The identity columns Canvas's importer reads (it matches a row by ID, then SIS User ID, then SIS Login ID). */
export const CANVAS_IDENTITY = ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section'] as const;
const ASSIGNMENT_HEADER = /^(.*\S)\s*\((\d+)\)$/;

export function canvasRoster(text: string, shownFile: string): Roster {
  const rows = parseCsv(text, shownFile);
  const header = (rows[0] ?? []).map((h) => h.trim());
  const col = (name: string): number => header.indexOf(name);
  if (col('Student') < 0 || col('ID') < 0) {
    throw new TfgradeError(
      'ROSTER_INVALID',
      `${shownFile} is not a Canvas gradebook export (no Student and ID columns in its first row)`,
      'in Canvas: Grades → Export → Export Entire Gradebook; pass that CSV as it was downloaded',
    );
  }
  const identity = CANVAS_IDENTITY.filter((c) => col(c) >= 0);
  const pointsRow = rows.find((r) => r[0]?.trim() === 'Points Possible');
  const assignments: LmsAssignment[] = [];
  header.forEach((h, i) => {
    const m = ASSIGNMENT_HEADER.exec(h);
    if (!m || (CANVAS_IDENTITY as readonly string[]).includes(h)) return;
    const pts = Number(pointsRow?.[i]);
    assignments.push({
      id: m[2],
      title: m[1],
      header: rows[0][i],
      ...(pointsRow && pointsRow[i] !== '' && Number.isFinite(pts) ? { points: pts } : {}),
    });
  });
  const cell = (r: string[], name: string): string | undefined => {
    const v = col(name) >= 0 ? r[col(name)]?.trim() : undefined;
    return v ? v : undefined;
  };
  const students: RosterStudent[] = [];
  for (const r of rows.slice(1)) {
    const id = cell(r, 'ID');
    // The points row, Canvas's read-only and posting-policy rows have no user id; the test student is nobody's.
    if (!id || !/^\d+$/.test(id) || cell(r, 'Student') === 'Student, Test') continue;
    students.push({
      lmsId: id,
      name: cell(r, 'Student') ?? id,
      sisUserId: cell(r, 'SIS User ID'),
      sisLoginId: cell(r, 'SIS Login ID'),
      section: cell(r, 'Section'),
      cells: identity.map((c) => r[col(c)] ?? ''),
    });
  }
  return { source: 'canvas', students, assignments, identityHeader: [...identity] };
}

interface NrpsMember {
  user_id?: unknown;
  status?: unknown;
  roles?: unknown;
  name?: unknown;
  email?: unknown;
  lis_person_sourcedid?: unknown;
  given_name?: unknown;
  family_name?: unknown;
}
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** Learners of an NRPS membership container (`application/vnd.ims.lti-nrps.v2.membershipcontainer+json`), active ones. */
export function nrpsRoster(data: unknown, shownFile: string): Roster {
  const members = (data as { members?: unknown })?.members;
  if (!Array.isArray(members))
    throw new TfgradeError(
      'ROSTER_INVALID',
      `${shownFile} has no members array (not an LTI names-and-roles membership)`,
      "save the response of the platform's context_memberships_url",
    );
  const students: RosterStudent[] = [];
  for (const [i, m] of (members as NrpsMember[]).entries()) {
    const id = str(m?.user_id);
    if (!id)
      throw new TfgradeError(
        'ROSTER_INVALID',
        `${shownFile}: member ${i} has no user_id`,
        'save the membership as the platform returned it',
      );
    const roles = Array.isArray(m.roles) ? m.roles.filter((r): r is string => typeof r === 'string') : [];
    // Full role URIs (…/membership#Learner) or the short forms some platforms send.
    if (!roles.some((r) => /(^|#|\/)Learner$/.test(r))) continue;
    if (str(m.status) && str(m.status) !== 'Active') continue;
    const name = str(m.name) ?? ([str(m.given_name), str(m.family_name)].filter(Boolean).join(' ') || id);
    students.push({ lmsId: id, name, email: str(m.email), sisUserId: str(m.lis_person_sourcedid) });
  }
  return { source: 'nrps', students, assignments: [], identityHeader: [] };
}

/** An AGS line item container (the JSON array GET <lineitems> returns). */
export function lineItems(data: unknown, shownFile: string): LmsAssignment[] {
  if (!Array.isArray(data))
    throw new TfgradeError(
      'ROSTER_INVALID',
      `${shownFile} is not a JSON array of line items`,
      "save the response of the platform's lineitems URL (application/vnd.ims.lis.v2.lineitemcontainer+json)",
    );
  return data.map((x: Record<string, unknown>, i): LmsAssignment => {
    const id = str(x?.id);
    if (!id || !/^https?:\/\//.test(id))
      throw new TfgradeError(
        'ROSTER_INVALID',
        `${shownFile}: line item ${i} has no id URL`,
        'each line item needs its id, the URL scores are posted under',
      );
    return {
      id,
      title: str(x.label) ?? id,
      ...(typeof x.scoreMaximum === 'number' ? { points: x.scoreMaximum } : {}),
      resourceId: str(x.resourceId),
      tag: str(x.tag),
    };
  });
}

/** A roster file, whichever kind it is: JSON is a membership, anything else a Canvas CSV. */
export function readRoster(file: string, shownFile: string): Roster {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new TfgradeError(
      'ROSTER_INVALID',
      `cannot read the roster ${shownFile} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      "pass the LMS's gradebook export (CSV) or names-and-roles membership (JSON)",
    );
  }
  if (/^\s*[{[]/.test(text.replace(/^\uFEFF/, ''))) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new TfgradeError(
        'ROSTER_INVALID',
        `${shownFile} is not valid JSON (${(e as Error).message})`,
        'save the membership response as it came',
      );
    }
    return nrpsRoster(data, shownFile);
  }
  return canvasRoster(text, shownFile);
}
