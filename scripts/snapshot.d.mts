// Types for scripts/snapshot.mjs, so TypeScript can import it.
export declare const SNAPSHOT_HEAP_MB: number;
export interface BlobEntry { node: string; execPath: string; arch: string; heapMb: number; file?: string; error?: string }
export declare function nodeIdentity(): { node: string; execPath: string; arch: string };
export declare function readManifest(runtimeDir: string): BlobEntry[];
export declare function snapshotFor(runtimeDir: string): { blob: string; heapMb: number } | undefined;
export declare function hasSnapshot(runtimeDir: string): boolean;
export declare function buildSnapshot(runtimeDir: string): string | undefined;
