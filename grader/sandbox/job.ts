// Copies a submission's regular files into a fresh job folder, so no symlink or later edit can reach outside it.
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SOURCE = /\.(ts|mts|cts|js|mjs|cjs|json)$/;
const MAX_FILE_BYTES = 1 << 20;
const MAX_FILES = 200;
const MAX_DEPTH = 3;

export interface Job {
  dir: string;
  /** Files skipped on the way in (symlinks, oversized), for the report's warnings. */
  skipped: string[];
  dispose(): void;
}

export function createJob(submissionDir: string): Job {
  const dir = mkdtempSync(join(tmpdir(), 'tfgrade-job-'));
  const skipped: string[] = [];
  let count = 0;
  const copy = (from: string, to: string, depth: number, rel: string) => {
    for (const name of readdirSync(from).sort()) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const src = join(from, name);
      const st = lstatSync(src);
      const shown = rel ? `${rel}/${name}` : name;
      if (st.isSymbolicLink()) {
        skipped.push(`${shown} (a symbolic link: solutions must be regular files)`);
      } else if (st.isDirectory() && depth < MAX_DEPTH) {
        mkdirSync(join(to, name));
        copy(src, join(to, name), depth + 1, shown);
      } else if (st.isFile() && SOURCE.test(name)) {
        if (st.size > MAX_FILE_BYTES) skipped.push(`${shown} (larger than 1 MB)`);
        else if (++count > MAX_FILES) skipped.push(`${shown} (more than ${MAX_FILES} files)`);
        else copyFileSync(src, join(to, name));
      }
    }
  };
  try {
    copy(submissionDir, dir, 0, '');
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return { dir, skipped, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
