// Builds the command line of a sandbox child: bubblewrap (when usable) around sh's ulimit around node's permission model.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SandboxLevel } from '../model/report.js';
import type { BackendChoice, WorkerBoot } from '../protocol/messages.js';
import type { Limits } from '../engine/api.js';

export interface SandboxPaths {
  /** Folder of dist/runtime/worker.mjs. */
  runtimeDir: string;
  /** The course's node_modules: tfjs and its backends are read from here. */
  nodeModules: string;
}

/** Real paths: the permission model and bubblewrap both match on them, and node_modules may be a symlink. */
export function sandboxPathsFor(root: string): SandboxPaths {
  return { runtimeDir: realpathSync(join(root, 'dist', 'runtime')), nodeModules: realpathSync(join(root, 'node_modules')) };
}

export interface SandboxCommand {
  file: string;
  args: string[];
  level: SandboxLevel;
  description: string;
}

/** Node 20-22.12 spell it --experimental-permission; 22.13+ and 23.5+ spell it --permission. */
export function permissionFlag(version = process.versions.node): string {
  const [major, minor] = version.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 13) ? '--permission' : '--experimental-permission';
}

/**
 * The packages the child may read: every entry of node_modules except dot entries. node_modules/.cache/tfgrade holds
 * the bundled reference solutions and their expected values (engine/cache.ts); allowing all of node_modules let a
 * submission read them (fixture he-init--read-reference-cache). Listing entries keeps .cache, .bin, .vite... out.
 */
export function packageDirs(nodeModules: string): string[] {
  try {
    return readdirSync(nodeModules).filter((n) => !n.startsWith('.')).sort().map((n) => join(nodeModules, n));
  } catch {
    return []; // no node_modules: tfjs cannot load and the child says so in its 'fatal' message
  }
}

/** V8's heap cap sits below RLIMIT_DATA so a runaway JS heap dies as a clean "heap out of memory", not a malloc crash. */
const heapMbFor = (limits: Limits): number => Math.max(128, Math.floor(limits.memoryMb / 2));

const blobs = new Map<string, { blob: string; heapMb: number } | undefined>();
let snapshotOff = false;

/** After a child failed to start from the snapshot: every later child of this process starts the plain way. */
export function disableSnapshot(): void {
  snapshotOff = true;
}

export const usesSnapshot = (c: SandboxCommand): boolean => c.args.includes('--snapshot-blob');

/**
 * The sandbox's startup snapshot (runtime/snapshot.ts: tfjs already loaded), when the Node running now is the one
 * scripts/build.mjs built it with and the heap cap is the one it was built for: V8 refuses it otherwise (exit 14).
 * TFGRADE_SANDBOX_SNAPSHOT=0 turns it off.
 */
export function snapshotBlob(runtimeDir: string, heapMb: number): string | undefined {
  if (snapshotOff || process.env.TFGRADE_SANDBOX_SNAPSHOT === '0') return undefined;
  if (!blobs.has(runtimeDir)) {
    let found: { blob: string; heapMb: number } | undefined;
    try {
      const built = JSON.parse(readFileSync(join(runtimeDir, 'worker-blob.json'), 'utf8')) as { node?: string; execPath?: string; arch?: string; heapMb?: number };
      const same = built.node === process.version && built.execPath === realpathSync(process.execPath) && built.arch === process.arch;
      if (same && typeof built.heapMb === 'number' && existsSync(join(runtimeDir, 'worker.blob'))) found = { blob: join(runtimeDir, 'worker.blob'), heapMb: built.heapMb };
    } catch {
      // no snapshot built (or an unreadable note): the plain start
    }
    blobs.set(runtimeDir, found);
  }
  const found = blobs.get(runtimeDir);
  return found?.heapMb === heapMb ? found.blob : undefined;
}

