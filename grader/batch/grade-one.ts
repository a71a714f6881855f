// Grades one student of a batch: stage their files, call the one engine, and turn even a grader bug into that student's data.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Course } from '../engine/api.js';
import type { Limits } from '../model/limits.js';
import { gradeSubmission } from '../engine/grade.js';
import { partFromStatus, scoredParts } from '../engine/score.js';
import { envelope, plannedSandbox } from '../engine/envelope.js';
import type { ExerciseReport, Report } from '../model/report.js';
import { maxScoreOf } from '../spec/model.js';
import type { Student } from '../model/student.js';
import { stage } from '../uploads/stage.js';

/** The engine's one entry point (a unit test passes one that throws, to show a grader bug stays one student's). */
export type GradeFn = typeof gradeSubmission;

export interface BatchContext {
  course: Course;
  limits: Limits;
  /** The batch folder as the user typed it (relative to cwd): reports name submissions below it. */
  shownFolder: string;
  /** Private temp folder for staged Canvas/Gradescope files (removed by the caller). */
  tmp: string;
}

export async function gradeStudent(
  ctx: BatchContext,
  s: Student,
  index: number,
  grade: GradeFn = gradeSubmission,
): Promise<Report> {
  const displayPath = `${ctx.shownFolder.replace(/\/$/, '')}/${s.display}`;
  let stagedDir: string | undefined;
  try {
    let dir: string;
    let warnings: string[] = [];
    if (s.source.kind === 'dir') {
      dir = s.source.dir;
    } else {
      // The index, not the id, names the staging folder: ids are untrusted text.
      stagedDir = join(ctx.tmp, String(index));
      // A zip upload is searched for the files of this run's exercises (similarity.ts reads it the same way).
      ({ dir, warnings } = stage(s.source, stagedDir, solutionNames(ctx.course)));
    }
    const report = await grade(ctx.course, { dir, student: s.id, displayPath }, ctx.limits);
    report.warnings.push(...warnings);
    return report;
  } catch (e) {
    return internalErrorReport(ctx, s.id, displayPath, e);
  } finally {
    if (stagedDir) rmSync(stagedDir, { recursive: true, force: true });
  }
}

/** `he-init.ts`, … for the exercises of this run. */
export const solutionNames = (course: Pick<Course, 'exercises'>): string[] =>
  course.exercises.map((e) => `${e.spec.id}.ts`);

/**
 * The engine already turns hangs, crashes and garbage into part statuses; reaching this means a grader bug. The student
 * still gets a valid report (every part an error, 0 points) saying so, and the batch goes on with the next student.
 */
export function internalErrorReport(
  ctx: Pick<BatchContext, 'course' | 'limits'>,
  student: string,
  displayPath: string,
  e: unknown,
): Report {
  const { course, limits } = ctx;
  const detail = e instanceof Error ? e.message : String(e);
  const exercises: ExerciseReport[] = course.exercises.map((ex) => {
    const parts = ex.spec.parts.map((p) =>
      partFromStatus(
        p,
        'error',
        'crashed',
        `the grader failed on this submission (an internal error in tfgrade, not in your code): ${detail}`,
      ),
    );
    const { score, status } = scoredParts(parts);
    return {
      id: ex.spec.id,
      title: ex.spec.title,
      score,
      maxScore: maxScoreOf(ex.spec),
      status,
      file: `${ex.spec.id}.ts`,
      parts,
    };
  });
  const warning = `internal error while grading ${student}: ${e instanceof Error ? (e.stack ?? detail) : detail}`;
  return envelope(course, { dir: '', student, displayPath }, plannedSandbox(course, limits), exercises, [warning], 0);
}
