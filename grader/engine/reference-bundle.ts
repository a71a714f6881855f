// The bundled reference (reference/<id>.ts and its local imports, as CommonJS), rebuilt only when one of its files changed.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative } from 'node:path';
import type { Loader, Plugin } from 'esbuild';
import { esbuild } from '../util/esbuild.js';
import { readCache, writeCache } from './cache.js';

/** What the last bundle of an exercise was made of, with its code: valid while every one of those files is unchanged. */
interface BundleEntry {
  esbuild: string;
  /** Absolute path -> sha256 of the bytes esbuild compiled ('' for a file that was absent). */
  inputs: Record<string, string>;
  /**
   * Each folder an input was resolved through -> sha256 of its sorted entry names. A new file can change what an import
   * resolves to (a new lib/gain.ts before lib/gain/index.ts), though no file that was compiled changed.
   */
  folders: Record<string, string>;
  code: string;
}

/** Files esbuild consults besides the imports (compiler options, package type and side effects): part of every entry. */
const SETTINGS = ['tsconfig.json', 'jsconfig.json', 'package.json'].flatMap((f) => [f, join('reference', f)]);

const LOADERS: Record<string, Loader> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.jsx': 'jsx',
  '.json': 'json',
};

const sha = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
function hashOf(file: string): string {
  try {
    return sha(readFileSync(file));
  } catch {
    return '';
  }
}

function listingOf(dir: string): string {
  try {
    return sha(readdirSync(dir).sort().join('\n'));
  } catch {
    return '';
  }
}

/**
 * The folders an import of `file` may have been resolved through: its own and each above it below the course folder
 * (whose listing changes with every report written; it counts only for a file right in it). A file outside the course
 * folder gives its own folder.
 */
function foldersOf(root: string, file: string): string[] {
  const out: string[] = [];
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    out.push(dir);
    const up = relative(root, dirname(dir));
    if (up === '' || up.startsWith('..') || isAbsolute(up)) return out;
  }
}

const unchanged = (hashes: Record<string, string>, now: (path: string) => string): boolean =>
  Object.entries(hashes).every(([path, h]) => now(path) === h);

/** How a reference is bundled (as the grader loads it: CommonJS, packages external), with its metafile. */
export const referenceBuild = (root: string, entry: string) => ({
  entryPoints: [entry],
  bundle: true,
  write: false as const,
  format: 'cjs' as const,
  platform: 'node' as const,
  target: 'node20',
  packages: 'external' as const,
  logLevel: 'silent' as const,
  absWorkingDir: root,
  metafile: true as const,
});

/**
 * The bundled reference. Without `useCache` (validate, --no-cache) it is always built; otherwise the last bundle is
 * reused when esbuild's version, each file it read and each settings file hash as they did then. The hashes are of
 * the very bytes esbuild compiled (a plugin reads each file once, hashes it and hands it over), so a file edited while
 * bundling cannot pair old code with new hashes; a file read some other way leaves that bundle uncached. A file added
 * to or removed from a folder that held an input rebuilds too: it can change how an import resolves.
 */
export async function bundleReference(root: string, id: string, useCache: boolean): Promise<string> {
  const { build, version } = esbuild();
  const entry = join(root, 'reference', `${id}.ts`);
  // Per entry file, not per id: two course folders can share one cache (a symlinked node_modules).
  const key = `bundle-${id}-${sha(entry).slice(0, 16)}`;
  const last = useCache ? readCache<BundleEntry>(root, key) : undefined;
  if (
    last &&
    last.esbuild === version &&
    last.folders &&
    unchanged(last.inputs, hashOf) &&
    unchanged(last.folders, listingOf)
  )
    return last.code;
  const read = new Map<string, string>();
  const hashing: Plugin = {
    name: 'hash-inputs',
    setup(b) {
      b.onLoad({ filter: /.*/, namespace: 'file' }, (args) => {
        const loader = LOADERS[extname(args.path)];
        if (!loader) return undefined;
        const bytes = readFileSync(args.path);
        read.set(args.path, sha(bytes));
        return { contents: bytes, loader };
      });
    },
  };
  const settings = Object.fromEntries(SETTINGS.map((f) => [join(root, f), hashOf(join(root, f))]));
  const out = await build({ ...referenceBuild(root, entry), plugins: [hashing] });
  const code = out.outputFiles[0].text;
  const inputs = Object.keys(out.metafile.inputs).map((f) => join(root, f));
  // Listed after the build (its folders are known only then): a file added during the build's few ms is not noticed.
  const folders = [...new Set(inputs.flatMap((f) => foldersOf(root, f)))];
  if (useCache && inputs.every((f) => read.has(f)))
    writeCache(root, key, {
      esbuild: version,
      inputs: { ...settings, ...Object.fromEntries(inputs.map((f) => [f, read.get(f)!])) },
      folders: Object.fromEntries(folders.map((d) => [d, listingOf(d)])),
      code,
    } satisfies BundleEntry);
  return code;
}
