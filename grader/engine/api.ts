// The engine's public surface: prepare a course once, then grade any number of submissions with it.
import type { ExerciseSpec } from '../spec/model.js';
import type { Report } from '../model/report.js';
import type { Wire } from '../model/wire.js';
import type { BehaviorPredicate } from '../checks/define.js';

export interface Limits {
  /** Wall-clock limit for all the calls of one part together; a hang in one part never zeroes the others. */
  partTimeoutMs: number;
  /** RLIMIT_DATA of the sandbox process, and V8's old-space cap below it. */
  memoryMb: number;
  /** Bytes of the student's stdout+stderr kept for the report; the rest is drained and dropped. */
  outputBytes: number;
}

export const DEFAULT_LIMITS: Limits = { partTimeoutMs: 10_000, memoryMb: 1536, outputBytes: 16_384 };

/** Limits from the CLI's --timeout (seconds) and --memory (MB). */
export function limitsFrom(args: { timeout?: number; memory?: number }): Limits {
  return {
    ...DEFAULT_LIMITS,
    ...(args.timeout !== undefined ? { partTimeoutMs: Math.round(args.timeout * 1000) } : {}),
    ...(args.memory !== undefined ? { memoryMb: Math.round(args.memory) } : {}),
  };
}

/** Expected values of one exercise, computed once by the reference in the grader process. */
export interface PreparedCase { label: string; args: Wire[]; expected: Wire }
export interface PreparedPart { spec: ExerciseSpec['parts'][number]; cases: PreparedCase[] }
export interface PreparedExercise {
  spec: ExerciseSpec;
  file: string;
  parts: PreparedPart[];
  behaviors: Record<string, BehaviorPredicate>;
}

/** Everything that is the same for every submission of a run: specs, expected values, backend. */
export interface Course {
  root: string;
  toolVersion: string;
  exercises: PreparedExercise[];
  /** What the report says of the backend: name, tfjs version, package, and why it was chosen. */
  backend: Report['backend'];
}

export interface SubmissionInput {
  /** Absolute path of the folder that holds <id>.ts files. */
  dir: string;
  /** Shown in the report; batch sets it to the student id. */
  student?: string;
  /** How the report names the folder (relative to where the user stands). */
  displayPath: string;
}
