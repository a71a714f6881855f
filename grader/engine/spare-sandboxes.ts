// A batch's next submissions get their sandbox child started ahead (sandbox/spares.ts); the engine knows its command.
import type { Course } from './api.js';
import type { Limits } from '../model/limits.js';
import { sandboxCommand, sandboxPathsFor } from '../sandbox/command.js';
import { Session } from '../sandbox/session.js';
import { discardSpares, holdSpare } from '../sandbox/spares.js';

/**
 * Starts the main child of a submission to come, the one gradeSubmission would start (same paths, backend, limits,
 * isolation): its start (spawn, bubblewrap's namespaces, tfjs from the snapshot, ~0.1-0.3 s) then overlaps the
 * submission graded now, and the next one adopts it ready. Used once, by one submission, like any child.
 */
export function startSpareSandbox(course: Course, limits: Limits): void {
  if (!course.exercises.length) return;
  const command = sandboxCommand(sandboxPathsFor(course.root), course.backend.name, limits, course.isolation);
  holdSpare(command, Session.launch(command, course.backend.name, limits));
}

/** Kills the spares no submission took: called when a batch ends, however it ends. */
export const discardSpareSandboxes = discardSpares;