export function nodeArgs(paths: SandboxPaths, backend: BackendChoice, limits: Limits): string[] {
  const heapMb = heapMbFor(limits);
  const boot: WorkerBoot = { backend, nodeModules: paths.nodeModules };
  // The snapshot holds the wasm backend only; cpu (the fallback lane) and native tensorflow start the plain way.
  const blob = backend === 'wasm' ? snapshotBlob(paths.runtimeDir, heapMb) : undefined;
  return [
    `--max-old-space-size=${heapMb}`,
    permissionFlag(),
    // The permission model announces itself on stderr in every child; that line is not the student's output. Started
    // from a snapshot, Node 20 ignores --disable-warning, so there every process warning is off (a solution's own
    // warnings included: they would only have been its output).
    blob ? '--no-warnings' : '--disable-warning=ExperimentalWarning',
    ...packageDirs(paths.nodeModules).map((d) => `--allow-fs-read=${d}`),
    `--allow-fs-read=${paths.runtimeDir}`,
    // libtensorflow is a native addon; wasm and cpu need none, so addons stay off for them.
    ...(backend === 'tensorflow' ? ['--allow-addons'] : []),
    ...(blob ? ['--snapshot-blob', blob] : [`${paths.runtimeDir}/worker.mjs`]),
    JSON.stringify(boot),
  ];
}

let bwrapProbe: boolean | undefined;

/** bwrap can be installed yet unusable (no user namespaces in a container): probe once with a trivial command. */
export function bubblewrapUsable(): boolean {
  if (bwrapProbe === undefined) {
    const r = spawnSync('bwrap', ['--unshare-all', '--die-with-parent', '--uid', '65534', '--gid', '65534', ...systemBinds(), '/bin/true'], { stdio: 'ignore', timeout: 5000 });
    bwrapProbe = r.status === 0;
  }
  return bwrapProbe;
}

function systemBinds(): string[] {
  const out: string[] = [];
  for (const dir of ['/usr', '/bin', '/lib', '/lib64', '/lib32', '/etc/ld.so.cache']) if (existsSync(dir)) out.push('--ro-bind', dir, dir);
  return out;
}

export function sandboxCommand(paths: SandboxPaths, backend: BackendChoice, limits: Limits, allowBubblewrap = true): SandboxCommand {
  const node = realpathSync(process.execPath);
  // ulimit -c 0: a solution that aborts or segfaults itself must not drop a core file (the kernel writes it, past the
  // permission model) of up to the memory limit into the working directory.
  const inner = ['-c', `ulimit -d ${limits.memoryMb * 1024} || exit 97; ulimit -c 0; exec "$0" "$@"`, node, ...nodeArgs(paths, backend, limits)];
  const rlimit = `RLIMIT_DATA ${limits.memoryMb} MB, V8 heap ${heapMbFor(limits)} MB`;
  if (allowBubblewrap && bubblewrapUsable()) {
    const nodeDir = dirname(dirname(node));
    // Package by package for the same reason as the permission model's list: node_modules/.cache is not in the view.
    const binds = [...systemBinds(), ...packageDirs(paths.nodeModules).flatMap((d) => ['--ro-bind', d, d]), '--ro-bind', paths.runtimeDir, paths.runtimeDir];
    if (!node.startsWith('/usr/')) binds.push('--ro-bind', nodeDir, nodeDir);
    return {
      file: 'bwrap',
      args: ['--unshare-all', '--die-with-parent', '--new-session', '--uid', '65534', '--gid', '65534', ...binds, '--proc', '/proc', '--dev', '/dev', '--chdir', '/', '/bin/sh', ...inner],
      level: 'bubblewrap',
      description: `bubblewrap (no network, read-only view of the runtime and node_modules only, uid 65534) + Node permission model (no writes, no child processes, no workers) + ${rlimit}`,
    };
  }
  return {
    file: '/bin/sh',
    args: inner,
    level: 'basic',
    description: `Node permission model (reads only the runtime and node_modules, no writes, no child processes, no workers) + ${rlimit}; install bubblewrap for network and filesystem isolation`,
  };
}
