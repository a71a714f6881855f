// The startup snapshot is only a speed-up: a blob the running Node cannot start from falls back to the plain start.
import { copyFileSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../grader/model/limits.js';
import { Session } from '../../../grader/sandbox/session.js';
import { CHILD_V8_FLAGS, snapshotBlob } from '../../../grader/sandbox/snapshot.js';
import { ROOT } from '../../helpers/cli.js';

const runtime = realpathSync(join(ROOT, 'dist', 'runtime'));
const dir = mkdtempSync(join(tmpdir(), 'tfgrade-runtime-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startup snapshot fallback', () => {
  it('a corrupt blob that claims to fit this Node: the child still starts, the plain way, and later ones too', async () => {
    for (const f of ['worker.mjs', 'tfjs-extras.cjs']) copyFileSync(join(runtime, f), join(dir, f));
    writeFileSync(join(dir, 'worker-corrupt.blob'), 'not a V8 snapshot');
    const heapMb = DEFAULT_LIMITS.memoryMb / 2;
    const entry = {
      node: process.version,
      execPath: realpathSync(process.execPath),
      arch: process.arch,
      flags: CHILD_V8_FLAGS.join(' '),
      heapMb,
      file: 'worker-corrupt.blob',
    };
    writeFileSync(join(dir, 'worker-blobs.json'), JSON.stringify({ blobs: [entry] }));
    const paths = { runtimeDir: dir, nodeModules: realpathSync(join(ROOT, 'node_modules')) };
    expect(snapshotBlob(dir, heapMb)).toBe(join(dir, 'worker-corrupt.blob'));
    const s = await Session.start(paths, 'wasm', DEFAULT_LIMITS, 'basic');
    try {
      expect(s.ready.backend).toBe('wasm');
      expect(s.command.args).not.toContain('--snapshot-blob');
      expect(snapshotBlob(dir, heapMb)).toBeUndefined();
    } finally {
      s.kill();
    }
  });
});
