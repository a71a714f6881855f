// Test helpers for batch units: build a folder tree from a table, and make small schema-valid reports without grading.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPORT_SCHEMA_VERSION, type Report } from '../../../grader/model/report.js';
import type { PartStatus } from '../../../grader/model/outcome.js';

/** A file's text, `{ link: target }` for a symbolic link, or `{}` for an empty folder. */
export type TreeSpec = Record<string, string | { link: string } | Record<string, never>>;

const made: string[] = [];

/** Removes every tree makeTree made in this test file (call from afterAll). */
export function removeTrees(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function makeTree(spec: TreeSpec, root = mkdtempSync(join(tmpdir(), 'tfgrade-batch-test-'))): string {
  made.push(root);
  for (const [rel, v] of Object.entries(spec)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    if (typeof v === 'string') writeFileSync(p, v);
    else if ('link' in v) symlinkSync(v.link, p);
    else mkdirSync(p, { recursive: true });
  }
  return root;
}

const REASON: Record<PartStatus, Report['exercises'][number]['parts'][number]['reason']> = {
  passed: 'correct',
  failed: 'wrong-value',
  partial: 'partial-credit',
  error: 'threw',
  timeout: 'timeout',
  missing: 'missing-file',
  'needs-review': 'needs-review',
  recorded: 'recorded',
};

/** A report over exercises `{ id: [part statuses] }`, every part worth 1 point (passed = 1, partial = 0.5). */
export function fakeReport(
  student: string,
  exercises: Record<string, PartStatus[]>,
  createdAt = '2024-01-01T00:00:00.000Z',
): Report {
  const ex = Object.entries(exercises).map(([id, statuses]) => {
    const parts = statuses.map((status, i) => ({
      id: `p${i + 1}`,
      kind: 'numeric',
      score: status === 'passed' ? 1 : status === 'partial' ? 0.5 : 0,
      maxScore: 1,
      status,
      reason: REASON[status],
      message: status,
      visibility: 'visible' as const,
      durationMs: 3,
    }));
    const score = parts.reduce((a, p) => a + p.score, 0);
    const status = statuses.every((s) => s === 'passed')
      ? ('passed' as const)
      : score > 0
        ? ('partial' as const)
        : ('failed' as const);
    return { id, title: `Exercise ${id}`, score, maxScore: parts.length, status, file: `${id}.ts`, parts };
  });
  const score = ex.reduce((a, e) => a + e.score, 0);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'tfgrade', version: '0.1.0' },
    createdAt,
    submission: { path: `subs/${student}`, student },
    score,
    maxScore: ex.reduce((a, e) => a + e.maxScore, 0),
    status: ex.every((e) => e.status === 'passed') ? 'passed' : score > 0 ? 'partial' : 'failed',
    backend: { name: 'cpu', version: '4.22.0', requested: 'cpu', reason: 'asked for with --backend cpu' },
    sandbox: {
      level: 'basic',
      platform: 'linux',
      enforced: ['time', 'heap'],
      description: 'test',
      limits: { partTimeoutMs: 1000, memoryMb: 512, outputBytes: 1024 },
    },
    durationMs: 10,
    exercises: ex,
    warnings: [],
  };
}

/** An Io that records what a command prints; cwd is where the "user" stands. */
export function captureIo(
  root: string,
  cwd: string,
): { io: import('../../../grader/util/io.js').Io; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: {
      root,
      cwd,
      env: {},
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
    },
    out: () => out,
    err: () => err,
  };
}
