// What the Gradescope autograder zip holds: the built grader, its lock file, the selected specs and references, two scripts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { listSpecFiles } from '../spec/files.js';
import { TfgradeError } from '../util/errors.js';
import { runAutograderScript, setupScript, type RevealSetting } from './scripts.js';
import { referenceBuild } from '../engine/reference-bundle.js';
import { esbuild } from '../util/esbuild.js';

export interface BundleEntry {
  /** Path inside the zip, with forward slashes. */
  path: string;
  data: Uint8Array;
  executable?: boolean;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const posix = (p: string): string => p.split(sep).join('/');

/**
 * Every regular file under dir, sorted, as paths relative to root. Source maps are left out (they triple dist/), and
 * so is the sandbox's startup snapshot with its manifest: 7 MB that only the Node which built it can use (setup.sh's
 * first run builds the image's own, from worker-snapshot.cjs).
 */
export function filesUnder(root: string, dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .map((n) => join(dir, n))
    .filter(
      (rel) =>
        statSync(join(root, rel)).isFile() &&
        !rel.endsWith('.map') &&
        !rel.endsWith('.blob') &&
        !rel.endsWith('worker-blobs.json'),
    )
    .sort();
}

/**
 * The files a reference bundles (itself and any local helper it imports), found the way the engine builds it.
 * Type-only imports (grader/model/*) are erased by esbuild and so need not ship.
 */
async function referenceFiles(root: string, id: string): Promise<string[]> {
  const entry = join(root, 'reference', `${id}.ts`);
  if (!existsSync(entry))
    throw new TfgradeError(
      'REFERENCE_INVALID',
      `no reference/${id}.ts to bundle`,
      'write the reference first, then run `grade validate`',
    );
  const out = await esbuild().build(referenceBuild(root, entry));
  return Object.keys(out.metafile.inputs)
    .filter((f) => !f.includes('node_modules'))
    .map((f) => posix(relative(root, join(root, f))));
}

/**
 * package.json minus the scripts that need the sources left out: npm ci runs `prepare`, which would rebuild dist/.
 * A student kit also drops the course's dev tools and the native backend (wasm grades a student's work; tfjs-node's
 * install downloads libtensorflow): npm ci installs what package.json asks of the course's lock file, no more.
 */
export function bundlePackageJson(root: string, forStudents = false): Uint8Array {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  pkg.scripts = { grade: 'node bin/grade.js' };
  if (forStudents) {
    delete pkg.devDependencies;
    // allowScripts (npm 11.16+) approves the install scripts npm runs: a kit has no optional dependency to approve.
    const optional = Object.keys((pkg.optionalDependencies as Record<string, string> | undefined) ?? {});
    if (pkg.allowScripts)
      pkg.allowScripts = Object.fromEntries(
        Object.entries(pkg.allowScripts as Record<string, boolean>).filter(([name]) => !optional.includes(name)),
      );
    delete pkg.optionalDependencies;
  }
  return utf8(`${JSON.stringify(pkg, null, 2)}\n`);
}

/** The built grader must exist: a bundle or kit carries dist/, never the grader's sources. */
export function requireBuilt(root: string): void {
  for (const built of [
    'dist/cli.js',
    'dist/early.js',
    'dist/typecheck.mjs',
    'dist/runtime/worker.mjs',
    'dist/runtime/tfjs-extras.cjs',
  ]) {
    if (!existsSync(join(root, built)))
      throw new TfgradeError('USAGE', `${built} is missing`, 'run `npm run build` first');
  }
}

export async function bundleEntries(root: string, ids: string[], reveal: RevealSetting = {}): Promise<BundleEntry[]> {
  requireBuilt(root);
  const specs = listSpecFiles(root);
  const paths = new Set<string>(
    [
      'package-lock.json',
      ...filesUnder(root, 'bin'),
      ...filesUnder(root, 'dist'),
      'scripts/build.mjs',
      ...readdirSync(join(root, 'grader'))
        .filter((n) => n.endsWith('.schema.json'))
        .map((n) => `grader/${n}`),
    ].map(posix),
  );
  for (const id of ids) {
    paths.add(posix(relative(root, specs.get(id)!)));
    for (const f of await referenceFiles(root, id)) paths.add(f);
  }
  const entries: BundleEntry[] = [
    { path: 'setup.sh', data: utf8(setupScript(ids)), executable: true },
    { path: 'run_autograder', data: utf8(runAutograderScript(ids, reveal)), executable: true },
    { path: 'package.json', data: bundlePackageJson(root) },
  ];
  for (const p of [...paths].sort()) {
    entries.push({ path: p, data: readFileSync(join(root, p)), executable: p.startsWith('bin/') });
  }
  return entries;
}

/** A fixed date: the same course files give the same zip bytes (a diffable, cacheable upload). */
const MTIME = new Date('2020-01-01T00:00:00Z');

export function zipBundle(entries: BundleEntry[]): Uint8Array {
  const files: Zippable = {};
  for (const e of entries) {
    // Unix mode in the high 16 bits (os 3): Gradescope runs run_autograder and setup.sh directly, so they must be executable.
    const mode = e.executable ? 0o100755 : 0o100644;
    files[e.path] = [e.data, { os: 3, attrs: mode * 0x10000, mtime: MTIME, level: 9 }];
  }
  return zipSync(files);
}
