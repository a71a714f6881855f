// `grade batch <folder>`: discover every student, prepare the course once, grade them in a pool, write reports and aggregates.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { shown, type Io } from '../util/io.js';
import { prepareCourse } from '../engine/prepare.js';
import type { Course } from '../engine/api.js';
import { listSpecFiles } from '../spec/files.js';
import { allPassed, type Report } from '../model/report.js';
import { renderReport, type ReportFormat } from '../report/formats.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { TfgradeError } from '../util/errors.js';
import { showControl } from '../util/control-chars.js';
import { legacyStudentFile } from '../layouts/student-id.js';
import { discover } from '../layouts/discover.js';
import { gradeStudent, type BatchContext } from '../batch/grade-one.js';
import { readStudentReport, writeAggregates } from '../class-report/outputs.js';
import { type Decision, decisionPass, readDecisions } from '../review/reviews.js';
import { classSimilarity } from '../class-report/similarity.js';
import { mark } from '../util/timings.js';
import { runPool } from '../batch/pool.js';
import { discardSpareSandboxes, startSpareSandbox } from '../engine/spare-sandboxes.js';
import { zipRefusals } from '../uploads/zip-upload.js';
import { startProgress } from '../batch/progress.js';
import { inShard, parseShard } from '../batch/shard.js';
import type { Graded } from '../model/student.js';
import { renderSummaryTable } from '../class-report/table.js';
import type { RunArgs } from './grade.js';
import { limitsFrom } from '../model/limits.js';
import { maxScoreOf } from '../spec/model.js';
import type { Discovery, StaleReview, Student } from '../model/student.js';
import { plural } from '../util/plural.js';

export interface BatchArgs extends RunArgs {
  folder: string;
  exercises: string[];
  out?: string;
  jobs?: number;
  resume: boolean;
  force: boolean;
  shard?: string;
  /** json prints summary.json on stdout instead of the table. */
  format?: ReportFormat;
}

/** The students of a submissions folder, whatever its layout; `<id>.ts` of the course's exercises mark solution files. */
export function discoverStudents(io: Io, folder: string, out: string): Discovery {
  const known = [...listSpecFiles(io.root, io.cwd).keys()].map((id) => `${id}.ts`);
  return discover(folder, { known, exclude: out });
}

export function batchFolder(io: Io, given: string): string {
  const dir = resolve(io.cwd, given);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new TfgradeError(
      'SUBMISSION_NOT_FOUND',
      `no submission folder at ${shown(io, dir)}`,
      'pass the folder that holds the student folders, the Canvas download or the Gradescope export',
    );
  }
  return dir;
}

function checkArgs(args: BatchArgs): number {
  if (args.resume && args.force)
    throw new TfgradeError(
      'USAGE',
      '--resume and --force contradict each other',
      '--resume keeps finished reports, --force regrades everyone: pick one',
    );
  const jobs = args.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new TfgradeError(
      'USAGE',
      `--jobs ${args.jobs} is not a positive whole number`,
      'e.g. --jobs 4 (default: the number of cores)',
    );
  return jobs;
}

/** A finished report of this student over exactly the exercises of this run: --resume keeps it untouched. */
function finished(file: string, s: Student, ids: string[]): Report | undefined {
  const r = readStudentReport(file);
  if (!r.ok || r.report.submission.student !== s.id) return undefined;
  return r.report.exercises.map((e) => e.id).join('\n') === ids.join('\n') ? r.report : undefined;
}

/**
 * A finished report under the name an earlier tfgrade gave it (unbounded, capitals kept): renamed, unchanged, to the
 * student's bounded name so the aggregates and `grade review` find it. Only when the new name holds nothing.
 */
