// The engine's public surface: prepare a course once, then grade any number of submissions with it.
import type { ExerciseSpec } from '../spec/model.js';
import type { Report, SandboxLevel } from '../model/report.js';
import type { Wire } from '../model/wire.js';
import type { BehaviorPredicate } from '../checks/define.js';

/** Expected values of one exercise, computed once by the reference in the grader process. */
export interface PreparedCase {
  label: string;
  args: Wire[];
  expected: Wire;
  /** What the reference's mistakes (named by the part's hints) give on this case. */
  mistakes?: Record<string, Wire>;
  /** From the reference's `hiddenCases`: graded by the course, never in a student kit, never shown with its values. */
  hidden?: boolean;
}
export interface PreparedPart {
  spec: ExerciseSpec['parts'][number];
  cases: PreparedCase[];
}
export interface PreparedExercise {
  spec: ExerciseSpec;
  file: string;
  parts: PreparedPart[];
  behaviors: Record<string, BehaviorPredicate>;
  /** Its reference cache entry's name (spec text, bundled reference, backend, tfjs): what its expected values are. */
  cacheName?: string;
  /** From a student kit: only public cases, and on-submit and hidden parts are checked for form, not graded. */
  kit?: boolean;
}

/** Everything that is the same for every submission of a run: specs, expected values, backend. */
export interface Course {
  root: string;
  toolVersion: string;
  exercises: PreparedExercise[];
  /** What the report says of the backend: name, tfjs version, package, and why it was chosen. */
  backend: Report['backend'];
  /** The isolation level the course was prepared for: the backend was chosen for it, and every child starts at it. */
  isolation: SandboxLevel;
  /** Whether submissions are type-checked: asked for (`--typecheck`), or a spec's `typeErrors: fail-part`. */
  typecheck: boolean;
}

export interface SubmissionInput {
  /** Absolute path of the folder that holds <id>.ts files. */
  dir: string;
  /** Shown in the report; batch sets it to the student id. */
  student?: string;
  /** How the report names the folder (relative to where the user stands). */
  displayPath: string;
}
