// The sandbox's V8 startup snapshots, one per Node binary: the manifest, the lookup a child start uses, and the build
// (run by `npm run build` through dist/early.js, and by bin/grade.js the first time another Node runs the course).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** V8 refuses a snapshot built under other heap flags: built for the default sandbox heap cap (half of 1536 MB). */
const SNAPSHOT_HEAP_MB = 768;

/**
 * V8 flags of every sandbox child, set on its command line (and so in the snapshot's build too: V8 refuses a blob
 * built under other flags). --single-threaded-gc: a batch keeps every core busy with children, where the helper
 * threads' marking and sweeping only added CPU; ~4% less CPU per student (docs/benchmarks.md). Unlike the tuning in
 * runtime/serve.ts, a GC flag cannot be changed once the heap exists (V8 traps).
 */
export const CHILD_V8_FLAGS: readonly string[] = ['--single-threaded-gc'];
const MANIFEST = 'worker-blobs.json';

interface NodeIdentity {
  node: string;
  execPath: string;
  arch: string;
  /** CHILD_V8_FLAGS it was built under: a blob of other flags is rebuilt, not tried and dropped at every run. */
  flags: string;
}
interface BlobEntry extends NodeIdentity {
  heapMb: number;
  file?: string;
  error?: string;
}

/** Who may start from a blob: this exact binary (V8 checks its own build), on this architecture. */
function nodeIdentity(): NodeIdentity {
  return {
    node: process.version,
    execPath: realpathSync(process.execPath),
    arch: process.arch,
    flags: CHILD_V8_FLAGS.join(' '),
  };
}

const same = (a: NodeIdentity, b: NodeIdentity) =>
  a.node === b.node && a.execPath === b.execPath && a.arch === b.arch && a.flags === b.flags;

function readManifest(runtimeDir: string): BlobEntry[] {
  try {
    const m = JSON.parse(readFileSync(join(runtimeDir, MANIFEST), 'utf8')) as { blobs?: unknown };
    return Array.isArray(m?.blobs)
      ? m.blobs.filter((b): b is BlobEntry => typeof b?.node === 'string' && typeof b?.heapMb === 'number')
      : [];
  } catch {
    return [];
  }
}

/** This Node's usable blob in `runtimeDir`, if there is one. */
function snapshotFor(runtimeDir: string): { blob: string; heapMb: number } | undefined {
  const me = nodeIdentity();
  const b = readManifest(runtimeDir).find((x) => same(x, me));
  return b && typeof b.file === 'string' && existsSync(join(runtimeDir, b.file))
    ? { blob: join(runtimeDir, b.file), heapMb: b.heapMb }
    : undefined;
}

/** Whether a build was tried for this Node (a failure is recorded too, so a Node without snapshots is not retried each run). */
export function hasSnapshot(runtimeDir: string): boolean {
  const me = nodeIdentity();
  return readManifest(runtimeDir).some(
    (b) => same(b, me) && (b.error !== undefined || (b.file !== undefined && existsSync(join(runtimeDir, b.file)))),
  );
}

/**
 * Builds dist/runtime/worker-<hash>.blob for the running Node from worker-snapshot.cjs and records it in the manifest.
 * Returns an error message, or undefined when it worked. Without a usable blob the child starts the plain way.
 */
export function buildSnapshot(runtimeDir: string): string | undefined {
  const me = nodeIdentity();
  const file = `worker-${createHash('sha256').update(JSON.stringify(me)).digest('hex').slice(0, 12)}.blob`;
  const tmp = join(runtimeDir, `${file}.${process.pid}.tmp`);
  const r = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${SNAPSHOT_HEAP_MB}`,
      ...CHILD_V8_FLAGS,
      '--snapshot-blob',
      tmp,
      '--build-snapshot',
      join(runtimeDir, 'worker-snapshot.cjs'),
    ],
    { cwd: runtimeDir, encoding: 'utf8' },
  );
  const error =
    r.status === 0 ? undefined : (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').pop();
  // Renames are atomic: two graders starting on a new Node at once each leave a whole blob and a whole manifest.
  if (error) rmSync(tmp, { force: true });
  else renameSync(tmp, join(runtimeDir, file));
  const blobs = readManifest(runtimeDir).filter((b) => !same(b, me));
  blobs.push({ ...me, heapMb: SNAPSHOT_HEAP_MB, ...(error ? { error } : { file }) });
  const manifestTmp = join(runtimeDir, `${MANIFEST}.${process.pid}.tmp`);
  writeFileSync(manifestTmp, `${JSON.stringify({ blobs }, null, 2)}\n`);
  renameSync(manifestTmp, join(runtimeDir, MANIFEST));
  return error;
}

/**
 * After a build: blobs of other Nodes were built from the previous worker-snapshot.cjs, so they go, and this Node's is
 * built anew. Returns an error message, or undefined when it worked.
 */
export function rebuildSnapshot(runtimeDir: string): string | undefined {
  for (const n of readdirSync(runtimeDir))
    if (/^worker(-[0-9a-f]+)?\.blob$|^worker-blobs?\.json$/.test(n)) rmSync(join(runtimeDir, n), { force: true });
  return buildSnapshot(runtimeDir);
}

const found = new Map<string, { blob: string; heapMb: number } | undefined>();
let off = false;

/** After a child failed to start from the snapshot: every later child of this process starts the plain way. */
export function disableSnapshot(): void {
  off = true;
}

/**
 * The blob of runtime/snapshot.ts (tfjs already loaded) for the Node running now, when the heap cap is the one it was
 * built for: V8 refuses it otherwise (exit 14). TFGRADE_SANDBOX_SNAPSHOT=0 turns it off.
 */
export function snapshotBlob(runtimeDir: string, heapMb: number): string | undefined {
  if (off || process.env.TFGRADE_SANDBOX_SNAPSHOT === '0') return undefined;
  if (!found.has(runtimeDir)) found.set(runtimeDir, snapshotFor(runtimeDir));
  const f = found.get(runtimeDir);
  return f?.heapMb === heapMb ? f.blob : undefined;
}