function adoptLegacy(out: string, s: Student, ids: string[]): Report | undefined {
  const legacy = legacyStudentFile(s.id);
  const target = join(out, `${s.file}.json`);
  if (legacy === s.file || existsSync(target)) return undefined;
  try {
    const r = finished(join(out, `${legacy}.json`), s, ids);
    if (r) renameSync(join(out, `${legacy}.json`), target);
    return r;
  } catch {
    // Not renamable (a read-only folder?): that student is graded again under the new name rather than lost.
    return undefined;
  }
}

export async function batchCommand(args: BatchArgs, io: Io): Promise<number> {
  const jobs = checkArgs(args);
  const shard = args.shard !== undefined ? parseShard(args.shard) : undefined;
  const folder = batchFolder(io, args.folder);
  const out = resolve(io.cwd, args.out ?? 'reports');
  if (out === folder)
    throw new TfgradeError(
      'USAGE',
      '--out is the submissions folder itself',
      'write the reports elsewhere, e.g. --out reports',
    );
  const found = discoverClass(io, folder, out);
  refuseEarlierReports(args, io, out);
  const mine = found.students.filter((s) => inShard(s.id, shard));
  // The TA's decisions are checked before anything slow runs or anything is written: a bad reviews.json stops here.
  const decisions = readDecisions(out, (f) => shown(io, f));

  // References are computed once here (and disk-cached), never once per student.
  const course = await prepareCourse({
    root: io.root,
    ids: args.exercises,
    backend: args.backend,
    sandbox: args.sandbox,
    cwd: io.cwd,
    cache: args.cache,
    typecheck: args.typecheck,
  });
  const { graded, stale, resumed } = await gradeClass(mine, course, decisions, { args, io, jobs, folder, out });
  // Similar code is a property of the class: a shard sees only part of it (`grade similarity` runs after the merge).
  const t0 = performance.now();
  const similarity = shard ? undefined : classSimilarity(io.root, mine, specsOf(course));
  mark('similarity ms', performance.now() - t0);
  if (shard)
    io.stderr.write(
      `note: similar code is compared over the whole class: after grade merge, run grade similarity ${shown(io, folder)} --out <merged folder>\n`,
    );
  const summary = writeAggregates(
    out,
    graded,
    { ...found, stale, ...(similarity ? { similarity } : {}) },
    specsOf(course).map((spec) => ({ id: spec.id, maxScore: maxScoreOf(spec) })),
  );
  for (const d of stale)
    io.stderr.write(
      `note: the review of ${showControl(d.student)}'s ${showControl(`${d.exercise}.${d.part}`)} (by ${showControl(d.by)}) was made on an earlier answer: not applied (grade review ${shown(io, out)} lists it again)\n`,
    );
  io.stdout.write(
    args.format === 'json'
      ? `${JSON.stringify(summary, null, 2)}\n`
      : renderSummaryTable(summary, { out: shown(io, out), resumed, shard: args.shard }),
  );
  return graded.every((g) => allPassed(g.report)) ? 0 : 1;
}

const specsOf = (course: Course) => course.exercises.map((e) => e.spec);

/**
 * Every student of this run graded: those a resumed run finds finished are kept, the rest go through the pool. The
 * TA's decisions (grade review) outlive regrades: each applies again, to kept and fresh reports, while its answer is
 * unchanged; `stale` lists those whose answer changed.
 */
async function gradeClass(
  mine: Student[],
  course: Course,
  decisions: Decision[],
  { args, io, jobs, folder, out }: { args: BatchArgs; io: Io; jobs: number; folder: string; out: string },
): Promise<{ graded: Graded[]; stale: StaleReview[]; resumed: number }> {
  const ids = specsOf(course).map((spec) => spec.id);
  const kept = args.resume ? keptReports(out, mine, ids) : new Map<string, Report>();
  const todo = mine.filter((s) => !kept.has(s.id));
  mkdirSync(out, { recursive: true });
  if (kept.size) io.stderr.write(`resuming: ${plural(kept.size, 'finished report')} kept, ${todo.length} to grade\n`);
  const { apply: reviewed, stale } = decisionPass(decisions);
  for (const [id, r] of kept) kept.set(id, reviewed(r));
  const context = { course, limits: limitsFrom(args), shownFolder: shown(io, folder) };
  const fresh = await gradeInPool(todo, jobs, context, out, reviewed, io);
  const byStudent = new Map(todo.map((s, i) => [s.id, fresh[i]]));
  const graded: Graded[] = mine.map((s) => ({
    id: s.id,
    file: s.file,
    identity: s.identity,
    ...(s.late ? { late: true } : {}),
    report: kept.get(s.id) ?? byStudent.get(s.id)!,
  }));
  return { graded, stale, resumed: kept.size };
}

