// Shared helpers of the benchmark: run a command timed (with its memory watched), medians, paths, formatting.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { TICKS, watchTree, procAvailable } from './proc-tree.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const BIN = `${ROOT}/bin/grade.js`;
/** Everything the bench writes lives under reports/ (gitignored). */
export const OUT_DIR = `${ROOT}/reports/bench`;
export const CORES = cpus().length;
export const WATCH_MEMORY = procAvailable();

/**
 * Runs a command to completion and measures its wall time from spawn to exit, as a user would feel it.
 * Its own process group (detached) so that a timeout can end the whole tree it started, and nothing else.
 */
export function runTimed(
  file,
  args,
  { env = {}, cwd = ROOT, timeoutMs = 30 * 60_000, memory = WATCH_MEMORY, keepStdout = true } = {},
) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(file, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const watch = memory && child.pid ? watchTree(child.pid) : undefined;
    const busy0 = machineBusyMs();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => {
      if (keepStdout) stdout += b;
    });
    child.stderr.on('data', (b) => {
      stderr = (stderr + b).slice(-20_000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.on('close', (code, signal) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      const mem = watch?.stop();
      const busy1 = machineBusyMs();
      // What the rest of the machine used meanwhile (in cores): the figures of a contended run are not this machine's.
      if (mem && busy0 !== undefined && busy1 !== undefined)
        mem.othersCores = Math.max(0, (busy1 - busy0 - mem.cpuMs) / ms);
      resolve({ code: code ?? -1, signal, ms, stdout, stderr, timedOut, mem });
    });
  });
}

export function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return undefined;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

export const fmtMs = (ms) =>
  ms === undefined
    ? '-'
    : ms >= 10_000
      ? `${(ms / 1000).toFixed(1)} s`
      : ms >= 1000
        ? `${(ms / 1000).toFixed(2)} s`
        : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
export const fmtMb = (kb) => (kb ? `${(kb / 1024).toFixed(0)} MB` : '-');

/** A plain text table: first column left-aligned, the rest right-aligned. */
export function table(head, rows) {
  const all = [head, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const w = head.map((_, i) => Math.max(...all.map((r) => r[i]?.length ?? 0)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return [line(all[0]), w.map((n) => '-'.repeat(n)).join('  '), ...all.slice(1).map(line)].join('\n');
}

export const load = () => loadavg().map((x) => Number(x.toFixed(2)));

export function log(msg) {
  process.stderr.write(`[bench] ${msg}\n`);
}

/** --wait-idle: before each measured section, wait (up to the budget) for other work on the machine to calm down. */
const idle = { budgetMs: 0 };
export function setIdleBudget(seconds) {
  idle.budgetMs = seconds * 1000;
}

/** Busy CPU time of the whole machine so far (ms), from /proc/stat; undefined off Linux. */
export function machineBusyMs() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = f.reduce((x, y) => x + y, 0);
    return ((total - f[3] - (f[4] ?? 0)) * 1000) / TICKS;
  } catch {
    return undefined;
  }
}

/** Share of all cores busy over `ms`, from /proc/stat (the bench itself is idle meanwhile); undefined off Linux. */
export async function busyShare(ms = 2000) {
  const read = () => {
    try {
      const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
      return { idle: f[3] + (f[4] ?? 0), total: f.reduce((a, b) => a + b, 0) };
    } catch {
      return undefined;
    }
  };
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  if (!a || !b || b.total === a.total) return undefined;
  return 1 - (b.idle - a.idle) / (b.total - a.total);
}

export async function waitIdle(what) {
  if (!idle.budgetMs) return;
  const until = Date.now() + idle.budgetMs;
  for (;;) {
    const busy = await busyShare();
    if (busy === undefined || busy < 0.15 || Date.now() >= until) return;
    log(`${what}: other work keeps ${(busy * 100).toFixed(0)}% of the CPU busy; waiting`);
    await new Promise((r) => setTimeout(r, 3000));
  }
}
