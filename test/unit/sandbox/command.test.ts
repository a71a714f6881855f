// The sandbox command line: the permission flag per Node version, addons only for the native backend, limits in place.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeArgs, permissionFlag, sandboxCommand } from '../../../grader/sandbox/command.js';
import { DEFAULT_LIMITS } from '../../../grader/engine/api.js';

const paths = { runtimeDir: '/course/dist/runtime', nodeModules: '/course/node_modules' };

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
    expect(nodeArgs(paths, backend, DEFAULT_LIMITS).includes('--allow-addons')).toBe(addons);
  });

  it.each([
    ['wasm', DEFAULT_LIMITS.memoryMb, true],
    ['wasm', 1024, false], // V8 refuses a snapshot built under another heap cap
    ['cpu', DEFAULT_LIMITS.memoryMb, false], // the snapshot holds the wasm backend only
    ['tensorflow', DEFAULT_LIMITS.memoryMb, false],
  ] as const)('%s backend, --memory %i: starts from the startup snapshot = %s', (backend, memoryMb, fromSnapshot) => {
    const runtimeDir = mkdtempSync(join(tmpdir(), 'tfgrade-runtime-'));
    writeFileSync(join(runtimeDir, 'worker.blob'), '');
    const built = { node: process.version, execPath: realpathSync(process.execPath), arch: process.arch, heapMb: DEFAULT_LIMITS.memoryMb / 2 };
    writeFileSync(join(runtimeDir, 'worker-blob.json'), JSON.stringify(built));
    const args = nodeArgs({ ...paths, runtimeDir }, backend, { ...DEFAULT_LIMITS, memoryMb });
    rmSync(runtimeDir, { recursive: true, force: true });
    const entry = fromSnapshot ? ['--snapshot-blob', join(runtimeDir, 'worker.blob')] : [join(runtimeDir, 'worker.mjs')];
    expect(args.slice(-1 - entry.length, -1)).toEqual(entry);
    // Started from a snapshot, Node ignores --disable-warning: the permission model's notice must still stay out of the output.
    expect(args).toContain(fromSnapshot ? '--no-warnings' : '--disable-warning=ExperimentalWarning');
  });

  it('a snapshot built by another Node is not used', () => {
    const runtimeDir = mkdtempSync(join(tmpdir(), 'tfgrade-runtime-'));
    writeFileSync(join(runtimeDir, 'worker.blob'), '');
    writeFileSync(join(runtimeDir, 'worker-blob.json'), JSON.stringify({ node: 'v0.0.1', execPath: realpathSync(process.execPath), arch: process.arch, heapMb: DEFAULT_LIMITS.memoryMb / 2 }));
    const args = nodeArgs({ ...paths, runtimeDir }, 'wasm', DEFAULT_LIMITS);
    rmSync(runtimeDir, { recursive: true, force: true });
    expect(args).not.toContain('--snapshot-blob');
  });

  it('reads only the packages in node_modules (not its .cache of references) and the runtime; never writes, children or workers', () => {
    // node_modules/.cache/tfgrade holds bundled references and expected values: the child must not read it.
    const nm = mkdtempSync(join(tmpdir(), 'tfgrade-nm-'));
    for (const d of ['@tensorflow', 'seedrandom', '.cache', '.bin']) mkdirSync(join(nm, d));
    const args = nodeArgs({ ...paths, nodeModules: nm }, 'wasm', DEFAULT_LIMITS);
    rmSync(nm, { recursive: true, force: true });
    expect(args.filter((a) => a.startsWith('--allow-'))).toEqual([`--allow-fs-read=${nm}/@tensorflow`, `--allow-fs-read=${nm}/seedrandom`, '--allow-fs-read=/course/dist/runtime']);
    expect(args).toContain(permissionFlag());
    expect(args).toContain(`--max-old-space-size=${DEFAULT_LIMITS.memoryMb / 2}`);
  });

  it('the basic level sets RLIMIT_DATA in KB before exec-ing node', () => {
    const cmd = sandboxCommand(paths, 'wasm', { ...DEFAULT_LIMITS, memoryMb: 512 }, false);
    expect(cmd.level).toBe('basic');
    expect(cmd.file).toBe('/bin/sh');
    expect(cmd.args[1]).toContain('ulimit -d 524288');
  });
});