/** The class in the folder, with a word on every file left unattributed or ignored; none at all is a usage error. */
function discoverClass(io: Io, folder: string, out: string): Discovery {
  const found = discoverStudents(io, folder, out);
  // Paths, names and reasons hold students' file names: shown with their control characters made visible.
  for (const u of found.unattributed)
    io.stderr.write(`warning: not attributed to a student: ${showControl(u.path)} (${showControl(u.reason)})\n`);
  for (const u of found.ignored) io.stderr.write(`note: ignored ${showControl(u.path)} (${showControl(u.reason)})\n`);
  if (!found.students.length) {
    throw new TfgradeError(
      'USAGE',
      `no student submission found in ${shown(io, folder)}`,
      'expected one folder per student, a Canvas download (name_userid_submissionid_file) or a Gradescope export (submission_metadata.yml)',
    );
  }
  return found;
}

/** Any .json already there may be a finished report: never overwrite one unless the user said how (--resume / --force). */
function refuseEarlierReports(args: BatchArgs, io: Io, out: string): void {
  const existing = existsSync(out) ? readdirSync(out).filter((n) => n.endsWith('.json')) : [];
  if (existing.length && !args.resume && !args.force) {
    throw new TfgradeError(
      'USAGE',
      `${shown(io, out)} already holds ${plural(existing.length, '.json file')} (reports of an earlier batch?)`,
      'add --resume to keep finished reports and grade the rest, --force to regrade everyone, or choose another --out',
    );
  }
}

/** --resume: the finished reports of these students over exactly these exercises, by student id. */
function keptReports(out: string, students: Student[], ids: string[]): Map<string, Report> {
  const kept = new Map<string, Report>();
  for (const s of students) {
    const r = finished(join(out, `${s.file}.json`), s, ids) ?? adoptLegacy(out, s, ids);
    if (r) kept.set(s.id, r);
  }
  return kept;
}

/** Grades the students `jobs` at a time, in a scratch folder removed afterwards, with their TA decisions applied. */
async function gradeInPool(
  todo: Student[],
  jobs: number,
  base: Omit<BatchContext, 'tmp'>,
  out: string,
  reviewed: (r: Report) => Report,
  io: Io,
): Promise<Report[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'tfgrade-batch-'));
  const progress = startProgress(io.stderr, todo.length);
  const ctx = { ...base, tmp };
  let fresh: Report[];
  try {
    fresh = await runPool(
      todo,
      jobs,
      async (s, i) => {
        const report = reviewed(await gradeStudent(ctx, s, i));
        // Written as soon as it is done (atomically): an interrupted batch keeps every finished student for --resume.
        writeFileAtomic(join(out, `${s.file}.json`), renderReport(report, 'json'));
        progress.graded(s.id, report);
        return report;
      },
      // The lane's next student's child starts while this student is graded, and is ready when it begins.
      () => startSpareSandbox(ctx.course, ctx.limits),
    );
  } finally {
    discardSpareSandboxes();
    progress.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  // A refused zip leaves that student with nothing graded: the TA hears of it here, not only in the report.
  for (const [i, s] of todo.entries())
    for (const w of zipRefusals(fresh[i].warnings))
      io.stderr.write(`warning: ${showControl(s.id)}: ${showControl(w)}\n`);
  return fresh;
}
