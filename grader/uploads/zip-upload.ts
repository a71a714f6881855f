// Writes a zip upload's solution files into a student's staging folder; a refusal becomes one warning with a stable code.
import { lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { readNames } from '../util/names.js';
import { unzipSolutions, type ZipRefusal } from './unzip.js';

const REFUSED = 'zip refused';

export const isZipName = (name: string): boolean => /\.zip$/i.test(name);

/** `zip refused [ZIP_SYMLINK]: submission.zip: …`: the code in brackets is what tests, docs and TAs' scripts match. */
export function refusalWarning(name: string, code: ZipRefusal, message: string): string {
  return `${REFUSED} [${code}]: ${name}: ${message}; nothing in it was graded (a zip made by \`grade pack\` is always accepted)`;
}

/** The zip refusals among a report's warnings: `grade batch` repeats them on stderr for the TA. */
export function zipRefusals(warnings: readonly string[]): string[] {
  return warnings.filter((w) => w.startsWith(`${REFUSED} [`));
}

/**
 * Extracts `bytes` (the upload `name`) into `dir` and returns the warnings for the student's report. Files already in
 * `dir` win: a `he-init.ts` uploaded beside the zip was the student's explicit choice, and of two zips the first by name.
 */
export function writeZipSolutions(bytes: Uint8Array, name: string, dir: string, known: readonly string[]): string[] {
  const r = unzipSolutions(bytes, known);
  if (!r.ok) return [refusalWarning(name, r.code, r.message)];
  const warnings = r.notes.map((n) => `${name}: ${n}`);
  const base = resolve(dir);
  for (const f of r.files) {
    const to = resolve(base, f.path);
    // unzipSolutions has refused every escaping name already; this only guards against that check ever being wrong.
    if (!to.startsWith(base + sep)) {
      warnings.push(
        refusalWarning(
          name,
          'ZIP_UNSAFE_PATH',
          `entry ${JSON.stringify(f.path)} resolves outside the submission folder`,
        ),
      );
      continue;
    }
    try {
      mkdirSync(dirname(to), { recursive: true });
      writeFileSync(to, f.data, { flag: 'wx' });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why =
        code === 'EEXIST'
          ? `another upload already gave ${f.path} (loose files come first, then zips by name)`
          : `it could not be written (${code ?? 'error'})`;
      warnings.push(`${name}: ${f.path} not taken: ${why}`);
    }
  }
  return warnings;
}

/** The regular `*.zip` files at the top of a submission folder, by name (links and folders named .zip are not uploads). */
export function zipUploads(dir: string): string[] {
  try {
    return readNames(dir)
      .names.filter((n) => isZipName(n) && !n.startsWith('.') && lstatSync(join(dir, n)).isFile())
      .sort();
  } catch {
    return [];
  }
}
