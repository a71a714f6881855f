// The sandbox's V8 startup snapshots, one per Node binary: built by `npm run build`, and by bin/grade.js the first time
// another Node runs the course (0.4 s), so Node 20, 22 and 24 each start their children from their own blob.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** V8 refuses a snapshot built under other heap flags: built for the default sandbox heap cap (half of 1536 MB). */
export const SNAPSHOT_HEAP_MB = 768;
const MANIFEST = 'worker-blobs.json';

/** Who may start from a blob: this exact binary (V8 checks its own build), on this architecture. */
export function nodeIdentity() {
  return { node: process.version, execPath: realpathSync(process.execPath), arch: process.arch };
}

const same = (a, b) => a.node === b.node && a.execPath === b.execPath && a.arch === b.arch;

export function readManifest(runtimeDir) {
  try {
    const m = JSON.parse(readFileSync(join(runtimeDir, MANIFEST), 'utf8'));
    return Array.isArray(m?.blobs) ? m.blobs.filter((b) => b && typeof b.node === 'string' && typeof b.heapMb === 'number') : [];
  } catch {
    return [];
  }
}

/** This Node's usable blob in `runtimeDir`, if there is one (the grader's lookup, grader/sandbox/snapshot-blob.ts). */
export function snapshotFor(runtimeDir) {
  const me = nodeIdentity();
  const b = readManifest(runtimeDir).find((x) => same(x, me));
  return b && typeof b.file === 'string' && existsSync(join(runtimeDir, b.file)) ? { blob: join(runtimeDir, b.file), heapMb: b.heapMb } : undefined;
}

/** Whether a build was tried for this Node (a failure is recorded too, so a Node without snapshots is not retried each run). */
export function hasSnapshot(runtimeDir) {
  const me = nodeIdentity();
  return readManifest(runtimeDir).some((b) => same(b, me) && (b.error !== undefined || existsSync(join(runtimeDir, b.file))));
}

/**
 * Builds dist/runtime/worker-<hash>.blob for the running Node from worker-snapshot.cjs and records it in the manifest.
 * Returns an error message, or undefined when it worked. Without a usable blob the child starts the plain way.
 */
export function buildSnapshot(runtimeDir) {
  const me = nodeIdentity();
  const file = `worker-${createHash('sha256').update(JSON.stringify(me)).digest('hex').slice(0, 12)}.blob`;
  const tmp = join(runtimeDir, `${file}.${process.pid}.tmp`);
  const r = spawnSync(process.execPath, [`--max-old-space-size=${SNAPSHOT_HEAP_MB}`, '--snapshot-blob', tmp, '--build-snapshot', join(runtimeDir, 'worker-snapshot.cjs')], { cwd: runtimeDir, encoding: 'utf8' });
  const error = r.status === 0 ? undefined : (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').pop();
  // Renames are atomic: two graders starting on a new Node at once each leave a whole blob and a whole manifest.
  if (error) rmSync(tmp, { force: true });
  else renameSync(tmp, join(runtimeDir, file));
  const blobs = readManifest(runtimeDir).filter((b) => !same(b, me));
  blobs.push({ ...me, heapMb: SNAPSHOT_HEAP_MB, ...(error ? { error } : { file }) });
  const manifestTmp = join(runtimeDir, `${MANIFEST}.${process.pid}.tmp`);
  writeFileSync(manifestTmp, JSON.stringify({ blobs }, null, 2) + '\n');
  renameSync(manifestTmp, join(runtimeDir, MANIFEST));
  return error;
}
