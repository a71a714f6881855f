// The one engine: grades one submission folder against a prepared course. `grade <ids>` and `grade batch` both call it.
import { createHash } from 'node:crypto';
import type { ExerciseReport, PartReport, Report, TypeDiagnostic } from '../model/report.js';
import { feedbackOf, maxScoreOf } from '../spec/model.js';
import { formOnly, malformedInCourse } from './on-submit.js';
import type { CaseInput } from '../model/outcome.js';
import { wireHash } from '../model/wire.js';
import { stripControl } from '../util/control-chars.js';
import { CHECKS, type CheckContext } from '../checks/registry.js';
import { caseName, judgeCases, withoutHiddenText } from './hidden-cases.js';
import { createJob } from '../sandbox/job.js';
import { MAX_SOLUTION_BYTES, megabytes } from '../model/limits.js';
import { compileSolutions, type Compiled } from '../sandbox/compile.js';
import { Runner, type Failed } from '../sandbox/runner.js';
import { mapLocation } from '../sandbox/source-map.js';
import { typeCheckInThread } from '../sandbox/typecheck.js';
import { join } from 'node:path';
import { sandboxPathsFor } from '../sandbox/command.js';
import { envelope, plannedSandbox, sandboxSection } from './envelope.js';
import type { Course, PreparedExercise, SubmissionInput } from './api.js';
import type { Limits } from '../model/limits.js';
import { partFromCheck, partFromOutcome, partFromStatus, scoredParts } from './score.js';
import { mark } from '../util/timings.js';
import { plural } from '../util/plural.js';

export async function gradeSubmission(course: Course, sub: SubmissionInput, limits: Limits): Promise<Report> {
  const started = Date.now();
  const warnings: string[] = [];
  const job = createJob(sub.dir);
  mark('job copy');
  const runner = new Runner(sandboxPathsFor(course.root), course.backend.name, limits, course.isolation);
  if (course.exercises.length) runner.prestart();
  mark('sandbox: spawn (sync part)');
  const exercises: ExerciseReport[] = [];
  try {
    warnings.push(...job.skipped.map((s) => `skipped ${s}`));
    // Compile everything first, in one esbuild build; one file's syntax error never delays or fails the others.
    const compiled = await compileSolutions(
      job.dir,
      course.exercises.map((ex) => ex.spec.id),
    );
    mark('transpile');
    // Type-checking reads tfjs' ~650 declaration files (seconds of CPU): only when the run asks for it or a part's
    // points depend on it (course.typecheck, see prepareCourse).
    const typing = course.typecheck
      ? typeErrors(job.dir, course, compiled, warnings)
      : Promise.resolve(new Map<string, TypeDiagnostic[]>());
    const graded: ExerciseReport[] = [];
    for (const [i, ex] of course.exercises.entries())
      graded.push(
        await gradeExercise(ex, compiled[i], runner, limits, sub.displayPath, job.tooLarge.get(compiled[i].filename)),
      );
    // A large file that is no exercise's solution is still said once, run-wide.
    const solutions = new Set(compiled.map((c) => c.filename));
    for (const [name, size] of job.tooLarge)
      if (!solutions.has(name))
        warnings.push(`skipped ${name} (too large: ${megabytes(size)} > ${megabytes(MAX_SOLUTION_BYTES)} limit)`);
    const types = await typing;
    mark('type-check (what the grading did not overlap)');
    exercises.push(...graded.map((r, i) => withTypeErrors(course.exercises[i], r, types.get(r.id))));
  } finally {
    mark('sandbox: child tfjs load (in child)', runner.first?.ready.loadMs);
    runner.close();
    // Unlinking a submission's files can block for tens of ms on a busy disk: not on the batch's one event loop.
    await job.remove();
    mark('sandbox close + job cleanup');
  }
  const sandbox = runner.first ? sandboxSection(runner.first.command, limits) : plannedSandbox(course, limits);
  return envelope(course, sub, sandbox, exercises, warnings, Date.now() - started);
}

