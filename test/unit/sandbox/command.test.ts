// The sandbox command line per platform: the permission flag per Node version, addons only for the native backend,
// the limits each platform can enforce, and Node 24's start-up reservation added to RLIMIT_DATA only.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeArgs, sandboxCommand } from '../../../grader/sandbox/command.js';
import { onPath, permissionFlag, reservedMb, type Host } from '../../../grader/sandbox/host.js';
import { DEFAULT_LIMITS } from '../../../grader/model/limits.js';
import { CHILD_V8_FLAGS } from '../../../grader/sandbox/snapshot.js';

const paths = { runtimeDir: '/course/dist/runtime', nodeModules: '/course/node_modules' };
const host = (over: Partial<Host> = {}): Host => ({
  platform: 'linux',
  node: '/usr/bin/node',
  permissionFlag: '--permission',
  reservedMb: 0,
  disableWarning: true,
  ...over,
});

/** A runtime folder whose manifest says this Node built worker-test.blob for `heapMb`. */
function runtimeWithBlob(
  node = process.version,
  heapMb = DEFAULT_LIMITS.memoryMb / 2,
  flags = CHILD_V8_FLAGS.join(' '),
): string {
  const runtimeDir = mkdtempSync(join(tmpdir(), 'tfgrade-runtime-'));
  writeFileSync(join(runtimeDir, 'worker-test.blob'), '');
  const entry = {
    node,
    execPath: realpathSync(process.execPath),
    arch: process.arch,
    flags,
    heapMb,
    file: 'worker-test.blob',
  };
  writeFileSync(join(runtimeDir, 'worker-blobs.json'), JSON.stringify({ blobs: [entry] }));
  return runtimeDir;
}

