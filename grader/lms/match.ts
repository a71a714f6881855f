// Who is who: graded students to roster students (LMS user ids), exercises to assignments or line items.
import type { Graded } from '../model/student.js';
import { TfgradeError } from '../util/errors.js';
import type { LmsAssignment, Roster, RosterStudent } from './roster.js';

export interface Matched {
  graded: Graded;
  student: RosterStudent;
}

export interface StudentMatch {
  matched: Matched[];
  /** Graded but not in the roster (dropped the course, a typo in a folder name): never posted, always listed. */
  unmatched: Graded[];
}

const norm = (s: string | undefined): string | undefined => s?.trim().toLowerCase() || undefined;

/** The keys a graded student may be known by: the LMS user id the layout gave, the student id, SIS ids, email. */
function keysOf(g: Graded): string[] {
  const i = g.identity;
  return [g.id, i.sisUserId, i.sisLoginId, i.email].map(norm).filter((x): x is string => !!x);
}

/** Every way the roster names a student; a login that is an email also matches its local part (folder `jdoe`). */
function namesOf(s: RosterStudent): string[] {
  const all = [s.lmsId, s.sisUserId, s.sisLoginId, s.email].map(norm).filter((x): x is string => !!x);
  return [...new Set([...all, ...all.filter((x) => x.includes('@')).map((x) => x.split('@')[0])])];
}

export function matchStudents(graded: Graded[], roster: Roster): StudentMatch {
  const byLmsId = new Map(roster.students.map((s) => [s.lmsId, s]));
  const byName = new Map<string, RosterStudent[]>();
  for (const s of roster.students) for (const n of namesOf(s)) byName.set(n, [...(byName.get(n) ?? []), s]);
  const matched: Matched[] = [];
  const unmatched: Graded[] = [];
  const taken = new Map<string, string>();
  for (const g of graded) {
    // A Canvas download carries the user id itself: nothing to guess.
    let student = g.identity.userId ? byLmsId.get(g.identity.userId) : undefined;
    if (!student) {
      const found = new Set(keysOf(g).flatMap((k) => byName.get(k) ?? []));
      if (found.size > 1) {
        throw new TfgradeError(
          'ROSTER_INVALID',
          `student ${g.id} matches ${found.size} students of the roster (${[...found].map((s) => s.name).join(', ')})`,
          "make the folder names the students' SIS logins or emails, which are unique",
        );
      }
      student = [...found][0];
    }
    if (!student) {
      unmatched.push(g);
      continue;
    }
    const other = taken.get(student.lmsId);
    if (other)
      throw new TfgradeError(
        'ROSTER_INVALID',
        `students ${other} and ${g.id} both match ${student.name} (LMS user ${student.lmsId})`,
        'one report per LMS user: remove or rename the duplicate submission',
      );
    taken.set(student.lmsId, g.id);
    matched.push({ graded: g, student });
  }
  return { matched, unmatched };
}

export interface Target {
  exercise?: string;
  assignment: LmsAssignment;
}

const same = (a: string | undefined, b: string | undefined): boolean =>
  !!a && !!b && a.trim().toLowerCase().replace(/\s+/g, ' ') === b.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Where each exercise's score goes: the assignment or line item whose resourceId or tag is the exercise id, else
 * whose title is the exercise id or title. `total`, when given, names (id, title, tag or resourceId) the one that
 * receives each student's total. An exercise with no match is listed, never sent as a new assignment.
 */
export function matchAssignments(
  exercises: { id: string; title: string }[],
  assignments: LmsAssignment[],
  total?: string,
): { targets: Target[]; unmatched: string[] } {
  const targets: Target[] = [];
  const unmatched: string[] = [];
  const used = new Set<string>();
  let totalTarget: LmsAssignment | undefined;
  if (total !== undefined) {
    totalTarget = assignments.find(
      (a) => a.id === total || same(a.title, total) || a.tag === total || a.resourceId === total,
    );
    if (!totalTarget)
      throw new TfgradeError(
        'USAGE',
        `--total ${total}: no assignment or line item of the roster has that id or title`,
        `one of: ${assignments.map((a) => a.header ?? a.title).join(', ') || '(none)'}`,
      );
    used.add(totalTarget.id);
  }
  for (const ex of exercises) {
    const a =
      assignments.find((x) => !used.has(x.id) && (x.resourceId === ex.id || x.tag === ex.id)) ??
      assignments.find((x) => !used.has(x.id) && (same(x.title, ex.id) || same(x.title, ex.title)));
    if (!a) {
      unmatched.push(ex.id);
      continue;
    }
    used.add(a.id);
    targets.push({ exercise: ex.id, assignment: a });
  }
  if (totalTarget) targets.push({ assignment: totalTarget });
  return { targets, unmatched };
}
