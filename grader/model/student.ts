// The students of a batch as every layout reports them: who they are, where their files are, and what was left aside.
import type { Report } from './report.js';
export type Layout = 'folders' | 'canvas' | 'gradescope';

/** What the LMS knows about a student, as far as the layout tells (feeds the gradebook's identity columns). */
export interface Identity {
  name?: string;
  userId?: string;
  sisUserId?: string;
  sisLoginId?: string;
  section?: string;
  email?: string;
}

/** Where a student's files are: a folder graded in place (the engine copies it safely), or files to stage first. */
export type Source =
  | { kind: 'dir'; dir: string }
  | { kind: 'files'; files: { name: string; path: string }[] }
  | { kind: 'tree'; dir: string };

export interface Student {
  /** The student id as the layout gives it (report.submission.student). */
  id: string;
  /** `<out>/<file>.json`: the id encoded for the file system (see layouts/student-id.ts). */
  file: string;
  identity: Identity;
  late?: boolean;
  source: Source;
  /** The submission, relative to the batch folder (`alice`, `smithjohn_123_456_*`, `submission_9`). */
  display: string;
  /** Larger is newer: decides which of two submissions of one student is graded. */
  rank: string;
}

/** Paths are relative to the batch folder, so shards run from different places agree. */
export interface Unattributed {
  path: string;
  reason: string;
}
export interface Ignored {
  path: string;
  student: string;
  reason: string;
}

/** What one layout finds in a batch folder, before older submissions are set aside and the lists are sorted. */
export interface Found {
  students: Student[];
  unattributed: Unattributed[];
  ignored: Ignored[];
}

export interface Discovery {
  layout: Layout;
  students: Student[];
  unattributed: Unattributed[];
  ignored: Ignored[];
}

/** A student of a batch with the report graded (or kept) for them: what the class's outputs and reviews are built from. */
export interface Graded {
  id: string;
  file: string;
  identity: Identity;
  late?: boolean;
  report: Report;
}

/** A TA's decision made on an earlier answer than the one graded now: listed, not applied. */
export interface StaleReview {
  student: string;
  exercise: string;
  part: string;
  by: string;
  at: string;
}
