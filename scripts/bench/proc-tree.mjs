// Peak memory of a process tree, sampled from /proc: VmHWM (the kernel's own high-water mark of resident memory) of
// every process under a root pid, by role. Sampled, because a sandbox child is SIGKILLed and cannot report its own.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (100 almost everywhere). */
export const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** Children of every thread of pid (libuv may spawn from any of them). */
function childrenOf(pid) {
  let tasks;
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const out = [];
  for (const t of tasks) {
    try {
      for (const c of readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(/\s+/)) if (c) out.push(Number(c));
    } catch {
      // the thread ended between the two reads
    }
  }
  return out;
}

function statusOf(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    // stat: the fields after the ')' that closes the command name; utime and stime are the 12th and 13th of them.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuMs = ((Number(f[11]) + Number(f[12])) * 1000) / TICKS;
    return {
      name: /^Name:\s+(\S+)/m.exec(s)?.[1] ?? '?',
      hwmKb: Number(/^VmHWM:\s+(\d+) kB/m.exec(s)?.[1] ?? 0),
      cpuMs,
    };
  } catch {
    return null;
  }
}

export const procAvailable = () => {
  try {
    readFileSync(`/proc/${process.pid}/task/${process.pid}/children`);
    return true;
  } catch {
    return false;
  }
};

/**
 * Watches the tree under rootPid until stop(). Roles: 'grader' (the root), 'esbuild' (its compile service),
 * 'sandbox' (any other node process: the child inside bwrap / sh), 'other' (bwrap, sh, vitest helpers).
 */
export function watchTree(rootPid, everyMs = 15) {
  const peak = new Map(); // pid -> { name, hwmKb }
  const sample = () => {
    const stack = [rootPid];
    const visited = new Set();
    while (stack.length) {
      const pid = stack.pop();
      if (visited.has(pid)) continue;
      visited.add(pid);
      const st = statusOf(pid);
      if (!st) continue;
      const prev = peak.get(pid);
      // exec (sh -> node) starts a new address space: keep the peak under the latest name. CPU time only grows.
      peak.set(pid, {
        name: st.name,
        hwmKb: Math.max(st.hwmKb, prev?.name === st.name ? prev.hwmKb : 0),
        cpuMs: Math.max(st.cpuMs, prev?.cpuMs ?? 0),
      });
      stack.push(...childrenOf(pid));
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const by = { grader: 0, esbuild: 0, sandbox: [], other: 0 };
      const cpu = { grader: 0, esbuild: 0, sandbox: 0, other: 0 };
      for (const [pid, p] of peak) {
        const role =
          pid === rootPid
            ? 'grader'
            : p.name === 'esbuild'
              ? 'esbuild'
              : p.name.startsWith('node')
                ? 'sandbox'
                : 'other';
        cpu[role] += p.cpuMs;
        if (pid === rootPid) by.grader = p.hwmKb;
        else if (p.name === 'esbuild') by.esbuild = Math.max(by.esbuild, p.hwmKb);
        else if (p.name === 'node' || p.name.startsWith('node')) by.sandbox.push(p.hwmKb);
        else by.other = Math.max(by.other, p.hwmKb);
      }
      // CPU: the last sample of each process (up to one interval short of its end), summed by role.
      const cpuMs = Object.values(cpu).reduce((a, b) => a + b, 0);
      return {
        graderKb: by.grader,
        esbuildKb: by.esbuild,
        sandboxMaxKb: Math.max(0, ...by.sandbox),
        sandboxes: by.sandbox.length,
        cpuMs,
        cpuByRoleMs: cpu,
      };
    },
  };
}
