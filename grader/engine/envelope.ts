// The report around the exercises: one place builds it, for the engine and for a batch's internal-error report alike.
import { REPORT_SCHEMA_VERSION, type ExerciseReport, type Report } from '../model/report.js';
import { sandboxCommand, sandboxPathsFor, type SandboxCommand } from '../sandbox/command.js';
import { currentHost } from '../sandbox/host.js';
import type { Course, SubmissionInput } from './api.js';
import type { Limits } from '../model/limits.js';
import { rollUp, sumPoints } from './score.js';

/** What the report says about isolation: the command that ran (or would have run) on this platform. */
export function sandboxSection(
  cmd: Pick<SandboxCommand, 'level' | 'description' | 'enforced'>,
  limits: Limits,
): Report['sandbox'] {
  return {
    level: cmd.level,
    platform: currentHost().platform,
    enforced: [...cmd.enforced],
    description: cmd.description,
    limits: { ...limits },
  };
}

/** The section for a run whose child never started: what it would have been, or a plain 'not started'. */
export function plannedSandbox(course: Course, limits: Limits): Report['sandbox'] {
  try {
    return sandboxSection(
      sandboxCommand(sandboxPathsFor(course.root), course.backend.name, limits, course.isolation),
      limits,
    );
  } catch {
    return sandboxSection(
      { level: 'basic', description: 'not started (internal error before the sandbox ran)', enforced: [] },
      limits,
    );
  }
}

export function envelope(
  course: Course,
  sub: SubmissionInput,
  sandbox: Report['sandbox'],
  exercises: ExerciseReport[],
  warnings: string[],
  durationMs: number,
): Report {
  const score = sumPoints(exercises.map((e) => e.score));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'tfgrade', version: course.toolVersion },
    createdAt: new Date().toISOString(),
    submission: { path: sub.displayPath, ...(sub.student ? { student: sub.student } : {}) },
    score,
    maxScore: sumPoints(exercises.map((e) => e.maxScore)),
    status: rollUp(
      exercises.flatMap((e) => e.parts.map((p) => p.status)),
      score,
    ),
    backend: { ...course.backend },
    sandbox,
    durationMs,
    exercises,
    warnings,
  };
}