describe('sandbox command', () => {
  it.each([
    ['20.20.2', '--experimental-permission'],
    ['22.12.0', '--experimental-permission'],
    ['22.13.0', '--permission'],
    ['23.5.0', '--permission'],
    ['24.1.0', '--permission'],
  ])('node %s uses %s', (version, flag) => {
    expect(permissionFlag(version)).toBe(flag);
  });

  it.each([
    ['tensorflow', true],
    ['wasm', false],
    ['cpu', false],
  ] as const)('%s backend: native addons allowed = %s', (backend, addons) => {
    const args = nodeArgs(paths, backend, DEFAULT_LIMITS, host());
    expect(args.includes('--allow-addons')).toBe(addons);
    // --allow-addons makes Node print a SecurityWarning in every child: not the student's output.
    expect(args.includes('--disable-warning=SecurityWarning')).toBe(addons);
  });

  it.each([
    ['wasm', DEFAULT_LIMITS.memoryMb, true],
    ['wasm', 1024, false], // V8 refuses a snapshot built under another heap cap
    ['cpu', DEFAULT_LIMITS.memoryMb, false], // the snapshot holds the wasm backend only
    ['tensorflow', DEFAULT_LIMITS.memoryMb, false],
  ] as const)('%s backend, --memory %i: starts from the startup snapshot = %s', (backend, memoryMb, fromSnapshot) => {
    const runtimeDir = runtimeWithBlob();
    const args = nodeArgs({ ...paths, runtimeDir }, backend, { ...DEFAULT_LIMITS, memoryMb }, host());
    rmSync(runtimeDir, { recursive: true, force: true });
    const entry = fromSnapshot
      ? ['--snapshot-blob', join(runtimeDir, 'worker-test.blob')]
      : [join(runtimeDir, 'worker.mjs')];
    expect(args.slice(-1 - entry.length, -1)).toEqual(entry);
    // Started from a snapshot, Node ignores --disable-warning: the permission model's notice must still stay out of the output.
    expect(args).toContain(fromSnapshot ? '--no-warnings' : '--disable-warning=ExperimentalWarning');
  });

  it('a snapshot built under other V8 flags is not used (V8 would refuse it): it is rebuilt instead', () => {
    const runtimeDir = runtimeWithBlob(process.version, DEFAULT_LIMITS.memoryMb / 2, '');
    const args = nodeArgs({ ...paths, runtimeDir }, 'wasm', DEFAULT_LIMITS, host());
    rmSync(runtimeDir, { recursive: true, force: true });
    expect(args).not.toContain('--snapshot-blob');
    expect(args).toEqual(expect.arrayContaining([...CHILD_V8_FLAGS]));
  });

  it('a snapshot another Node built is not used: each Node version starts from its own', () => {
    const runtimeDir = runtimeWithBlob('v0.0.1');
    const args = nodeArgs({ ...paths, runtimeDir }, 'wasm', DEFAULT_LIMITS, host());
    rmSync(runtimeDir, { recursive: true, force: true });
    expect(args).not.toContain('--snapshot-blob');
  });

  it('reads only tfjs and what it depends on (not the .cache of references, not other packages, the native bindings only natively) and the runtime; never writes, children or workers', () => {
    // node_modules/.cache/tfgrade holds bundled references and expected values: the child must not read it.
    const nm = mkdtempSync(join(tmpdir(), 'tfgrade-nm-'));
    const pkg = (name: string, deps: Record<string, string> = {}, at = join(nm, name)) => {
      mkdirSync(at, { recursive: true });
      writeFileSync(join(at, 'package.json'), JSON.stringify({ name, dependencies: deps }));
    };
    pkg('@tensorflow/tfjs', { '@tensorflow/tfjs-core': '4', seedrandom: '3' });
    pkg('@tensorflow/tfjs-core', { long: '4', '@types/long': '4' });
    pkg('@tensorflow/tfjs-backend-wasm', { 'nested-dep': '1' });
    // A dependency installed inside its dependent's folder comes with it; its own dependencies resolve upward.
    pkg('nested-dep', { 'upward-dep': '1' }, join(nm, '@tensorflow/tfjs-backend-wasm/node_modules/nested-dep'));
    // The native bindings and what only they need are read by a native child alone.
    pkg('@tensorflow/tfjs-node', { '@tensorflow/tfjs': '4', 'native-only-dep': '1' });
    for (const name of ['seedrandom', 'long', 'upward-dep', '@types/long', 'vitest', 'yaml', 'native-only-dep'])
      pkg(name);
    for (const d of ['.cache/tfgrade', '.bin']) mkdirSync(join(nm, d), { recursive: true });
    const argsFor = (backend: 'wasm' | 'cpu' | 'tensorflow') =>
      nodeArgs(
        { ...paths, nodeModules: nm },
        backend,
        DEFAULT_LIMITS,
        host({ permissionFlag: '--experimental-permission' }),
      );
    const [args, cpu, native] = [argsFor('wasm'), argsFor('cpu'), argsFor('tensorflow')];
    rmSync(nm, { recursive: true, force: true });
    const reads = [
      `--allow-fs-read=${nm}/@tensorflow/tfjs`,
      `--allow-fs-read=${nm}/@tensorflow/tfjs-backend-wasm`,
      `--allow-fs-read=${nm}/@tensorflow/tfjs-core`,
      `--allow-fs-read=${nm}/long`,
      `--allow-fs-read=${nm}/seedrandom`,
      `--allow-fs-read=${nm}/upward-dep`,
      '--allow-fs-read=/course/dist/runtime',
    ];
    expect(args.filter((a) => a.startsWith('--allow-'))).toEqual(reads);
    expect(cpu.filter((a) => a.startsWith('--allow-'))).toEqual(reads);
    expect(native.filter((a) => a.startsWith('--allow-fs-'))).toEqual([
      ...reads.slice(0, 3),
      `--allow-fs-read=${nm}/@tensorflow/tfjs-node`,
      reads[3],
      `--allow-fs-read=${nm}/native-only-dep`,
      ...reads.slice(4),
    ]);
    expect(args).toContain('--experimental-permission');
    expect(args).toContain(`--max-old-space-size=${DEFAULT_LIMITS.memoryMb / 2}`);
    expect(JSON.parse(args.at(-1)!)).toMatchObject({ backend: 'wasm', memoryMb: DEFAULT_LIMITS.memoryMb });
  });

  it.each([
    // platform, bwrap, file, level, what is enforced on top of time, heap, output and the permission model
    [
      'linux',
      '/usr/bin/bwrap',
      '/usr/bin/bwrap',
      'bubblewrap',
      ['data-rlimit', 'no-core-dumps', 'namespaces', 'read-only-root'],
    ],
    ['linux', undefined, '/bin/sh', 'basic', ['data-rlimit', 'no-core-dumps']],
    ['darwin', undefined, '/bin/sh', 'basic', ['no-core-dumps']],
    ['win32', undefined, 'C:\\node\\node.exe', 'basic', []],
  ] as const)('%s (bwrap %s): %s at the %s level', (platform, bwrap, file, level, extra) => {
    const node = platform === 'win32' ? 'C:\\node\\node.exe' : '/usr/bin/node';
    const cmd = sandboxCommand(
      paths,
      'wasm',
      { ...DEFAULT_LIMITS, memoryMb: 512 },
      'bubblewrap',
      host({ platform, bwrap, node }),
    );
    expect(cmd.file).toBe(file);
    expect(cmd.level).toBe(level);
    expect(cmd.enforced).toEqual(['time', 'heap', 'output', 'permission-model', ...extra]);
    // The child is node with the permission model and the heap cap on every platform.
    expect([cmd.file, ...cmd.args]).toContain(node);
    expect(cmd.args).toContain('--max-old-space-size=256');
    const script = cmd.args.find((a) => a.includes('exec "$0"'));
    if (platform === 'win32')
      expect(script).toBeUndefined(); // no /bin/sh on Windows
    else expect(script).toContain('ulimit -c 0');
    expect(script?.includes('ulimit -d') ?? false).toBe(platform === 'linux');
  });

  it('RLIMIT_DATA is the memory limit plus what V8 reserves before any code runs (Node 24: a 510 MB code range)', () => {
    const cmd = sandboxCommand(paths, 'wasm', { ...DEFAULT_LIMITS, memoryMb: 512 }, 'basic', host({ reservedMb: 510 }));
    expect(cmd.args[1]).toContain(`ulimit -d ${(512 + 510) * 1024}`);
    expect(cmd.args).toContain('--max-old-space-size=256'); // the heap cap does not grow
    expect(cmd.description).toContain('+510 MB');
  });

  it('bubblewrap is spawned by its absolute path, with a read-only root and /dev after setup', () => {
    const cmd = sandboxCommand(paths, 'tensorflow', DEFAULT_LIMITS, 'bubblewrap', host({ bwrap: '/opt/bw/bin/bwrap' }));
    expect(cmd.file).toBe('/opt/bw/bin/bwrap');
    const at = (flag: string, dest: string) => cmd.args.findIndex((a, i) => a === flag && cmd.args[i + 1] === dest);
    expect(at('--remount-ro', '/')).toBeGreaterThan(at('--dev', '/dev'));
    expect(at('--remount-ro', '/dev')).toBeGreaterThan(at('--dev', '/dev'));
    expect(at('--remount-ro', '/')).toBeLessThan(cmd.args.indexOf('/bin/sh'));
  });

  it('reservedMb counts large anonymous rwx mappings only (a code range, not a trampoline page)', () => {
    const maps = [
      '7fdac7800000-7fdae7580000 rwxp 00000000 00:00 0 ',
      '7fdb10000000-7fdb10100000 rwxp 00000000 00:00 0 ',
      '7fdaef820000-7fdaff7f0000 ---p 00000000 00:00 0 ',
      '00400000-00500000 r-xp 00000000 fe:00 2155344                            /usr/bin/node',
      '10000000-10100000 rwxp 00000000 fe:00 77 /tmp/jit.map',
    ].join('\n');
    expect(reservedMb(maps)).toBe(510);
    expect(reservedMb('')).toBe(0);
  });

  it('onPath finds an executable by absolute path, and skips relative PATH entries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfgrade-path-'));
    writeFileSync(join(dir, 'fake-bwrap'), '#!/bin/sh\n', { mode: 0o755 });
    expect(onPath('fake-bwrap', `.:relative:${dir}`)).toBe(join(realpathSync(dir), 'fake-bwrap'));
    expect(onPath('fake-bwrap', '.:relative')).toBeUndefined();
    rmSync(dir, { recursive: true, force: true });
  });
});
