// The course's specs for one run, from the validated-spec cache when the same build already validated the same text.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createHash } from 'node:crypto';
import { isKit } from '../spec/kit.js';
import { listSpecFiles, loadKitSpecs, type LoadedSpec } from '../spec/files.js';
import type { ExerciseSpec } from '../spec/model.js';
import { BUILD_ID, readCache, writeCache } from './cache.js';

export interface SpecCacheOptions {
  /** false (`--no-cache`): every spec is parsed and validated, and nothing is written. */
  cache: boolean;
  /** Tests only: pretend to be this build (from source there is none, so nothing is cached). */
  build?: string;
}

/** A spec is cached under its file name (the id must match it; .json parses differently) and its exact text. */
const keyOf = (build: string, file: string, text: string): string =>
  `spec-${createHash('sha256')
    .update(`${build}\0${basename(file)}\0${text}`)
    .digest('hex')
    .slice(0, 24)}`;

/**
 * The specs of `ids` (in the order of the spec files), validated. A warm run (every spec's text seen valid by this
 * build) never loads YAML, ajv or the rules. One unseen or changed spec sends the whole set through `loadSpecs`, so
 * problems are found, collected and reported exactly as without a cache; only a set found valid is written.
 */
export async function loadCourseSpecs(
  root: string,
  cwd: string,
  ids: string[],
  opts: SpecCacheOptions,
): Promise<LoadedSpec[]> {
  if (isKit(root)) return loadKitSpecs(root, cwd, ids);
  const build = opts.build ?? BUILD_ID;
  const files = [...listSpecFiles(root, cwd)].filter(([stem]) => ids.includes(stem)).map(([, file]) => file);
  if (build && opts.cache) {
    const texts = files.map((file) => ({ file, text: readSpecText(file) }));
    const hits = texts.map(({ file, text }) =>
      text === undefined ? undefined : readCache<ExerciseSpec>(root, keyOf(build, file, text)),
    );
    if (hits.every((h) => h !== undefined))
      return texts.map(({ file, text }, i) => ({ spec: hits[i]!, file, text: text! }));
  }
  const { loadSpecs } = await import('../spec/load.js');
  const specs = loadSpecs(root, cwd, ids);
  if (build && opts.cache) for (const s of specs) writeCache(root, keyOf(build, s.file, s.text), s.spec);
  return specs;
}

/** Unreadable files go the slow way, which reports them as it always did. */
function readSpecText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
