// Prepares a course once per run: specs validated (all problems at once), then each requested reference computed or read from cache.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TfgradeError, suggest, formatProblems, type SpecProblem } from '../util/errors.js';
import type { Course, PreparedExercise } from './api.js';
import { hintProblems } from './hints.js';
import { checkContext } from './grade.js';
import { listSpecFiles } from '../spec/files.js';
import { loadCourseSpecs } from './spec-cache.js';
import { prepareExercise, ReferenceProblems } from './references.js';
import { TfSource } from './tf-source.js';
import { chooseBackend, nativeInstalls, type BackendRequest } from './backend-choice.js';
import { isolationLevel, type SandboxRequest } from '../sandbox/command.js';
import type { SandboxLevel } from '../model/report.js';
import { mark } from '../util/timings.js';
import { startEsbuild } from '../util/esbuild.js';
import { BUILD_ID, readCache, writeCache } from './cache.js';
import { isKit } from '../spec/kit.js';
import { kitExercise } from './kit-course.js';

export interface PrepareOptions {
  root: string;
  /** Exercise ids to prepare; empty means all. */
  ids: string[];
  backend: BackendRequest;
  /** 'basic' forbids bubblewrap; the level decides whether the native backend may run student code. */
  sandbox?: SandboxRequest;
  /** false (validate): only references run, in the trusted grader, so any backend may. */
  studentCode?: boolean;
  cwd?: string;
  cache?: boolean;
  /** Type-check submissions against the declared types (always, for an exercise whose spec says `typeErrors: fail-part`). */
  typecheck?: boolean;
}

export function toolVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Unknown ids are usage errors with a suggestion, raised before any spec is parsed or any child runs. */
export function checkIds(known: string[], ids: string[]): string[] {
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length) {
    const hints = unknown.map((id) => {
      const s = suggest(id, known);
      return s.length ? `'${id}': did you mean ${s.join(' or ')}?` : `'${id}'`;
    });
    throw new TfgradeError(
      'UNKNOWN_EXERCISE',
      `unknown exercise ${hints.join('; ')}`,
      'run `grade list` to see every exercise id',
    );
  }
  return [...new Set(ids)];
}

export async function prepareCourse(opts: PrepareOptions): Promise<Course> {
  const cwd = opts.cwd ?? process.cwd();
  startEsbuild();
  const known = [...listSpecFiles(opts.root, cwd).keys()];
  const ids = opts.ids.length ? checkIds(known, opts.ids) : known;
  const loaded = await loadCourseSpecs(opts.root, cwd, ids, { cache: opts.cache ?? true });
  const byId = new Map(loaded.map((s) => [s.spec.id, s]));
  const selected = ids.map((id) => byId.get(id)!);
  mark('spec load');
  const isolation = isolationLevel(opts.sandbox);
  const pick = chooseBackend(opts.backend, isolation, nativeInstalls(opts.root), opts.studentCode ?? true);
  const tfs = new TfSource(pick.name, pick.pkg);
  const problems: SpecProblem[] = [];
  mark('backend resolve');
  const exercises: PreparedExercise[] = [];
  if (isKit(opts.root)) {
    return courseOf(
      opts.root,
      selected.map(kitExercise),
      tfs,
      pick,
      isolation,
      typecheckOf(
        opts,
        selected.map((s) => s.spec),
      ),
    );
  }
  for (const loaded of selected) {
    try {
      const ex = await prepareExercise(opts.root, loaded, tfs, cwd, opts.cache ?? true);
      exercises.push(ex);
      problems.push(...(await referenceHintProblems(opts.root, ex, cwd, opts.cache ?? true)));
      mark('reference: hint checks');
    } catch (e) {
      if (!(e instanceof ReferenceProblems)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length) {
    throw new TfgradeError(
      'REFERENCE_INVALID',
      `the reference does not fit its spec:\n${formatProblems(problems)}`,
      'fix reference/<id>.ts, then run `grade validate`',
      problems,
    );
  }
  return courseOf(
    opts.root,
    exercises,
    tfs,
    pick,
    isolation,
    typecheckOf(
      opts,
      exercises.map((e) => e.spec),
    ),
  );
}

const typecheckOf = (opts: PrepareOptions, specs: { typeErrors?: string }[]): boolean =>
  opts.typecheck === true || specs.some((s) => s.typeErrors === 'fail-part');

function courseOf(
  root: string,
  exercises: PreparedExercise[],
  tfs: TfSource,
  pick: ReturnType<typeof chooseBackend>,
  isolation: SandboxLevel,
  typecheck: boolean,
): Course {
  const backend = {
    name: pick.name,
    version: tfs.tfjsVersion,
    package: pick.pkg,
    requested: pick.requested,
    reason: pick.reason,
  };
  return { root, toolVersion: toolVersion(root), exercises, backend, isolation, typecheck };
}

/**
 * Hints checked against the reference's own answer: a hint is for a wrong answer, and never gives the right one away.
 * Sound hints are remembered per reference cache entry and build (checking runs the part's check on each hint: ~0.25 s
 * for the whole catalog); a problem is never remembered, so it is reported on every run until it is fixed.
 */
async function referenceHintProblems(
  root: string,
  ex: PreparedExercise,
  cwd: string,
  useCache: boolean,
): Promise<SpecProblem[]> {
  if (!ex.parts.some((p) => p.spec.hints)) return [];
  const key = useCache && BUILD_ID && ex.cacheName ? `hints-sound-${ex.cacheName}-${BUILD_ID}` : undefined;
  if (key && readCache<boolean>(root, key) === true) return [];
  const out: SpecProblem[] = [];
  for (const [i, part] of ex.parts.entries()) {
    if (!part.spec.hints) continue;
    const found = await hintProblems(part, checkContext(ex, part.spec.id), `parts[${i}]`);
    out.push(...found.map((p) => ({ file: relative(cwd, ex.file), ...p })));
  }
  if (key && !out.length) writeCache(root, key, true);
  return out;
}
