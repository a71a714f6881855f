// On-disk cache of reference results under node_modules/.cache/tfgrade, written atomically so a killed run leaves no half file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from '../util/atomic-write.js';

/**
 * What the bundle was built from (scripts/build.mjs: a hash of grader/, package.json and the lock file), or undefined when running
 * from source. What the grader's own code decided (a spec is valid, a hint is sound) is cached under it only, so a
 * changed check kind, rule or schema decides again.
 */
declare const __TFGRADE_BUILD__: string | undefined;
export const BUILD_ID: string | undefined = typeof __TFGRADE_BUILD__ === 'string' ? __TFGRADE_BUILD__ : undefined;

export const cacheDir = (root: string): string => join(root, 'node_modules', '.cache', 'tfgrade');

export function readCache<T>(root: string, key: string): T | undefined {
  try {
    return deserialize(readFileSync(join(cacheDir(root), `${key}.bin`))) as T;
  } catch {
    return undefined; // absent or unreadable: recompute
  }
}

export function writeCache(root: string, key: string, value: unknown): void {
  try {
    writeFileAtomic(join(cacheDir(root), `${key}.bin`), serialize(value));
  } catch {
    // a read-only install still grades; it only recomputes references each run
  }
}

/** The bundled reference must live under the course root so that `@tensorflow/tfjs` resolves to the grader's copy. */
export function writeModule(root: string, key: string, code: string): string {
  const file = join(cacheDir(root), `ref-${key}.cjs`);
  writeFileAtomic(file, code);
  return file;
}
