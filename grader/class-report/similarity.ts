// Similar code in a batch: each student's solution file of every code exercise (one with a call part), read where the
// engine finds it, compared across the class (grader/similarity) with the course's starter file subtracted.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExerciseSpec } from '../spec/model.js';
import type { Source, Student } from '../model/student.js';
import { compareSubmissions, type SimilarityOptions, type SimilarityReport } from '../similarity/index.js';
import { readRegular } from '../uploads/copy-tree.js';
import { unzipSolutions, ZIP_LIMITS, type Unzipped } from '../uploads/unzip.js';
import { isZipName } from '../uploads/zip-upload.js';
import { MAX_SOLUTION_BYTES } from '../model/limits.js';

/**
 * Exercises whose answers are code. Value parts (a choice, a number, an expression) are left out: everyone's right
 * answer is the same, so matching ones say nothing; an exercise with a call part is compared as a whole file.
 */
export const codeExercises = (specs: ExerciseSpec[]): string[] =>
  specs.filter((s) => s.parts.some((p) => p.mode === 'call')).map((s) => s.id);

/** A zip upload's files (or its refusal), extracted once per batch and looked up per exercise. */
export type ZipCache = Map<string, Unzipped | undefined>;

/**
 * `<id>.ts` of a submission, as grading reads it: never through a symbolic link, never a special file; from a zip upload
 * when no loose file has that name, extracted the way staging extracts it (`known`: the run's solution file names).
 */
export function solutionText(
  source: Source,
  id: string,
  known: readonly string[] = [`${id}.ts`],
  zips: ZipCache = new Map(),
): string | undefined {
  const path =
    source.kind === 'files' ? source.files.find((f) => f.name === `${id}.ts`)?.path : join(source.dir, `${id}.ts`);
  if (!path && source.kind === 'files')
    return zippedText(
      source.files.filter((f) => isZipName(f.name)).map((f) => f.path),
      `${id}.ts`,
      known,
      zips,
    );
  if (!path) return undefined;
  try {
    const r = readRegular(path, MAX_SOLUTION_BYTES);
    return typeof r === 'string' ? undefined : r.toString('utf8');
  } catch {
    // Absent or unreadable: that student has nothing to compare for this exercise (their report says why).
    return undefined;
  }
}

/** The first zip (by upload name, as staging takes them) that holds `file` at its solution root. */
function zippedText(paths: string[], file: string, known: readonly string[], zips: ZipCache): string | undefined {
  for (const path of paths) {
    if (!zips.has(path)) {
      let r: ReturnType<typeof readRegular> | undefined;
      try {
        r = readRegular(path, ZIP_LIMITS.maxZipBytes);
      } catch {
        r = undefined;
      }
      zips.set(path, r instanceof Uint8Array ? unzipSolutions(r, known) : undefined);
    }
    const z = zips.get(path);
    const hit = z?.ok ? z.files.find((f) => f.path === file) : undefined;
    if (hit && hit.data.length <= MAX_SOLUTION_BYTES) return Buffer.from(hit.data).toString('utf8');
    if (hit) return undefined;
  }
  return undefined;
}

/** The similarity report of `students` over the code exercises among `specs`; the starter is `<root>/solutions/<id>.ts`. */
export function classSimilarity(
  root: string,
  students: Student[],
  specs: ExerciseSpec[],
  opts?: SimilarityOptions,
): SimilarityReport {
  // The members of a group submission (Gradescope) share one folder: compared once, as "a + b", not flagged as a copy.
  const bySource = new Map<string, Student[]>();
  for (const s of students) {
    const key = JSON.stringify(s.source);
    bySource.set(key, [...(bySource.get(key) ?? []), s]);
  }
  const submissions = [...bySource.values()].map((group) => ({
    label: group
      .map((s) => s.id)
      .sort()
      .join(' + '),
    source: group[0].source,
  }));
  const known = specs.map((s) => `${s.id}.ts`);
  const zips: ZipCache = new Map();
  const exercises = codeExercises(specs).map((id) => {
    const starter = join(root, 'solutions', `${id}.ts`);
    const sources = submissions.flatMap((s) => {
      const text = solutionText(s.source, id, known, zips);
      return text === undefined ? [] : [{ student: s.label, text }];
    });
    return { exercise: id, sources, ...(existsSync(starter) ? { starter: readFileSync(starter, 'utf8') } : {}) };
  });
  return compareSubmissions(exercises, opts);
}
