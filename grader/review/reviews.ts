// The TA's decisions of a batch folder (<out>/reviews.json): reviews of needs-review parts and overrides of any part,
// kept apart from the automatic results and applied over them, only while the answer decided on is unchanged.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rollUp, scoredParts, sumPoints } from '../engine/score.js';
import type { PartReport, Report } from '../model/report.js';
import type { Graded, StaleReview } from '../model/student.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { TfgradeError, formatProblems, type SpecProblem } from '../util/errors.js';
import { REVIEWS_VERSION, reviewsFileErrors, type Decision } from '../model/reviews.js';
import { dottedPath } from '../spec/explain-errors.js';
import { visibleControls } from '../util/csv.js';

export const REVIEWS_FILE = 'reviews.json';
export { REVIEWS_VERSION, type Decision };

/** A decision before it is stamped with who made it and when (what a screen, a CSV row or --override proposes). */
export type DecisionDraft = Omit<Decision, 'by' | 'at'>;

/** A student's part in a batch, by exercise and part id. */
export const findPart = (graded: Graded[], student: string, exercise: string, part: string): PartReport | undefined =>
  graded
    .find((g) => g.id === student)
    ?.report.exercises.find((e) => e.id === exercise)
    ?.parts.find((p) => p.id === part);

/** A score a human may give part `p`: a number from 0 to its points. */
const validScore = (score: number, p: PartReport): boolean =>
  Number.isFinite(score) && score >= 0 && score <= p.maxScore;

/**
 * A score a TA typed, or why it is none: only plain decimals (`2`, `1.5`), never what Number() also takes (`0x2`,
 * `0b1`, `+2e0`, ` 2`, ''), from 0 to the part's points. (No spec gives a part a finer grain than any decimal.)
 */
export function parseScore(
  text: string,
  p: PartReport,
): { score: number } | { problem: 'BAD_SCORE' | 'SCORE_OUT_OF_RANGE'; message: string } {
  if (!/^\d+(\.\d+)?$/.test(text))
    return {
      problem: 'BAD_SCORE',
      message: `'${text}' is not a plain decimal number (digits, optionally a point and more digits)`,
    };
  const score = Number(text);
  return validScore(score, p)
    ? { score }
    : { problem: 'SCORE_OUT_OF_RANGE', message: `${text} is not between 0 and ${p.maxScore}, the part's points` };
}

/** A decision on part `p`, bound to the answer it was made on; empty words are left out. */
export function draftDecision(
  where: Pick<Decision, 'student' | 'exercise' | 'part'>,
  p: PartReport,
  kind: Decision['kind'],
  score: number,
  words: { comment?: string; reason?: string } = {},
): DecisionDraft {
  return {
    student: where.student,
    exercise: where.exercise,
    part: where.part,
    kind,
    score,
    ...(words.comment ? { comment: words.comment } : {}),
    ...(words.reason ? { reason: words.reason } : {}),
    ...(p.answerHash ? { answerHash: p.answerHash } : {}),
  };
}

export const keyOf = (d: Pick<Decision, 'student' | 'exercise' | 'part'>): string =>
  JSON.stringify([d.student, d.exercise, d.part]);

/**
 * The decisions of `<out>/reviews.json` (none when there is no such file), checked against its schema first: a bad
 * entry stops the command before anything is written, naming the file, the entry's JSON path and the fix.
 */
export function readDecisions(out: string, shown: (file: string) => string = (f) => f): Decision[] {
  const file = shown(join(out, REVIEWS_FILE));
  let text: string;
  try {
    text = readFileSync(join(out, REVIEWS_FILE), 'utf8');
  } catch {
    return [];
  }
  const refuse = (what: string, problems: SpecProblem[]) =>
    new TfgradeError(
      'REVIEWS_INVALID',
      `${file} ${what}; nothing was changed${problems.length ? `:\n${formatProblems(problems)}` : ''}`,
      'fix those entries (each is one decision: see docs/batch.md, Reviews), restore the file from a backup, or remove it to start the reviews over',
      problems,
    );
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw refuse(`is not JSON (${(e as Error).message})`, []);
  }
  const errors = reviewsFileErrors(data);
  // A field name in the file may hold anything: the problems are printed on a terminal.
  const problems = new Map(
    errors
      .map((e) => explain(e.instancePath, e.keyword, e.params as Record<string, unknown>, e.message))
      .map((p) => ({ file, ...p, path: visibleControls(p.path), message: visibleControls(p.message) }))
      .map((p) => [`${p.path}\0${p.message}`, p]),
  );
  if (problems.size) throw refuse(`is not a version ${REVIEWS_VERSION} reviews file`, [...problems.values()]);
  return (data as { decisions: Decision[] }).decisions;
}

function explain(
  pointer: string,
  keyword: string,
  p: Record<string, unknown>,
  message = keyword,
): Omit<SpecProblem, 'file'> {
  const path = dottedPath(pointer) || '(top)';
  if (keyword === 'required')
    return { path, message: `missing field '${p.missingProperty}'`, fix: `add ${p.missingProperty}` };
  if (keyword === 'additionalProperties')
    return {
      path: `${dottedPath(pointer) ? `${path}.` : ''}${p.additionalProperty}`,
      message: 'unknown field',
      fix: 'remove it or fix its spelling',
    };
  if (keyword === 'type' && p.type === 'number')
    return {
      path,
      message: 'must be a number',
      fix: 'write the points as a JSON number, e.g. 2 or 1.5, not in quotes',
    };
  if (keyword === 'minimum')
    return { path, message: `must be ${p.comparison} ${p.limit}`, fix: 'a score is 0 or more points' };
  if (keyword === 'const' && path === 'reviewsVersion')
    return {
      path,
      message: `must be ${REVIEWS_VERSION}`,
      fix: 'this file was written by another tfgrade version, or by hand',
    };
  if (keyword === 'format') return { path, message: 'must be an ISO date-time', fix: 'e.g. 2026-01-20T12:00:00.000Z' };
  if (path.endsWith('.kind'))
    return { path, message: 'must be review or override', fix: 'set kind to review or override' };
  return { path, message, fix: 'see Decision in grader/model/reviews.ts' };
}

/** One decision per part, the latest; written atomically, so a TA who quits (or is killed) loses nothing decided. */
export function writeDecisions(out: string, decisions: Decision[]): void {
  const latest = new Map<string, Decision>();
  for (const d of decisions) latest.set(keyOf(d), d);
  const sorted = [...latest.values()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  writeFileAtomic(
    join(out, REVIEWS_FILE),
    `${JSON.stringify({ reviewsVersion: REVIEWS_VERSION, decisions: sorted }, null, 2)}\n`,
  );
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
    kind: d.kind,
    by: d.by,
    at: d.at,
    ...(d.comment ? { comment: d.comment } : {}),
    ...(d.reason ? { reason: d.reason } : {}),
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
  const mine = new Map(
    decisions.filter((d) => d.student === report.submission.student).map((d) => [`${d.exercise}\0${d.part}`, d]),
  );
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
    return { ...e, ...scoredParts(parts) };
  });
  const score = sumPoints(exercises.map((e) => e.score));
  return {
    report: {
      ...report,
      exercises,
      score,
      status: rollUp(
        exercises.flatMap((e) => e.parts.map((p) => p.status)),
        score,
      ),
    },
    stale,
  };
}

export const staleOf = (d: Decision): StaleReview => ({
  student: d.student,
  exercise: d.exercise,
  part: d.part,
  by: d.by,
  at: d.at,
});

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
