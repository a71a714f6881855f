// The packages a sandbox child may read: the tfjs packages it can load and everything they depend on, found through
// their package.json files the way Node resolves them. Nothing else of node_modules enters the sandbox's view.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/**
 * What a wasm or cpu child can load (tf/loader.ts, runtime/): the full tfjs (a solution may use any of its names) and
 * the wasm backend. Their dependencies come along.
 */
export const CHILD_ROOTS = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'];

/** A native child loads the bindings too (when installed), with their own closure (node-pre-gyp, tar, npmlog, …). */
export const NATIVE_CHILD_ROOTS = [...CHILD_ROOTS, '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];

const isDir = (p: string): boolean => statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;

function depsOf(pkgDir: string): string[] {
  try {
    const p = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    const names = (k: string) => Object.keys((p[k] as Record<string, string> | undefined) ?? {});
    return [...names('dependencies'), ...names('optionalDependencies'), ...names('peerDependencies')];
  } catch {
    return [];
  }
}

/** Where `name` resolves from inside `fromDir` (a package folder), as Node looks: nested node_modules, then upward. */
function resolveFrom(nodeModules: string, fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; dir.startsWith(nodeModules + sep); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (isDir(candidate)) return candidate;
  }
  const top = join(nodeModules, name);
  return isDir(top) ? top : undefined;
}

/** The top-level entry of node_modules a package folder lies in (`@scope/name` or `name`). */
function topEntry(nodeModules: string, pkgDir: string): string {
  const parts = relative(nodeModules, pkgDir).split(sep);
  return join(nodeModules, ...parts.slice(0, parts[0].startsWith('@') ? 2 : 1));
}

/** The sorted top-level package folders holding the roots and their dependency closure (absent ones are skipped). */
export function dependencyClosure(nodeModules: string, roots: readonly string[] = CHILD_ROOTS): string[] {
  const seen = new Set<string>();
  const tops = new Set<string>();
  const visit = (pkgDir: string | undefined) => {
    // @types/* hold declarations only: nothing at run time loads them.
    if (!pkgDir || seen.has(pkgDir) || relative(nodeModules, pkgDir).startsWith(`@types${sep}`)) return;
    seen.add(pkgDir);
    tops.add(topEntry(nodeModules, pkgDir));
    for (const dep of depsOf(pkgDir)) visit(resolveFrom(nodeModules, pkgDir, dep));
  };
  for (const r of roots) visit(resolveFrom(nodeModules, nodeModules, r));
  return [...tops].sort();
}

const found = new Map<string, string[]>();

/**
 * The closure for the course's node_modules, worked out once per process and kind of child: every child of a batch
 * reads the same. A wasm child does not see the native bindings' 50-odd packages (with them installed: 85 folders
 * against 36), which also makes its bubblewrap start cheaper.
 */
export function childPackageDirs(nodeModules: string, native: boolean): string[] {
  const key = `${native}\0${nodeModules}`;
  let dirs = found.get(key);
  if (!dirs) found.set(key, (dirs = dependencyClosure(nodeModules, native ? NATIVE_CHILD_ROOTS : CHILD_ROOTS)));
  return dirs;
}
