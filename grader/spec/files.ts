// Where the specs are and what a loaded one holds: the light half of spec loading, free of YAML and the validator.
import { readdirSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import type { ExerciseSpec } from './model.js';
import { TfgradeError } from '../util/errors.js';
import { isKit, kitExerciseFile, readKitExercise, readManifest, type KitExercise } from './kit.js';

export interface LoadedSpec {
  spec: ExerciseSpec;
  /** Absolute path of the spec file. */
  file: string;
  /** Raw text, part of the reference cache key. */
  text: string;
  /** A student kit's exercise file, read (and checked against its hash) once: the spec and its public cases. */
  kit?: KitExercise;
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Spec files by exercise id (the file stem: a rule in load.ts makes the id inside match it). */
export function listSpecFiles(root: string, cwd = process.cwd()): Map<string, string> {
  if (isKit(root))
    return new Map(
      Object.keys(readManifest(root, cwd).exercises)
        .sort()
        .map((id) => [id, kitExerciseFile(root, id)]),
    );
  const dir = join(root, 'exercises');
  try {
    const names = readdirSync(dir)
      .filter((n) => EXTENSIONS.has(extname(n)))
      .sort();
    return new Map(names.map((n) => [basename(n, extname(n)), join(dir, n)]));
  } catch {
    throw new TfgradeError(
      'SPEC_INVALID',
      `no exercises folder at ${relative(cwd, dir) || '.'}`,
      'run grade inside the course folder',
    );
  }
}

/** A kit's specs were validated by the course that wrote them; the kit checks only that they are unchanged. */
export function loadKitSpecs(root: string, cwd = process.cwd(), ids?: string[]): LoadedSpec[] {
  const manifest = readManifest(root, cwd);
  return Object.keys(manifest.exercises)
    .sort()
    .filter((id) => !ids || ids.includes(id))
    .map((id) => {
      const { kit, text, file } = readKitExercise(root, id, cwd, manifest);
      return { spec: kit.spec, file, text, kit };
    });
}
