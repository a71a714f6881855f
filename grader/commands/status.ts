// `grade status`: where the student stands on every exercise, graded as `grade` grades (one course, one sandbox).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gradeSubmission } from '../engine/grade.js';
import { limitsFrom, MAX_SOLUTION_BYTES } from '../model/limits.js';
import { palette, useColor } from '../report/palette.js';
import { gradedRow, renderStatus, statusJson, statusPassed, ungradedRow, type StatusRow } from '../report/status.js';
import { isKit, readManifest, sha256 } from '../spec/kit.js';
import { listSpecFiles } from '../spec/files.js';
import { maxScoreOf } from '../spec/model.js';
import { loadCourseSpecs } from '../engine/spec-cache.js';
import { readRegular } from '../uploads/copy-tree.js';
import { shown, type Io } from '../util/io.js';
import { prepareToGrade, submissionFolder, type RunArgs } from './grade.js';

export interface StatusArgs extends RunArgs {
  submission?: string;
  format: 'text' | 'json';
}

/**
 * The starters' hashes: a kit's manifest holds them; a course folder's solutions/ holds the starters themselves, so a
 * submission elsewhere is compared with them (and solutions/ itself with nothing).
 */
function startersOf(io: Io, dir: string, ids: string[]): Record<string, string> {
  if (isKit(io.root)) return readManifest(io.root, io.cwd).starters ?? {};
  const own = join(io.root, 'solutions');
  if (resolve(dir) === resolve(own)) return {};
  const hashes: Record<string, string> = {};
  for (const id of ids) {
    const data = existsSync(join(own, `${id}.ts`)) ? readRegular(join(own, `${id}.ts`), MAX_SOLUTION_BYTES) : undefined;
    if (data instanceof Buffer) hashes[id] = sha256(data);
  }
  return hashes;
}

export async function statusCommand(args: StatusArgs, io: Io): Promise<number> {
  const dir = submissionFolder(io, args.submission);
  // Through the validated-spec cache, as prepareCourse reads them: a warm status loads no YAML or ajv.
  const ids = [...listSpecFiles(io.root, io.cwd).keys()];
  const specs = (await loadCourseSpecs(io.root, io.cwd, ids, { cache: args.cache })).map((l) => l.spec);
  const starters = startersOf(
    io,
    dir,
    specs.map((s) => s.id),
  );
  const rows = new Map<string, StatusRow>();
  const toGrade: string[] = [];
  for (const spec of specs) {
    const max = maxScoreOf(spec);
    const file = join(dir, `${spec.id}.ts`);
    if (!existsSync(file)) {
      rows.set(spec.id, ungradedRow(spec.id, 'missing file', max));
      continue;
    }
    // A link or an oversized file is graded, and the grader says why it scores 0.
    const data = starters[spec.id] !== undefined ? readRegular(file, MAX_SOLUTION_BYTES) : undefined;
    if (data instanceof Buffer && sha256(data) === starters[spec.id])
      rows.set(spec.id, ungradedRow(spec.id, 'untouched starter', max));
    else toGrade.push(spec.id);
  }
  if (toGrade.length) {
    const course = await prepareToGrade(args, io, toGrade, dir, args.format === 'text');
    const report = await gradeSubmission(course, { dir, displayPath: shown(io, dir) }, limitsFrom(args));
    for (const ex of report.exercises) rows.set(ex.id, gradedRow(ex));
  }
  const ordered = specs.map((s) => rows.get(s.id)!);
  io.stdout.write(
    args.format === 'json' ? statusJson(ordered) : renderStatus(ordered, palette(useColor(io.stdout, io.env))),
  );
  return statusPassed(ordered) ? 0 : 1;
}
