// Which startup snapshot a sandbox child may start from: the blob built for this very Node binary, if any (the manifest
// format and the build live in scripts/snapshot.mjs), and none after one failed to start in this process.
import { snapshotFor } from '../../scripts/snapshot.mjs';

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
