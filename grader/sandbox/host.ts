// What this machine offers the sandbox: its platform, a usable bubblewrap (by absolute path), the Node permission flag,
// and the address space Node reserves before any code runs. Read once per process; the command builder is pure.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type Platform = 'linux' | 'darwin' | 'win32' | 'other';

export interface Host {
  platform: Platform;
  /** Absolute path of a bwrap that ran a trivial sandbox here; absent when there is none or it cannot work. */
  bwrap?: string;
  /** Real path of the Node binary that runs the child (the grader's own). */
  node: string;
  /** '--permission' or '--experimental-permission' (Node 20-22.12). */
  permissionFlag: string;
  /** MB of writable address space V8 reserves at start-up (see reservedMb); added to RLIMIT_DATA, never to the heap. */
  reservedMb: number;
  /** Whether this Node knows --disable-warning (20.11+). */
  disableWarning: boolean;
}

/** Node 20-22.12 spell it --experimental-permission; 22.13+ and 23.5+ spell it --permission. */
export function permissionFlag(version = process.versions.node): string {
  const [major, minor] = version.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 13) ? '--permission' : '--experimental-permission';
}

export function platformOf(p: NodeJS.Platform = process.platform): Platform {
  return p === 'linux' || p === 'darwin' || p === 'win32' ? p : 'other';
}

/**
 * Node 24's V8 reserves its code range as one 510 MB read-write-execute mapping at start-up. Nothing is in it yet, but
 * Linux counts it against RLIMIT_DATA, so `--memory 512` left a Node 24 child unable to start ("Failed to reserve
 * virtual memory for CodeRange", SIGTRAP). The child runs the grader's own binary, so the grader's own anonymous rwx
 * mappings measure that reservation; Node 20 and 22 have none.
 */
const CODE_RANGE_MIN = 64 * 2 ** 20;

export function reservedMb(maps: string): number {
  let bytes = 0;
  for (const line of maps.split('\n')) {
    const [range, perms, , , inode, path] = line.trim().split(/\s+/);
    if (perms !== 'rwxp' || inode !== '0' || path) continue;
    const [a, b] = range.split('-').map((h) => parseInt(h, 16));
    // Small rwx pages (trampolines, a first wasm code page) are memory the child may use like any other.
    if (Number.isFinite(a) && Number.isFinite(b) && b - a >= CODE_RANGE_MIN) bytes += b - a;
  }
  return Math.ceil(bytes / 2 ** 20);
}

/** The first executable `name` on PATH, as an absolute path: the child is spawned with an empty environment. */
export function onPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir.startsWith('/')) continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return realpathSync(file);
    } catch {
      // not here
    }
  }
  return undefined;
}

/** bwrap can be installed yet unusable (no user namespaces in a container): probe once with a trivial command. */
const PROBE_ARGS = (): string[] => [
  '--unshare-all',
  '--die-with-parent',
  '--uid',
  '65534',
  '--gid',
  '65534',
  ...['/usr', '/bin', '/lib', '/lib64'].filter(existsSync).flatMap((d) => ['--ro-bind', d, d]),
  '/bin/true',
];

function probeBubblewrap(): string | undefined {
  if (probed) return probed.bwrap;
  const bwrap = onPath('bwrap');
  if (!bwrap) return undefined;
  const r = spawnSync(bwrap, PROBE_ARGS(), { stdio: 'ignore', timeout: 5000, env: {} });
  return r.status === 0 ? bwrap : undefined;
}

/** The asynchronous probe's answer, once it has one (a later currentHost() then needs no probe of its own). */
let probed: { bwrap?: string } | undefined;

/**
 * Starts the probe without blocking: setting up the namespaces takes the kernel 30-80 ms of wall time and no CPU of
 * ours, so bin/grade.js starts it first and loads the CLI meanwhile. Resolves when currentHost() can answer at once.
 */
export function probeHostSoon(): Promise<void> {
  if (platformOf() !== 'linux' || probed || host) return Promise.resolve();
  const bwrap = onPath('bwrap');
  if (!bwrap) {
    probed = {};
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      probed ??= ok ? { bwrap } : {};
      resolve();
    };
    const child = spawn(bwrap, PROBE_ARGS(), { stdio: 'ignore', timeout: 5000, env: {} });
    child.on('error', () => done(false));
    child.on('exit', (code) => done(code === 0));
  });
}

let host: Host | undefined;

export function currentHost(): Host {
  if (!host) {
    const platform = platformOf();
    let maps = '';
    try {
      if (platform === 'linux') maps = readFileSync('/proc/self/maps', 'utf8');
    } catch {
      // no /proc: nothing to add
    }
    const [major, minor] = process.versions.node.split('.').map(Number);
    host = {
      platform,
      bwrap: platform === 'linux' ? probeBubblewrap() : undefined,
      node: realpathSync(process.execPath),
      permissionFlag: permissionFlag(),
      reservedMb: reservedMb(maps),
      disableWarning: major > 20 || (major === 20 && minor >= 11),
    };
  }
  return host;
}

export const bubblewrapUsable = (): boolean => currentHost().bwrap !== undefined;
