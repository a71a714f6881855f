// What each student gets in each assignment or line item: one score per (target, LMS user), from their report.
import type { Report } from '../model/report.js';
import type { LtiScore } from '../report/lti.js';
import { csvRow } from './csv.js';
import type { Matched, Target } from './match.js';
import type { Roster } from './roster.js';
import { roundTo } from '../util/numbers.js';

export interface Posting {
  /** The tfgrade student id (for messages). */
  student: string;
  lmsUser: string;
  target: Target;
  scoreGiven: number;
  scoreMaximum: number;
  /** Some part awaits a human (grade review): LTI says PendingManual. */
  pending: boolean;
  comment: string;
}

// At the posted score's precision (6 decimals), not the 2-decimal display: the comment states the very score posted.
const round = (x: number): number => roundTo(x, 6);
const stored = (x: number): string => String(round(x));

function scoreOf(r: Report, t: Target): { given: number; max: number; pending: boolean; what: string } {
  if (!t.exercise) {
    const pending = r.exercises.some((e) => e.parts.some((p) => p.status === 'needs-review'));
    return {
      given: r.score,
      max: r.maxScore,
      pending,
      what: r.exercises.map((e) => `${e.id} ${stored(e.score)}/${stored(e.maxScore)}`).join('; '),
    };
  }
  const e = r.exercises.find((x) => x.id === t.exercise);
  if (!e) return { given: 0, max: 0, pending: false, what: `${t.exercise} not graded` };
  const parts = e.parts.map((p) => `${p.id} ${stored(p.score)}/${stored(p.maxScore)}`).join('; ');
  return { given: e.score, max: e.maxScore, pending: e.parts.some((p) => p.status === 'needs-review'), what: parts };
}

export function postings(matched: Matched[], targets: Target[]): Posting[] {
  const out: Posting[] = [];
  for (const t of targets) {
    for (const { graded, student } of matched) {
      const s = scoreOf(graded.report, t);
      if (s.max <= 0) continue; // AGS requires scoreMaximum > 0, and a 0-point column says nothing
      const pending = s.pending ? ' Some parts await manual review.' : '';
      out.push({
        student: graded.id,
        lmsUser: student.lmsId,
        target: t,
        scoreGiven: round(s.given),
        scoreMaximum: round(s.max),
        pending: s.pending,
        comment:
          `tfgrade ${graded.report.tool.version}: ${stored(s.given)}/${stored(s.max)} (${s.what}).${pending}`.slice(
            0,
            1000,
          ),
      });
    }
  }
  return out;
}

/** The AGS score for one posting; `timestamp` is fresh and later than any earlier post of this (line item, user). */
export function ltiScoreOf(p: Posting, timestamp: string): LtiScore {
  return {
    userId: p.lmsUser,
    scoreGiven: p.scoreGiven,
    scoreMaximum: p.scoreMaximum,
    comment: p.comment,
    timestamp,
    activityProgress: 'Completed',
    gradingProgress: p.pending ? 'PendingManual' : 'FullyGraded',
  };
}

/**
 * The Canvas gradebook import file, in the course's own export's form: its identity columns and cells as exported,
 * and each matched assignment under its exported header `Title (id)`, which the importer matches to the existing
 * assignment. No Total or any other column Canvas would create as a new assignment; only matched students' rows (a
 * student absent from the file keeps their grades). Its Points Possible row repeats the export's.
 */
export function renderCanvasImport(roster: Roster, matched: Matched[], targets: Target[], all: Posting[]): string {
  const cols = targets.filter((t) => t.assignment.header);
  const byKey = new Map(all.map((p) => [`${p.lmsUser}\n${p.target.assignment.id}`, p]));
  let out = csvRow([...roster.identityHeader, ...cols.map((t) => t.assignment.header)]);
  out += csvRow([
    'Points Possible',
    ...roster.identityHeader.slice(1).map(() => ''),
    ...cols.map((t) => t.assignment.points),
  ]);
  for (const m of [...matched].sort((a, b) =>
    a.student.name < b.student.name ? -1 : a.student.name > b.student.name ? 1 : 0,
  )) {
    out += csvRow([
      ...(m.student.cells ?? []),
      ...cols.map((t) => byKey.get(`${m.student.lmsId}\n${t.assignment.id}`)?.scoreGiven),
    ]);
  }
  return out;
}
