// Builds the command line of a sandbox child for this platform: bubblewrap (Linux, when usable) around sh's ulimit
// around node's permission model; sh and ulimit where there is a POSIX shell; node alone on Windows.
import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Enforced, SandboxLevel } from '../model/report.js';
import type { BackendChoice, WorkerBoot } from '../protocol/messages.js';
import type { Limits } from '../model/limits.js';
import { currentHost, type Host } from './host.js';
import { CHILD_V8_FLAGS, snapshotBlob } from './snapshot.js';
import { childPackageDirs } from './packages.js';

export interface SandboxPaths {
  /** Folder of dist/runtime/worker.mjs. */
  runtimeDir: string;
  /** The course's node_modules: tfjs and its backends are read from here. */
  nodeModules: string;
}

/** Real paths: the permission model and bubblewrap both match on them, and node_modules may be a symlink. */
export function sandboxPathsFor(root: string): SandboxPaths {
  return {
    runtimeDir: realpathSync(join(root, 'dist', 'runtime')),
    nodeModules: realpathSync(join(root, 'node_modules')),
  };
}

export interface SandboxCommand {
  file: string;
  args: string[];
  level: SandboxLevel;
  description: string;
  /** The limits and barriers this command really puts in place on this platform (the report names them). */
  enforced: Enforced[];
}

/**
 * The packages the child may read: the tfjs packages and their dependencies (packages.ts), never all of node_modules.
 * node_modules/.cache/tfgrade holds the bundled reference solutions and their expected values (engine/cache.ts);
 * allowing all of node_modules let a submission read them (the "reference cache" attempt of he-init--read-escape).
 * Binding only these also keeps bubblewrap's start short: its mount setup costs CPU per bind, more than linearly.
 */
export const packageDirs = (nodeModules: string, backend: BackendChoice): string[] =>
  childPackageDirs(nodeModules, backend === 'tensorflow');

/** V8's heap cap sits below RLIMIT_DATA so a runaway JS heap dies as a clean "heap out of memory", not a malloc crash. */
export const heapMbFor = (limits: Limits): number => Math.max(128, Math.floor(limits.memoryMb / 2));

export const usesSnapshot = (c: SandboxCommand): boolean => c.args.includes('--snapshot-blob');

export function nodeArgs(
  paths: SandboxPaths,
  backend: BackendChoice,
  limits: Limits,
  host: Host = currentHost(),
): string[] {
  const heapMb = heapMbFor(limits);
  const boot: WorkerBoot = { backend, nodeModules: paths.nodeModules, memoryMb: limits.memoryMb };
  // The snapshot holds the wasm backend only; cpu (the fallback lane) and native tensorflow start the plain way.
  const blob = backend === 'wasm' ? snapshotBlob(paths.runtimeDir, heapMb) : undefined;
  const quiet =
    blob || !host.disableWarning
      ? ['--no-warnings']
      : [
          '--disable-warning=ExperimentalWarning',
          ...(backend === 'tensorflow' ? ['--disable-warning=SecurityWarning'] : []),
        ];
  return [
    `--max-old-space-size=${heapMb}`,
    ...CHILD_V8_FLAGS,
    host.permissionFlag,
    // The permission model (and --allow-addons) announce themselves on stderr in every child; that is not the student's
    // output. Started from a snapshot, Node 20 ignores --disable-warning, so there every process warning is off (a
    // solution's own warnings included: they would only have been its output). The session also drops whatever the
    // child prints before it is ready.
    ...quiet,
    ...packageDirs(paths.nodeModules, backend).map((d) => `--allow-fs-read=${d}`),
    `--allow-fs-read=${paths.runtimeDir}`,
    // libtensorflow is a native addon; wasm and cpu need none, so addons stay off for them.
    ...(backend === 'tensorflow' ? ['--allow-addons'] : []),
    ...(blob ? ['--snapshot-blob', blob] : [join(paths.runtimeDir, 'worker.mjs')]),
    JSON.stringify(boot),
  ];
}

const SYSTEM = ['/usr', '/bin', '/lib', '/lib64', '/lib32', '/etc/ld.so.cache'];

/** What `--sandbox` asks for: the strongest level this host offers, or the basic one whatever the host has. */
export type SandboxRequest = 'auto' | 'basic';

