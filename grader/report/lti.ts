// LTI 1.3 Assignment and Grade Services view: the score object a tool POSTs to a line item's /scores endpoint.
import type { Report } from '../model/report.js';
import { pointsOf } from '../util/numbers.js';
import { agree, plural } from '../util/plural.js';

export type LtiActivityProgress = 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed';
export type LtiGradingProgress = 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady';

/** The AGS score (application/vnd.ims.lis.v1.score+json) fields tfgrade fills. */
export interface LtiScore {
  userId: string;
  /** Absent only when the report has no points at all: AGS requires scoreMaximum > 0 whenever a score is given. */
  scoreGiven?: number;
  scoreMaximum?: number;
  comment: string;
  /** When the grade was produced (the report's createdAt): platforms drop a score older than the one they hold. */
  timestamp: string;
  activityProgress: LtiActivityProgress;
  gradingProgress: LtiGradingProgress;
}

/** Comments show up in the LMS gradebook cell: a line per report, not the report. */
const MAX_COMMENT = 1000;

function comment(r: Report, review: number): string {
  const per = r.exercises.map((e) => `${e.id} ${pointsOf(e.score, e.maxScore)} ${e.status}`).join('; ');
  const pending = review ? ` ${plural(review, 'part')} ${agree(review, 'awaits', 'await')} manual review.` : '';
  const text = `tfgrade ${r.tool.version}: ${pointsOf(r.score, r.maxScore)} points (${per}).${pending}`;
  return text.length > MAX_COMMENT ? `${text.slice(0, MAX_COMMENT - 1)}…` : text;
}

export function toLtiScore(report: Report, userId: string): LtiScore {
  const review = report.exercises.flatMap((e) => e.parts).filter((p) => p.status === 'needs-review').length;
  return {
    userId,
    ...(report.maxScore > 0 ? { scoreGiven: report.score, scoreMaximum: report.maxScore } : {}),
    comment: comment(report, review),
    timestamp: report.createdAt,
    activityProgress: 'Completed',
    // PendingManual tells the LMS a human still has to act, so it does not treat the score as final.
    gradingProgress: review ? 'PendingManual' : 'FullyGraded',
  };
}
