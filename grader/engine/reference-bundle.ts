// The bundled reference (reference/<id>.ts and its local imports, as CommonJS), rebuilt only when one of its files changed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Loader, Plugin } from 'esbuild';
import { esbuild } from '../util/esbuild.js';
import { readCache, writeCache } from './cache.js';

/** What the last bundle of an exercise was made of, with its code: valid while every one of those files is unchanged. */
interface BundleEntry {
  esbuild: string;
  /** Absolute path -> sha256 of the bytes esbuild compiled ('' for a file that was absent). */
  inputs: Record<string, string>;
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
 * bundling cannot pair old code with new hashes; a file read some other way leaves that bundle uncached.
 */
export async function bundleReference(root: string, id: string, useCache: boolean): Promise<string> {
  const { build, version } = esbuild();
  const entry = join(root, 'reference', `${id}.ts`);
  // Per entry file, not per id: two course folders can share one cache (a symlinked node_modules).
  const key = `bundle-${id}-${sha(entry).slice(0, 16)}`;
  const last = useCache ? readCache<BundleEntry>(root, key) : undefined;
  if (last && last.esbuild === version && Object.entries(last.inputs).every(([f, h]) => hashOf(f) === h))
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
  if (useCache && inputs.every((f) => read.has(f)))
    writeCache(root, key, {
      esbuild: version,
      inputs: { ...settings, ...Object.fromEntries(inputs.map((f) => [f, read.get(f)!])) },
      code,
    } satisfies BundleEntry);
  return code;
}
