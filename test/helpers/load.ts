// Budgets that hold on a loaded machine. In-process work is timed in CPU time, which contention barely changes (wall
// time on 2 cores at load 8 is 4x); a bound on a whole process (a hang must end) is scaled by how oversubscribed the
// machine is, so it still catches "never ends" without failing a correct run that merely waited for a core.
import { availableParallelism, loadavg } from 'node:os';

/** This process's CPU time so far (user + system), in ms: the clock for in-process budgets. */
export function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** How many times over the cores are asked for right now (1 on a quiet machine; the 1-minute load average / cores). */
export function loadFactor(): number {
  return Math.max(1, loadavg()[0] / availableParallelism());
}

/** A wall-clock bound (or a time limit passed to the grader) stretched by the machine's current load. */
export const underLoad = (seconds: number): number => Math.ceil(seconds * loadFactor());
