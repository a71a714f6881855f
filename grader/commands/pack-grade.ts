// What `grade pack` learns by grading the files as `grade` does: which exercises will likely lose points, and why.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ExerciseReport, PartReport } from '../model/report.js';
import type { PackProblem } from './pack-checks.js';
import { prepareCourse } from '../engine/prepare.js';
import { gradeSubmission } from '../engine/grade.js';
import { limitsFrom } from '../model/limits.js';
import { isKit } from '../spec/kit.js';
import { TfgradeError } from '../util/errors.js';
import { shown, type Io } from '../util/io.js';
import { plural } from '../util/plural.js';

/** Reasons pack-checks.ts already reports better (with the export line to add, or the compile error). */
const CHECKED_BEFORE = new Set(['compile-error', 'missing-export', 'missing-file']);
const PENDING_OR_PASSED = new Set(['passed', 'needs-review', 'recorded']);

const firstLine = (s: string, max = 160): string => {
  const line = s.split('\n')[0];
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};
const lost = (parts: PartReport[]): number => parts.reduce((n, p) => n + (p.maxScore - p.score), 0);

/** The starter as the kit shipped it: one problem, not one per part (it throws or holds null everywhere). */
export const untouchedProblem = (id: string, total: number): PackProblem => ({
  what: `is the starter as the kit shipped it: its ${plural(total, 'point')} will score 0`,
  fix: `write your solution (\`npx grade show ${id}\` says what to export), or leave the file out of the zip`,
});

/**
 * One exercise's report, summed up as what will likely lose points: malformed answers (the kit's form check), code
 * parts that fail (in a kit: on the public cases, which the course grades again with more), parts that throw or time
 * out.
 */
export function gradeProblems(ex: ExerciseReport): PackProblem[] {
  const bad = ex.parts.filter((p) => !PENDING_OR_PASSED.has(p.status) && !CHECKED_BEFORE.has(p.reason));
  const problems: PackProblem[] = [];
  const malformed = bad.filter((p) => p.reason === 'invalid-answer');
  if (malformed.length) {
    problems.push({
      what: `has malformed answers, which score 0: ${malformed.map((p) => `${p.id} (${firstLine(p.message)})`).join('; ')}`,
      fix: `give each an answer of the form its type asks (\`npx grade ${ex.id}\` says what is wrong)`,
    });
  }
  const types = ex.typeErrors ?? [];
  if (types.length) {
    const shownErrors = types.slice(0, 3).map((d) => `${d.file}:${d.line}:${d.col}: ${firstLine(d.message)}`);
    problems.push({
      what: `has ${plural(types.length, 'type error')}: ${shownErrors.join('; ')}${types.length > 3 ? '; …' : ''}`,
      fix: `fix them (\`npx grade ${ex.id} --typecheck\` lists them all)`,
    });
  }
  const failing = bad.filter((p) => p.reason !== 'invalid-answer');
  if (failing.length) {
    const where = failing.every((p) => p.feedback === 'immediate') ? ' on the public cases' : '';
    problems.push({
      what: `fails${where}, likely losing ${plural(lost(failing), 'point')}: ${failing.map((p) => `${p.id} (${firstLine(p.message)})`).join('; ')}`,
      fix: `run \`npx grade ${ex.id}\` for each case's details`,
    });
  }
  return problems;
}

/**
 * `ids`' files graded as `grade` grades them (in a kit: code parts on the public cases, answers for their form), with
 * one prepared course and one sandbox for all of them. A folder with specs but neither references nor kit files cannot
 * grade, and a grading that fails (no sandbox here, say) is a note: the zip is written already, and pack says how far
 * it checked.
 */
export async function gradePacked(
  io: Io,
  dir: string,
  ids: string[],
): Promise<{ problems: (PackProblem & { name: string })[]; note?: string }> {
  if (!ids.length) return { problems: [] };
  if (!isKit(io.root) && !existsSync(join(io.root, 'reference'))) {
    return {
      problems: [],
      note: `not graded: ${shown(io, io.root) || '.'} has no reference/ (and is not a kit), so only compile errors and exports were checked`,
    };
  }
  try {
    // Type-checked too (seconds of CPU, once before a submission): a type error is a likely mistake worth naming.
    const course = await prepareCourse({ root: io.root, ids, backend: 'auto', cwd: io.cwd, typecheck: true });
    const report = await gradeSubmission(course, { dir, displayPath: shown(io, dir) }, limitsFrom({}));
    return {
      problems: report.exercises.flatMap((ex) => gradeProblems(ex).map((p) => ({ name: `${ex.id}.ts`, ...p }))),
    };
  } catch (e) {
    if (!(e instanceof TfgradeError) || e.code === 'INTERNAL') throw e;
    return {
      problems: [],
      note: `not graded (${e.message.split('\n')[0]}): only compile errors and exports were checked; \`npx grade\` says more`,
    };
  }
}
