// The TA's decisions of a batch folder (<out>/reviews.json): reviews of needs-review parts and overrides of any part,
// kept apart from the automatic results and applied over them, only while the answer decided on is unchanged.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rollUp, sum } from '../engine/score.js';
import type { PartReport, Report } from '../model/report.js';
import type { Graded, StaleReview } from './summary.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { TfgradeError } from '../util/errors.js';

export const REVIEWS_FILE = 'reviews.json';
export const REVIEWS_VERSION = 1;

export interface Decision {
  student: string;
  exercise: string;
  part: string;
  kind: 'review' | 'override';
  score: number;
  comment?: string;
  /** Overrides: why the automatic score was replaced. */
  reason?: string;
  /** The part's answerHash when the decision was made; it applies only to that answer. */
  answerHash?: string;
  by: string;
  at: string;
}

/** A decision before it is stamped with who made it and when (what a screen, a CSV row or --override proposes). */
export type Undated = Omit<Decision, 'by' | 'at'>;

/** A student's part in a batch, by exercise and part id. */
export const findPart = (graded: Graded[], student: string, exercise: string, part: string): PartReport | undefined =>
  graded.find((g) => g.id === student)?.report.exercises.find((e) => e.id === exercise)?.parts.find((p) => p.id === part);

/** A score a human may give part `p`: a number from 0 to its points. */
export const validScore = (score: number, p: PartReport): boolean => Number.isFinite(score) && score >= 0 && score <= p.maxScore;

/** A decision on part `p`, bound to the answer it was made on; empty words are left out. */
export function undated(where: Pick<Decision, 'student' | 'exercise' | 'part'>, p: PartReport, kind: Decision['kind'], score: number, words: { comment?: string; reason?: string } = {}): Undated {
  return {
    student: where.student, exercise: where.exercise, part: where.part, kind, score,
    ...(words.comment ? { comment: words.comment } : {}), ...(words.reason ? { reason: words.reason } : {}), ...(p.answerHash ? { answerHash: p.answerHash } : {}),
  };
}

export const keyOf = (d: Pick<Decision, 'student' | 'exercise' | 'part'>): string => JSON.stringify([d.student, d.exercise, d.part]);

export function readDecisions(out: string): Decision[] {
  let text: string;
  try {
    text = readFileSync(join(out, REVIEWS_FILE), 'utf8');
  } catch {
    return [];
  }
  try {
    const data = JSON.parse(text) as { reviewsVersion?: unknown; decisions?: unknown };
    if (data.reviewsVersion !== REVIEWS_VERSION || !Array.isArray(data.decisions)) throw new Error(`not a version ${REVIEWS_VERSION} reviews file`);
    return data.decisions as Decision[];
  } catch (e) {
    throw new TfgradeError('REVIEWS_INVALID', `${join(out, REVIEWS_FILE)} is unreadable (${(e as Error).message})`, 'restore it from a backup, or remove it to start the reviews over');
  }
}

/** One decision per part, the latest; written atomically, so a TA who quits (or is killed) loses nothing decided. */
export function writeDecisions(out: string, decisions: Decision[]): void {
  const latest = new Map<string, Decision>();
  for (const d of decisions) latest.set(keyOf(d), d);
  const sorted = [...latest.values()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  writeFileAtomic(join(out, REVIEWS_FILE), JSON.stringify({ reviewsVersion: REVIEWS_VERSION, decisions: sorted }, null, 2) + '\n');
}

/** The decisions of several folders (shards) as one: per part, the latest decision wins, wherever it was made. */
export function mergeDecisions(lists: Decision[][]): Decision[] {
  const latest = new Map<string, Decision>();
  for (const d of lists.flat()) {
    const prev = latest.get(keyOf(d));
    if (!prev || prev.at <= d.at) latest.set(keyOf(d), d);
  }
  return [...latest.values()];
}

/** The part as the grader left it: a review applied earlier is taken off again (its `automatic` keeps what it replaced). */
function automatic(p: PartReport): PartReport {
  if (!p.review) return p;
  const { review, ...rest } = p;
  return { ...rest, score: review.automatic.score, status: review.automatic.status, reason: review.automatic.reason };
}

function decided(p: PartReport, d: Decision): PartReport {
  const score = Math.min(p.maxScore, Math.max(0, d.score));
  const status = score >= p.maxScore ? 'passed' : score > 0 ? 'partial' : 'failed';
  const review = {
    kind: d.kind, by: d.by, at: d.at, ...(d.comment ? { comment: d.comment } : {}), ...(d.reason ? { reason: d.reason } : {}),
    automatic: { score: p.score, status: p.status, reason: p.reason },
  };
  return { ...p, score, status, reason: d.kind === 'override' ? 'overridden' : 'reviewed', review };
}

export interface Applied {
  report: Report;
  /** Decisions made on another answer than the one graded now (the student resubmitted): listed, not applied. */
  stale: Decision[];
}

/** `report` with this student's decisions applied (and any applied before taken off first, so applying twice is once). */
export function applyDecisions(report: Report, decisions: Decision[]): Applied {
  const mine = new Map(decisions.filter((d) => d.student === report.submission.student).map((d) => [`${d.exercise}\0${d.part}`, d]));
  const stale: Decision[] = [];
  const exercises = report.exercises.map((e) => {
    const parts = e.parts.map((raw) => {
      const p = automatic(raw);
      const d = mine.get(`${e.id}\0${p.id}`);
      if (!d) return p;
      if (d.answerHash !== undefined && d.answerHash !== p.answerHash) {
        stale.push(d);
        return p;
      }
      return decided(p, d);
    });
    const score = sum(parts.map((p) => p.score));
    return { ...e, parts, score, status: rollUp(parts.map((p) => p.status), score) };
  });
  const score = sum(exercises.map((e) => e.score));
  return { report: { ...report, exercises, score, status: rollUp(exercises.flatMap((e) => e.parts.map((p) => p.status)), score) }, stale };
}

export const staleOf = (d: Decision): StaleReview => ({ student: d.student, exercise: d.exercise, part: d.part, by: d.by, at: d.at });

/** Applies `decisions` report after report (a batch, a merge, a review), gathering those that went stale as it goes. */
export function decisionPass(decisions: Decision[]): { apply: (report: Report) => Report; stale: StaleReview[] } {
  const stale: StaleReview[] = [];
  const apply = (report: Report): Report => {
    const applied = applyDecisions(report, decisions);
    stale.push(...applied.stale.map(staleOf));
    return applied.report;
  };
  return { apply, stale };
}
