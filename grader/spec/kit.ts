// A student kit's course files (written by `grade release`): per exercise its spec as students may see it and its
// public cases; a manifest of hashes. The kit reads these instead of exercises/ and reference/, which it never holds.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ExerciseSpec } from './model.js';
import type { JsonWire } from '../model/wire-json.js';
import { TfgradeError } from '../util/errors.js';

/** Bump when the kit's files change shape; a kit from another format is refused with "rebuild the kit". */
export const KIT_FORMAT = 2;

export interface KitCase {
  label: string;
  args: JsonWire[];
  /** Immediate parts only: on-submit and hidden parts never carry an expected value. */
  expected?: JsonWire;
  mistakes?: Record<string, JsonWire>;
}

export interface KitExercise {
  format: number;
  /** The spec, minus what would give an on-submit or hidden part's answer away (see bundle/kit-spec.ts). */
  spec: ExerciseSpec;
  /** Per part id: its public cases (a value part: one case, no arguments). */
  cases: Record<string, KitCase[]>;
}

export interface KitManifest {
  format: number;
  /** The course's grader version that wrote the kit. */
  tool: string;
  /** Exercise id -> sha256 of kit/<id>.json: a student's edit of a kit file is named, not graded silently. */
  exercises: Record<string, string>;
  /** Exercise id -> sha256 of the starter solutions/<id>.ts as shipped: `grade pack` names a file left untouched. */
  starters?: Record<string, string>;
}

const manifestFile = (root: string): string => join(root, 'kit', 'manifest.json');
export const kitExerciseFile = (root: string, id: string): string => join(root, 'kit', `${id}.json`);

/** A student kit is a folder with kit/manifest.json (a course folder has exercises/ instead). */
export const isKit = (root: string): boolean => existsSync(manifestFile(root));

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

function invalid(message: string): TfgradeError {
  return new TfgradeError(
    'KIT_INVALID',
    message,
    'get a fresh copy of the kit from your course (or, for a course, run `grade release` again)',
  );
}

export function readManifest(root: string, cwd = process.cwd()): KitManifest {
  let m: KitManifest;
  try {
    m = JSON.parse(readFileSync(manifestFile(root), 'utf8')) as KitManifest;
  } catch (e) {
    throw invalid(`cannot read ${relative(cwd, manifestFile(root))}: ${(e as Error).message}`);
  }
  if (m?.format !== KIT_FORMAT || typeof m.exercises !== 'object')
    throw invalid(
      `${relative(cwd, manifestFile(root))} is kit format ${m?.format}, this grader reads format ${KIT_FORMAT}`,
    );
  return m;
}

/** One exercise's kit file, checked against the manifest's hash. */
export function readKitExercise(
  root: string,
  id: string,
  cwd = process.cwd(),
  manifest = readManifest(root, cwd),
): { kit: KitExercise; text: string; file: string } {
  const file = kitExerciseFile(root, id);
  const shown = relative(cwd, file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw invalid(`${shown} is missing`);
  }
  if (sha256(text) !== manifest.exercises[id])
    throw invalid(`${shown} was changed after the kit was made (its hash differs from kit/manifest.json)`);
  const kit = JSON.parse(text) as KitExercise;
  if (kit.format !== KIT_FORMAT || kit.spec?.id !== id) throw invalid(`${shown} is not a kit file for '${id}'`);
  return { kit, text, file };
}

/** Every problem of a kit at once, for the kit's `grade validate`: the manifest, each file's presence, hash and id. */
export function kitProblems(root: string, cwd = process.cwd()): string[] {
  const problems: string[] = [];
  let manifest: KitManifest;
  try {
    manifest = readManifest(root, cwd);
  } catch (e) {
    return [(e as Error).message];
  }
  for (const id of Object.keys(manifest.exercises)) {
    try {
      readKitExercise(root, id, cwd, manifest);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  return problems;
}
