// Runs the real `grade` bin as a user would, and parses/validates its JSON report.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Report } from '../../grader/model/report.js';
import { reportErrors } from '../../grader/model/validate-report.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = `${ROOT}bin/grade.js`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `bin`: another copy of the course's bin (a course folder made by a test). */
export function runCli(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; bin?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [opts.bin ?? BIN, ...args],
      {
        cwd: opts.cwd ?? ROOT,
        env: { ...process.env, NO_COLOR: '1', ...opts.env },
        timeout: opts.timeoutMs ?? 180_000,
        maxBuffer: 64 << 20,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Grades with --json and returns the report, after checking it against the shipped report schema. */
export async function gradeJson(
  args: string[],
  opts: Parameters<typeof runCli>[1] = {},
): Promise<{ code: number; report: Report; stderr: string }> {
  const r = await runCli([...args, '--json'], opts);
  let report: Report;
  try {
    report = JSON.parse(r.stdout) as Report;
  } catch {
    throw new Error(
      `stdout is not a JSON report (exit ${r.code}):\n${r.stdout.slice(0, 2000)}\nstderr:\n${r.stderr.slice(0, 2000)}`,
    );
  }
  expect(reportErrors(report)).toEqual([]);
  return { code: r.code, report, stderr: r.stderr };
}

/** { exercise: { part: "status" or "status/reason" } } of a report, in the format of fixtures' expected.json. */
export function outcomes(
  report: Report,
  withReason: Record<string, Record<string, string>>,
): Record<string, Record<string, string>> {
  return Object.fromEntries(
    report.exercises.map((e) => [
      e.id,
      Object.fromEntries(
        e.parts.map((p) => {
          const want = withReason[e.id]?.[p.id] ?? '';
          return [p.id, want.includes('/') ? `${p.status}/${p.reason}` : p.status];
        }),
      ),
    ]),
  );
}
