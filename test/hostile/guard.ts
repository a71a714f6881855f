// Helpers of the hostile-submission tests: run the real bin with a stopwatch and a memory gauge, snapshot what must not change.
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Report } from '../../grader/model/report.js';
import { reportErrors } from '../../grader/model/validate-report.js';
import { BIN, ROOT } from '../helpers/cli.js';

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** Peak resident memory of the grader process in MB (Linux /proc; 0 elsewhere). */
  peakMb: number;
}

/** The real bin, as a TA would run it; the environment may carry secrets the sandbox must not pass on. */
export function runBin(args: string[], env: NodeJS.ProcessEnv = {}, killAfterMs = 120_000): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let peakKb = 0;
    // VmHWM is the high-water mark: the last reading before exit is (almost) the peak of the whole run.
    const gauge = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // exited between ticks, or no /proc
      }
    }, 50);
    const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code, signal) => {
      clearInterval(gauge);
      clearTimeout(killer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        seconds: (Date.now() - t0) / 1000,
        peakMb: peakKb / 1024,
      });
    });
  });
}

/** stdout must be exactly one report, valid against the shipped schema: no student output, no second document. */
export function parseReport(r: Run): Report {
  let report: Report;
  try {
    report = JSON.parse(r.stdout) as Report;
  } catch {
    throw new Error(
      `stdout is not one JSON report (exit ${r.code}, signal ${r.signal}):\n${r.stdout.slice(0, 1500)}\nstderr:\n${r.stderr.slice(0, 1500)}`,
    );
  }
  expect(reportErrors(report)).toEqual([]);
  return report;
}

// Terminal-driving characters: C0 controls but tab/newline, DEL, C1 controls, bidi overrides and isolates.
// eslint-disable-next-line no-control-regex
export const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Paths the corpus tries to create; none may ever exist (they are also caught by the snapshots). */
export const FORBIDDEN = [
  '/tmp/tfgrade-pwned.txt',
  '/tmp/tfgrade-pwned-dir',
  '/tmp/tfgrade-pwned-link',
  '/tmp/tfgrade-pwned-ref.ts',
  '/tmp/tfgrade-spawned',
  '/tmp/tfgrade-pwned-net',
  join(ROOT, 'reference', 'pwned.ts'),
  join(ROOT, 'node_modules', '.cache', 'tfgrade', 'pwned.bin'),
  join(ROOT, 'node_modules', '@tensorflow', 'tfjs', 'pwned.js'),
  join(ROOT, 'dist', 'runtime', 'pwned.mjs'),
];

/** The /tmp file a fixture tries to overwrite; the test owns it and checks its content after every run. */
export const CANARY = '/tmp/tfgrade-hostile-canary.txt';

export type Snapshot = Map<string, string>;

/**
 * Size, mtime and mode of every file and folder under `dir`. Skipped: what a test run legitimately writes (the
 * build in dist/, the reference cache in node_modules/.cache, reports/) and git's own bookkeeping.
 */
export function snapshot(dir = ROOT, skip: (rel: string) => boolean = defaultSkip): Snapshot {
  const out: Snapshot = new Map();
  const walk = (abs: string, rel: string) => {
    let names: string[];
    try {
      names = readdirSync(abs);
    } catch {
      return;
    }
    for (const name of names) {
      const r = rel ? `${rel}/${name}` : name;
      if (skip(r)) continue;
      let st: ReturnType<typeof lstatSync>;
      try {
        st = lstatSync(join(abs, name));
      } catch {
        continue;
      }
      out.set(r, `${st.size}:${st.mtimeMs}:${st.mode}`);
      if (st.isDirectory()) walk(join(abs, name), r);
    }
  };
  walk(dir, '');
  return out;
}

const NOISY = new Set(['.git', 'dist', 'reports', 'coverage', 'node_modules']);
const defaultSkip = (rel: string): boolean => NOISY.has(rel.split('/')[0]);

/** For a snapshot of node_modules itself: tfjs and friends (a write escape would poison them for every later student), not its caches. */
export const nodeModulesSkip = (rel: string): boolean => /^\.(cache|vite|vite-temp|vitest)(\/|$)/.test(rel);

/** Entries added, removed or changed between two snapshots, for a readable failure. */
export function changes(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [k, v] of after) if (before.get(k) !== v) out.push(`${before.has(k) ? 'changed' : 'added'} ${k}`);
  for (const k of before.keys()) if (!after.has(k)) out.push(`removed ${k}`);
  return out.sort();
}

export const exists = (p: string): boolean => {
  try {
    lstatSync(p);
    return true;
  } catch {
    return existsSync(p);
  }
};
