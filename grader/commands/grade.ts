// `grade <ids..>`: grade one submission folder and print the report (text for people, JSON for machines).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gradeSubmission } from '../engine/grade.js';
import { prepareCourse } from '../engine/prepare.js';
import type { Course } from '../engine/api.js';
import { listSpecFiles } from '../spec/files.js';
import { limitsFrom } from '../model/limits.js';
import { allPassed } from '../model/report.js';
import type { BackendRequest } from '../engine/backend-choice.js';
import type { SandboxRequest } from '../sandbox/command.js';
import { renderText } from '../report/text.js';
import { palette, useColor } from '../report/palette.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { renderReport, type ReportFormat } from '../report/formats.js';
import type { GradescopeOptions } from '../model/report.js';
import { TfgradeError } from '../util/errors.js';
import { shown, type Io } from '../util/io.js';
import { mark } from '../util/timings.js';
import { watchFiles } from './watch.js';
import { unpackZipFile } from '../uploads/stage.js';
import { isZipName } from '../uploads/zip-upload.js';

/** Options every grading command shares (grade, all, batch). */
export interface RunArgs {
  backend: BackendRequest;
  timeout?: number;
  memory?: number;
  cache: boolean;
  /** Type-check the solutions against the declared types before grading (seconds of CPU: off unless asked). */
  typecheck?: boolean;
  sandbox?: SandboxRequest;
}

export interface GradeArgs extends RunArgs {
  /** Exercise ids; ['all'] means the whole catalog; [] means every solution file present in the folder. */
  exercises: string[];
  submission?: string;
  format: ReportFormat;
  out?: string;
  verbose?: boolean;
  /** Grade again each time one of the graded solution files changes, until the process is stopped. */
  watch?: boolean;
  /** `--format gradescope`: when on-submit parts' results are shown (`--reveal`, `--reveal-scores`). */
  gradescope?: GradescopeOptions;
  /** Set when `submission` is the extracted copy of this zip: reports name the zip and carry its warnings. */
  zip?: { file: string; warnings: string[] };
}

/** The course prepared to grade `ids` of `dir` as `grade` and `status` do; on a terminal, says so while it grades. */
export async function prepareToGrade(args: RunArgs, io: Io, ids: string[], dir: string, say: boolean): Promise<Course> {
  const course = await prepareCourse({
    root: io.root,
    ids,
    backend: args.backend,
    sandbox: args.sandbox,
    cwd: io.cwd,
    cache: args.cache,
    typecheck: args.typecheck,
  });
  if (say && io.stderr.isTTY)
    io.stderr.write(`grading ${ids.join(', ')} in ${shown(io, dir)} on ${course.backend.name}…\n`);
  return course;
}

export function submissionFolder(io: Io, given: string | undefined): string {
  const dir = resolve(io.cwd, given ?? join(io.root, 'solutions'));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new TfgradeError(
      'SUBMISSION_NOT_FOUND',
      `no submission folder at ${shown(io, dir)}`,
      given ? 'check the path given to --submission' : 'create solutions/ or pass --submission <folder>',
    );
  }
  return dir;
}

export async function gradeCommand(args: GradeArgs, io: Io): Promise<number> {
  // A zip (Gradescope's submission.zip) is graded from a private copy, extracted by batch's one safe extractor.
  const zip =
    args.submission && !args.zip && isZipName(args.submission)
      ? unpackZipFile(
          resolve(io.cwd, args.submission),
          [...listSpecFiles(io.root, io.cwd).keys()].map((id) => `${id}.ts`),
        )
      : undefined;
  if (zip) {
    try {
      if (args.watch)
        throw new TfgradeError('USAGE', '--watch needs a folder, not a zip', 'pass the folder with the .ts files');
      return await gradeCommand(
        { ...args, submission: zip.dir, zip: { file: resolve(io.cwd, args.submission!), warnings: zip.warnings } },
        io,
      );
    } finally {
      zip.dispose();
    }
  }
  const dir = submissionFolder(io, args.submission);
  let ids = args.exercises;
  if (ids.length === 1 && ids[0] === 'all') ids = [...listSpecFiles(io.root, io.cwd).keys()];
  if (ids.length === 0) {
    // No ids: grade what the folder holds, so `npx grade` after editing a few files just works.
    const present = new Set(readdirSync(dir));
    ids = [...listSpecFiles(io.root, io.cwd).keys()].filter((id) => present.has(`${id}.ts`));
    if (ids.length === 0)
      throw new TfgradeError(
        'USAGE',
        `no solution files in ${shown(io, dir)}`,
        'name the exercises to grade, e.g. `npx grade he-init` (see `npx grade list`)',
      );
  }
  const course = await prepareToGrade(args, io, ids, dir, args.format === 'text');
  const gradeOnce = async (): Promise<number> => {
    const report = await gradeSubmission(
      course,
      { dir, displayPath: shown(io, args.zip?.file ?? dir) },
      limitsFrom(args),
    );
    report.warnings.push(...(args.zip?.warnings ?? []));
    // --out saves the chosen format (JSON when the format is text: a file is for machines).
    mark('grade submission: finish');
    if (args.out)
      writeFileAtomic(
        resolve(io.cwd, args.out),
        args.format === 'text' ? renderReport(report, 'json') : renderReport(report, args.format, args.gradescope),
      );
    io.stdout.write(
      args.format === 'text'
        ? renderText(report, palette(useColor(io.stdout, io.env)), { verbose: args.verbose })
        : renderReport(report, args.format, args.gradescope),
    );
    mark('reporting');
    return allPassed(report) ? 0 : 1;
  };
  const code = await gradeOnce();
  if (!args.watch) return code;
  // The course (specs, expected values, backend) is prepared once; each save costs only a fresh sandbox.
  return watchFiles(
    io,
    dir,
    ids.map((id) => `${id}.ts`),
    gradeOnce,
  );
}