async function gradeExercise(
  ex: PreparedExercise,
  compiled: Compiled,
  runner: Runner,
  limits: Limits,
  shownDir: string,
  tooLargeBytes?: number,
): Promise<ExerciseReport> {
  const { spec } = ex;
  const shownFile = `${shownDir.replace(/\/$/, '')}/${compiled.filename}`;
  const allParts = (f: (p: PreparedExercise['parts'][number]['spec']) => PartReport): PartReport[] =>
    ex.parts.map((p) => f(p.spec));
  let parts: PartReport[];
  const tooLarge =
    tooLargeBytes !== undefined
      ? `${compiled.filename} is too large (${megabytes(tooLargeBytes)} > ${megabytes(MAX_SOLUTION_BYTES)} limit) and was not graded`
      : undefined;
  if (!compiled.ok && tooLarge) {
    parts = allParts((p) =>
      partFromStatus(p, 'missing', 'missing-file', `not graded: ${compiled.filename} is too large`),
    );
  } else if (!compiled.ok) {
    parts = compiled.missing
      ? allParts((p) =>
          partFromStatus(p, 'missing', 'missing-file', `${shownFile} not found: create it and export ${p.id}`),
        )
      : allParts((p) =>
          partFromStatus(p, 'error', 'compile-error', `${shownFile} does not compile: ${compiled.message}`),
        );
  } else {
    const loaded = await runner.load(spec.id, compiled.code, compiled.filename);
    mark('sandbox: wait for ready + load module');
    if (loaded.kind === 'timeout') {
      parts = allParts((p) =>
        partFromStatus(
          p,
          'timeout',
          'import-timeout',
          `loading ${compiled.filename} did not finish within ${limits.partTimeoutMs / 1000} s (top-level code that never ends?)`,
        ),
      );
    } else if (loaded.kind !== 'value') {
      parts = allParts((p) =>
        partFromOutcome(p, withSourceLines(loaded, compiled.map), limits.partTimeoutMs, `loading ${compiled.filename}`),
      );
    } else {
      parts = [];
      for (const part of ex.parts) parts.push(await gradePart(ex, part, runner, limits, compiled.map));
    }
  }
  // Every report says of each part when a student may see its result: a kit's report, what the kit could check (public
  // cases, or the form only); the course's, what a view for students withholds until the due date (report/gradescope.ts).
  parts = parts.map((p, i) => ({ ...p, feedback: feedbackOf(ex.parts[i].spec) }));
  const output = runner.takeOutput();
  const warnings = [
    ...(tooLarge ? [tooLarge] : []),
    ...runner
      .straysOf(spec.id)
      .map(
        (m) =>
          `after ${compiled.filename} loaded, code it left running threw: ${m} (the parts were graded; look for a timer or callback at the top level)`,
      ),
  ];
  const { score, status } = scoredParts(parts);
  return {
    id: spec.id,
    title: spec.title,
    score,
    maxScore: maxScoreOf(spec),
    status,
    file: compiled.filename,
    parts,
    ...(output ? { output } : {}),
    ...(warnings.length ? { warnings } : {}),
  };
}

async function gradePart(
  ex: PreparedExercise,
  part: PreparedExercise['parts'][number],
  runner: Runner,
  limits: Limits,
  map?: string,
): Promise<PartReport> {
  const spec = part.spec;
  const t0 = Date.now();
  const warnings: string[] = [];
  const call = spec.mode === 'call';
  // The time limit is per part (all its cases together), so a slow part cannot eat another part's budget.
  const run = part.cases.length
    ? await runner.runPart(ex.spec.id, spec.id, call ? part.cases.map((c) => c.args) : undefined, limits.partTimeoutMs)
    : undefined;
  mark('student execution');
  mark('student execution: in-child compute', run?.ms);
  if (run?.stop) {
    const at = Math.min(run.at, part.cases.length - 1);
    const during = call ? `${spec.id} on ${caseName(part, at)}` : `reading ${spec.id}`;
    const stop = call && part.cases[at].hidden ? withoutHiddenText(run.stop) : withSourceLines(run.stop, map);
    return partFromOutcome(spec, stop, limits.partTimeoutMs, during);
  }
  const read = run?.values[0];
  if (!call && (read?.t === 'null' || read?.t === 'undefined')) {
    return partFromStatus(
      spec,
      'failed',
      'not-implemented',
      `'${spec.id}' is still ${read.t}: replace the TODO with your answer (${spec.type})`,
    );
  }
  const feedback = feedbackOf(spec);
  if (feedback !== 'immediate' && ex.kit)
    return formOnly(
      spec,
      feedback,
      run?.values ?? [],
      part.cases.map((c) => c.label),
    );
  const ctx = checkContext(ex, spec.id);
  // What a kit checks of an on-submit or hidden part, the course checks first, with the same words.
  const malformed =
    feedback !== 'immediate' ? await malformedInCourse(part, run?.values ?? [], ctx, Date.now() - t0) : undefined;
  if (malformed) return { ...malformed, answerHash: wireHash(run?.values ?? []) };
  const cases: CaseInput[] = part.cases.map((c, i) => ({
    label: c.label,
    args: c.args,
    expected: c.expected,
    actual: run!.values[call ? i : 0],
  }));
  if (run?.onCpu)
    warnings.push(
      `${run.onCpu} of ${part.cases.length} cases re-run on the cpu backend: this code needs a tfjs kernel the ${runner.backend} backend lacks (no points lost)`,
    );
  if (run?.leakedTensors)
    warnings.push(
      `leaked ${plural(run.leakedTensors, 'tensor')} (wrap the work in tf.tidy or dispose intermediates); no points lost`,
    );
  // Hidden cases (after the public ones) are graded apart and come back as a label and pass/fail only.
  const result = await judgeCases(part, cases, ctx);
  mark('checking');
  const report = partFromCheck(spec, result, warnings, Date.now() - t0);
  // What a human decision is made on: the values themselves (hashed), and a prose answer in full for its reviewer.
  const values = run?.values ?? [];
  const prose =
    report.status === 'needs-review' && values[0]?.t === 'string'
      ? stripControl(values[0].v.slice(0, MAX_ANSWER))
      : undefined;
  return { ...report, answerHash: wireHash(values), ...(prose !== undefined ? { answer: prose } : {}) };
}