/**
 * The level a run gets on this host, decided once (prepareCourse records it on the Course; the early start guesses it
 * the same way): the backend choice depends on it, and every child of the run is started at it.
 */
export function isolationLevel(request: SandboxRequest = 'auto', host: Host = currentHost()): SandboxLevel {
  return request !== 'basic' && host.bwrap ? 'bubblewrap' : 'basic';
}

/** The child's command at `level` ('bubblewrap' falls back to 'basic' on a host without a usable bwrap). */
export function sandboxCommand(
  paths: SandboxPaths,
  backend: BackendChoice,
  limits: Limits,
  level: SandboxLevel,
  host: Host = currentHost(),
): SandboxCommand {
  const node = host.node;
  const args = nodeArgs(paths, backend, limits, host);
  const heap = `V8 heap ${heapMbFor(limits)} MB`;
  const base: Enforced[] = ['time', 'heap', 'output', 'permission-model'];
  if (host.platform === 'win32') {
    // No shell and no rlimits: node itself, with the heap cap and the permission model; the time limit kills the tree.
    return {
      file: node,
      args,
      level: 'basic',
      enforced: base,
      description: `Node permission model (reads only the runtime and node_modules, no writes, no child processes, no workers) + ${heap}; no OS memory limit on Windows`,
    };
  }
  // RLIMIT_DATA counts what V8 reserves before any code runs (Node 24's code range); that is added, never given to code.
  const dataMb = limits.memoryMb + host.reservedMb;
  const linux = host.platform === 'linux';
  // ulimit -c 0: a solution that aborts or segfaults itself must not drop a core file (the kernel writes it, past the
  // permission model) of up to the memory limit into the working directory. macOS does not enforce RLIMIT_DATA on
  // mmap, which is how V8 and wasm allocate, so there the heap cap is the memory limit.
  const ulimits = linux ? `ulimit -d ${dataMb * 1024} || exit 97; ulimit -c 0` : 'ulimit -c 0';
  const inner = ['-c', `${ulimits}; exec "$0" "$@"`, node, ...args];
  const enforced: Enforced[] = [...base, ...(linux ? ['data-rlimit' as const] : []), 'no-core-dumps'];
  const mem = linux
    ? `RLIMIT_DATA ${limits.memoryMb} MB${host.reservedMb ? ` (+${host.reservedMb} MB V8 reserves at start)` : ''}, ${heap}`
    : `${heap} (no OS data limit on ${host.platform})`;
  if (linux && level === 'bubblewrap' && host.bwrap) {
    // Package by package for the same reason as the permission model's list: node_modules/.cache is not in the view.
    const binds = [
      ...SYSTEM.flatMap((d) => ['--ro-bind-try', d, d]),
      ...packageDirs(paths.nodeModules, backend).flatMap((d) => ['--ro-bind', d, d]),
      '--ro-bind',
      paths.runtimeDir,
      paths.runtimeDir,
    ];
    if (!node.startsWith('/usr/')) binds.push('--ro-bind', dirname(dirname(node)), dirname(dirname(node)));
    return {
      file: host.bwrap,
      // --remount-ro: the new root and /dev are tmpfs, writable by the sandbox user and not noexec. Node's permission
      // model stops fs writes, but the native backend's own file ops (TF's WriteFile) do not ask it: a .so written
      // there could be dlopen-ed, and tmpfs files are memory no rlimit counts. Read-only after setup, nothing is.
      args: [
        '--unshare-all',
        '--die-with-parent',
        '--new-session',
        '--uid',
        '65534',
        '--gid',
        '65534',
        ...binds,
        '--proc',
        '/proc',
        '--dev',
        '/dev',
        '--remount-ro',
        '/dev',
        '--remount-ro',
        '/',
        '--chdir',
        '/',
        '/bin/sh',
        ...inner,
      ],
      level: 'bubblewrap',
      enforced: [...enforced, 'namespaces', 'read-only-root'],
      description: `bubblewrap (no network, read-only view of the runtime and node_modules only, uid 65534) + Node permission model (no writes, no child processes, no workers) + ${mem}`,
    };
  }
  return {
    file: '/bin/sh',
    args: inner,
    level: 'basic',
    enforced,
    description: `Node permission model (reads only the runtime and node_modules, no writes, no child processes, no workers) + ${mem}${linux ? '; install bubblewrap for network and filesystem isolation' : ''}`,
  };
}
