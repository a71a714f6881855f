// Why a child died of SIGKILL: the kernel's out-of-memory killer (the container's or the machine's) leaves no message.
import { readFileSync } from 'node:fs';

/** What the watch saw while one request ran. */
export interface MemorySeen {
  /** The largest resident size of the child's process tree, in MB (0 where /proc cannot be read). */
  peakMb: number;
  /** The memory the child could have: its own limit, or what the container's cgroup leaves beside the grader if less. */
  limitMb: number;
  /** The cgroup's oom_kill counter rose while it ran (cgroup v2 memory.events; v1 memory.oom_control). */
  oomKilled: boolean;
}

/** Nearer than this to its limit, a SIGKILL the grader did not send is the out-of-memory killer's. */
export const NEAR_LIMIT = 0.75;

/**
 * A child killed by SIGKILL (or a wrapper reporting it as exit code 137 = 128 + 9) while near its memory limit, or
 * while the cgroup counted an out-of-memory kill, ran out of memory: students must read that, not "code 137".
 */
export function killedForMemory(code: number | null, signal: string | null, seen: MemorySeen | undefined): boolean {
  if (signal !== 'SIGKILL' && code !== 137) return false;
  if (!seen || seen.peakMb <= 0) return false;
  // The cgroup is shared (other processes of the container): its OOM count backs a kill only with a big child.
  return seen.peakMb >= NEAR_LIMIT * seen.limitMb || (seen.oomKilled && seen.peakMb >= 0.5 * seen.limitMb);
}

const read = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

const CGROUP = '/sys/fs/cgroup';

/**
 * A reading this recent stands for a new one. A watch starts with every request (about 70 per whole-catalog student,
 * most within a few ms of the previous one); reading /proc and the cgroup at each start cost the grader ~13 ms of CPU
 * per student. The sampling itself is no finer than this, so a request sees what it would have seen.
 */
export const FRESH_MS = 100;

/** Which file counts OOM kills here (cgroup v2, else v1; '' for none), found once: the other fails at every request. */
let oomFile: string | undefined;
let oomRead = { at: -Infinity, count: 0 };
function oomKills(fresh = false): number {
  const now = performance.now();
  if (!fresh && now - oomRead.at < FRESH_MS) return oomRead.count;
  oomFile ??=
    [`${CGROUP}/memory.events`, `${CGROUP}/memory/memory.oom_control`].find((f) => read(f) !== undefined) ?? '';
  const m = oomFile ? /^oom_kill (\d+)$/m.exec(read(oomFile) ?? '') : null;
  oomRead = { at: now, count: m ? Number(m[1]) : 0 };
  return oomRead.count;
}

/** The container's limit in MB, when there is one (v1 writes "unlimited" as a huge number). */
export function cgroupLimitMb(): number | undefined {
  // Read once per process: it was read at every request (~70 per whole-catalog student), and a container's limit stays.
  if (!containerRead) {
    containerRead = true;
    container = readCgroupLimitMb();
  }
  return container;
}
let containerRead = false;
let container: number | undefined;

function readCgroupLimitMb(): number | undefined {
  const v = (read(`${CGROUP}/memory.max`) ?? read(`${CGROUP}/memory/memory.limit_in_bytes`))?.trim();
  if (!v || !/^\d+$/.test(v)) return undefined;
  const mb = Number(v) / 2 ** 20;
  return mb < 2 ** 40 ? mb : undefined;
}

/** The last tree reading per child's pid (one older than FRESH_MS is never used: a reused pid inherits nothing). */
const lastTree = new Map<number, { at: number; mb: number }>();

/** Resident MB of a process and its descendants (Linux /proc; 0 elsewhere). */
function treeRssMb(pid: number, depth = 0): number {
  const status = read(`/proc/${pid}/status`);
  const rss = status ? Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0) / 1024 : 0;
  if (depth > 4) return rss;
  const children = (read(`/proc/${pid}/task/${pid}/children`) ?? '').trim().split(/\s+/).filter(Boolean).map(Number);
  return rss + children.reduce((a, c) => a + treeRssMb(c, depth + 1), 0);
}

/**
 * Samples the child's tree every 100 ms until stopped; cheap enough to run during every request. `stop` says what was
 * seen (for a child that died); `cancel`, for the usual answer, only ends the sampling, reading nothing more.
 */
export function watchMemory(pid: number | undefined, limitMb: number): { stop(): MemorySeen; cancel(): void } {
  const before = oomKills();
  let peakMb = 0;
  const sample = (fresh: boolean): void => {
    if (!pid) return;
    const last = lastTree.get(pid);
    const now = performance.now();
    let mb = last?.mb ?? 0;
    if (fresh || !last || now - last.at >= FRESH_MS) {
      mb = treeRssMb(pid);
      if (lastTree.size >= 64) lastTree.clear(); // children of the past: a batch starts one per student
      lastTree.set(pid, { at: now, mb });
    }
    peakMb = Math.max(peakMb, mb);
  };
  sample(false);
  const timer = setInterval(() => sample(true), FRESH_MS);
  timer.unref();
  return {
    cancel: () => clearInterval(timer),
    stop: () => {
      clearInterval(timer);
      const container = cgroupLimitMb();
      // The grader itself lives in the same container: the child can reach only what it leaves.
      const limit =
        container !== undefined ? Math.min(limitMb, container - process.memoryUsage.rss() / 2 ** 20) : limitMb;
      return { peakMb, limitMb: limit, oomKilled: oomKills(true) > before };
    },
  };
}
