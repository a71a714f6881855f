// The limits of one sandbox: what the CLI's --timeout and --memory set, what the engine and the sandbox both read.
export interface Limits {
  /** Wall-clock limit for all the calls of one part together; a hang in one part never zeroes the others. */
  partTimeoutMs: number;
  /** The data the child may use: RLIMIT_DATA (plus what V8 reserves at start), with V8's old-space cap at half. */
  memoryMb: number;
  /** Bytes of the student's stdout+stderr kept for the report; the rest is drained and dropped. */
  outputBytes: number;
}

/**
 * The largest source file the sandbox's job copy takes (sandbox/job.ts): a larger one is never graded, so `grade pack`
 * does not pack it and the similarity check does not read it.
 */
export const MAX_SOLUTION_BYTES = 1 << 20;

/** "1.3 MB": a size as a limit's message says it ("too large: 1.3 MB > 1 MB limit"). */
export const megabytes = (bytes: number): string => `${Number((bytes / 2 ** 20).toPrecision(2))} MB`;

/** Below this a child cannot even load tfjs: --memory under it is a usage error. */
export const MIN_MEMORY_MB = 256;

export const DEFAULT_LIMITS: Limits = { partTimeoutMs: 10_000, memoryMb: 1536, outputBytes: 16_384 };

/** Limits from the CLI's --timeout (seconds) and --memory (MB). */
export function limitsFrom(args: { timeout?: number; memory?: number }): Limits {
  return {
    ...DEFAULT_LIMITS,
    ...(args.timeout !== undefined ? { partTimeoutMs: Math.round(args.timeout * 1000) } : {}),
    ...(args.memory !== undefined ? { memoryMb: Math.round(args.memory) } : {}),
  };
}
