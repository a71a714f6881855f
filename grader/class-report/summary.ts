// summary.json: per exercise and per part statistics of a batch, computed from the student reports alone (so merge == full run).
import { allPassed, type Report } from '../model/report.js';
import type { PartStatus } from '../model/outcome.js';
import type { Graded, Identity, Ignored, Layout, StaleReview, Unattributed } from '../model/student.js';
import { TfgradeError } from '../util/errors.js';
import { roundTo } from '../util/numbers.js';
import type { SimilarityReport } from '../similarity/index.js';

export const SUMMARY_VERSION = 2;

/** One graded student: who (as discovery knew them) and their report. */

export interface Counts {
  /** Students whose part (or every part of the exercise) passed. */
  passed: number;
  /** passed / students; null when there are no students. */
  passRate: number | null;
  /** Students with a part awaiting a human (needs-review). */
  needsReview: number;
  /** Students with a part in status error (crash, compile error, throw...) / timeout / missing. */
  errors: number;
  timeouts: number;
  missing: number;
  mean: number | null;
  median: number | null;
}

export interface PartSummary extends Counts {
  id: string;
  kind: string;
  maxScore: number;
}
export interface ExerciseSummary extends Counts {
  id: string;
  title: string;
  maxScore: number;
  parts: PartSummary[];
}

export interface RosterRow extends Identity {
  id: string;
  /** The report's file name in the batch folder. */
  report: string;
  late?: boolean;
  score: number;
  maxScore: number;
  status: Report['status'];
  /** Every part passed or awaits review (the exit code's rule). */
  passed: boolean;
}

export interface Summary {
  summaryVersion: typeof SUMMARY_VERSION;
  layout?: Layout;
  students: number;
  /** Students with every part passed (or awaiting review). */
  allPassed: number;
  maxScore: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  exercises: ExerciseSummary[];
  roster: RosterRow[];
  unattributed: Unattributed[];
  ignored: Ignored[];
  /** Human decisions (grade review): applied, still to make, and made on an answer the student has since changed. */
  reviews: { decided: number; pending: number; stale: StaleReview[] };
  /** Pairs of students with similar code (grade batch over a whole class, or grade similarity). */
  similarity?: SimilarityReport;
}

/** A decision that no longer applies: the answer it was made on was replaced by a regrade of a new submission. */

const round = (x: number): number => roundTo(x, 6);
const mean = (xs: number[]): number | null => (xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return round(s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2);
}

function counts(scores: number[], statuses: PartStatus[][], passed: number): Counts {
  const n = statuses.length;
  const some = (st: PartStatus): number => statuses.filter((ss) => ss.includes(st)).length;
  return {
    passed,
    passRate: n ? round(passed / n) : null,
    needsReview: some('needs-review'),
    errors: some('error'),
    timeouts: some('timeout'),
    missing: some('missing'),
    mean: mean(scores),
    median: median(scores),
  };
}

/** Every report must grade the same exercises in the same order, or per-exercise columns would mean different things. */
function exerciseIds(graded: Graded[]): string[] {
  const ids = graded[0]?.report.exercises.map((e) => e.id) ?? [];
  const shape = (r: Report): string =>
    r.exercises.map((e) => `${e.id}:${e.parts.map((p) => p.id).join(',')}`).join('\n');
  const want = graded.length ? shape(graded[0].report) : '';
  const odd = graded.find((g) => shape(g.report) !== want);
  if (odd) {
    throw new TfgradeError(
      'USAGE',
      `the report of ${odd.id} grades ${odd.report.exercises.map((e) => e.id).join(', ') || 'no exercise'}, others grade ${ids.join(', ')}`,
      'grade every student (every shard) with the same --exercises',
    );
  }
  return ids;
}

/** What a summary says besides the reports: the layout, what was not graded, stale decisions, similar pairs. */
export interface Aggregates {
  layout?: Layout;
  unattributed: Unattributed[];
  ignored: Ignored[];
  stale?: StaleReview[];
  similarity?: SimilarityReport;
}

/** The aggregates a written summary holds, to rewrite it from changed reports (a review, a new similarity run). */
export const aggregatesOf = (s: Summary): Aggregates => ({
  layout: s.layout,
  unattributed: s.unattributed,
  ignored: s.ignored,
  stale: s.reviews.stale,
  similarity: s.similarity,
});

export function summarize(graded: Graded[], extra: Aggregates): Summary {
  const ids = exerciseIds(graded);
  const exercises = ids.map((id, i): ExerciseSummary => {
    const first = graded[0].report.exercises[i];
    const mine = graded.map((g) => g.report.exercises[i]);
    const parts = first.parts.map((p, j): PartSummary => {
      const ps = mine.map((e) => e.parts[j]);
      return {
        id: p.id,
        kind: p.kind,
        maxScore: p.maxScore,
        ...counts(
          ps.map((x) => x.score),
          ps.map((x) => [x.status]),
          ps.filter((x) => x.status === 'passed').length,
        ),
      };
    });
    const stats = counts(
      mine.map((e) => e.score),
      mine.map((e) => e.parts.map((p) => p.status)),
      mine.filter((e) => e.status === 'passed').length,
    );
    return { id, title: first.title, maxScore: first.maxScore, ...stats, parts };
  });
  const totals = graded.map((g) => g.report.score);
  const parts = graded.flatMap((g) => g.report.exercises.flatMap((e) => e.parts));
  return {
    summaryVersion: SUMMARY_VERSION,
    ...(extra.layout ? { layout: extra.layout } : {}),
    students: graded.length,
    allPassed: graded.filter((g) => allPassed(g.report)).length,
    maxScore: graded[0]?.report.maxScore ?? 0,
    mean: mean(totals),
    median: median(totals),
    min: totals.length ? Math.min(...totals) : null,
    max: totals.length ? Math.max(...totals) : null,
    exercises,
    roster: graded.map((g) => ({
      id: g.id,
      report: `${g.file}.json`,
      ...g.identity,
      ...(g.late ? { late: true } : {}),
      score: g.report.score,
      maxScore: g.report.maxScore,
      status: g.report.status,
      passed: allPassed(g.report),
    })),
    unattributed: extra.unattributed,
    ignored: extra.ignored,
    reviews: {
      decided: parts.filter((p) => p.review).length,
      pending: parts.filter((p) => p.status === 'needs-review').length,
      stale: [...(extra.stale ?? [])].sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0)),
    },
    ...(extra.similarity ? { similarity: extra.similarity } : {}),
  };
}