/**
 * One TypeScript program for every file that compiled, in a thread beside the grading (it reads files, runs nothing).
 * A type-checker that fails (TypeScript missing or broken) costs a warning, never a grade.
 */
async function typeErrors(
  jobDir: string,
  course: Course,
  compiled: Compiled[],
  warnings: string[],
): Promise<Map<string, TypeDiagnostic[]>> {
  const exercises = course.exercises
    .filter((_, i) => compiled[i].ok)
    .map((ex) => ({
      id: ex.spec.id,
      parts: ex.spec.parts.map((p) => ({
        id: p.id,
        type: p.type,
        mode: p.mode,
        form: CHECKS.byKind(p.check.kind).form,
      })),
    }));
  if (!exercises.length) return new Map();
  try {
    return await typeCheckInThread(join(course.root, 'dist', 'typecheck.mjs'), {
      jobDir,
      nodeModules: sandboxPathsFor(course.root).nodeModules,
      exercises,
    });
  } catch (e) {
    warnings.push(`the solutions were not type-checked: ${(e as Error).message}`);
    return new Map();
  }
}

/** The exercise's type errors; under `typeErrors: fail-part`, a part with one scores 0 (the run's result is kept aside). */
export function withTypeErrors(
  ex: PreparedExercise,
  report: ExerciseReport,
  diags: TypeDiagnostic[] | undefined,
): ExerciseReport {
  if (!diags?.length) return report;
  const clean = diags.map((d) => ({ ...d, message: stripControl(d.message) }));
  if (ex.spec.typeErrors !== 'fail-part') return { ...report, typeErrors: clean };
  const parts = report.parts.map((p, i) => {
    const first = clean.find((d) => d.part === p.id);
    if (!first || p.score === 0) return p;
    // The new verdict replaces the run's, not what the part is: when its result is shown, and what answer it judged.
    const { feedback, answerHash } = p;
    return {
      ...partFromStatus(
        ex.parts[i].spec,
        'error',
        'type-error',
        `type error at ${first.file}:${first.line}:${first.col}: ${first.message} (this course grades a part with a type error 0)`,
      ),
      ...(feedback !== undefined ? { feedback } : {}),
      ...(answerHash !== undefined ? { answerHash } : {}),
    };
  });
  return { ...report, ...scoredParts(parts), typeErrors: clean };
}

function withSourceLines<O extends Failed>(o: O, map: string | undefined): O {
  return o.kind === 'failure' && o.failure.stack
    ? { ...o, failure: { ...o.failure, stack: mapLocation(o.failure.stack, map) } }
    : o;
}

/** A free-text answer longer than this is cut for the report (an essay is a few KB). */
const MAX_ANSWER = 20_000;

/** Random sample points of a check are the same on every run and machine, and differ between parts. */
export function checkContext(ex: Pick<PreparedExercise, 'spec' | 'behaviors'>, part: string): CheckContext {
  return {
    seed: createHash('sha256').update(`${ex.spec.id}/${part}`).digest().readUInt32LE(0) || 1,
    behaviors: ex.behaviors,
  };
}
