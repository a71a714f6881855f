// The whole catalog through the real bin: a correct student submission scores full marks, and list/show describe every exercise.
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExerciseSpec } from '../../grader/spec/model.js';
import type { Report } from '../../grader/model/report.js';
import { reportErrors } from '../../grader/model/validate-report.js';
import type { Io } from '../../grader/util/io.js';
import { showCommand } from '../../grader/commands/show.js';
import { ROOT, runCli, type CliResult } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'submissions');
const ids = readdirSync(join(ROOT, 'exercises'))
  .filter((n) => n.endsWith('.yaml'))
  .map((n) => n.replace(/\.yaml$/, ''))
  .sort();
const specs = new Map(
  ids.map((id) => [id, YAML.parse(readFileSync(join(ROOT, 'exercises', `${id}.yaml`), 'utf8')) as ExerciseSpec]),
);
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const points = (id: string): number => sum(specs.get(id)!.parts.map((p) => p.points));
/** Free-text parts wait for a human: they score 0 and count as pending, not failed. */
const reviewPoints = (id: string): number =>
  sum(
    specs
      .get(id)!
      .parts.filter((p) => p.check.kind === 'free-text')
      .map((p) => p.points),
  );
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the whole catalog, graded from correct student submissions', () => {
  let dir = '';
  /** One `grade all` of the whole catalog, its two views of one report: the text on stdout, the JSON through --out. */
  let graded: CliResult;
  let report: Report;

  beforeAll(async () => {
    // One folder holding every exercise's <id>--correct/<id>.ts, as a student's solutions/ would after finishing the course.
    dir = mkdtempSync(join(tmpdir(), 'tfgrade-catalog-'));
    for (const id of ids) copyFileSync(join(FIXTURES, `${id}--correct`, `${id}.ts`), join(dir, `${id}.ts`));
    const out = join(mkdtempSync(join(tmpdir(), 'tfgrade-catalog-out-')), 'report.json');
    graded = await runCli(['all', '--submission', dir, '--out', out]);
    report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    rmSync(out, { force: true });
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has all 17 exercises, each with a correct fixture', () => {
    expect(ids).toHaveLength(17);
    const correct = readdirSync(FIXTURES)
      .filter((n) => n.endsWith('--correct'))
      .map((n) => n.replace(/--correct$/, ''))
      .sort();
    expect(correct).toEqual(ids);
  });

  it('grade all (JSON report): every part passes except free text (pending review), full marks minus the review points, exit 0', () => {
    expect(reportErrors(report)).toEqual([]);
    expect(report.exercises.map((e) => e.id).sort()).toEqual(ids);
    const notPassed = report.exercises.flatMap((e) =>
      e.parts
        .filter((p) => p.status !== (p.kind === 'free-text' ? 'needs-review' : 'passed'))
        .map((p) => `${e.id}.${p.id}: ${p.status}/${p.reason} ${p.message}`),
    );
    expect(notPassed).toEqual([]);
    for (const e of report.exercises) {
      // Parts and points come from the specs, not from the report, so a part the engine drops cannot go unnoticed.
      expect(
        e.parts.map((p) => p.id),
        e.id,
      ).toEqual(specs.get(e.id)!.parts.map((p) => p.id));
      expect(e.maxScore, e.id).toBe(points(e.id));
      expect(e.score, e.id).toBe(points(e.id) - reviewPoints(e.id));
      expect(e.status, e.id).toBe(reviewPoints(e.id) > 0 ? 'needs-review' : 'passed');
    }
    expect(reviewPoints('p2')).toBeGreaterThan(0);
    expect(report.maxScore).toBe(sum(ids.map(points)));
    expect(report.score).toBe(sum(ids.map(points)) - sum(ids.map(reviewPoints)));
    expect(graded.code).toBe(0);
  });

  it('grade all (text) ends with the per-exercise summary table listing all 17 exercises', () => {
    const r = graded;
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    const lastLine = (re: RegExp): number => {
      for (let i = lines.length - 1; i >= 0; i--) if (re.test(lines[i])) return i;
      return -1;
    };
    const rows = ids.map((id) => lastLine(new RegExp(`^${escapeRegExp(id)}\\s+\\d+(\\.\\d+)?/${points(id)}\\s`)));
    expect(
      rows.every((i) => i >= 0),
      `missing summary rows in:\n${lines.slice(-25).join('\n')}`,
    ).toBe(true);
    // One row per exercise, consecutive, in catalog order; after it only blank, warning or total lines (no part lines).
    expect(rows).toEqual(rows.map((_, k) => rows[0] + k));
    const after = lines.slice(rows[rows.length - 1] + 1);
    expect(after.length).toBeLessThanOrEqual(3);
    for (const l of after) expect(l).not.toMatch(/^\s+\S/);
    expect(after[after.length - 1]).toMatch(
      new RegExp(`\\b${sum(ids.map(points)) - sum(ids.map(reviewPoints))}/${sum(ids.map(points))}\\b`),
    );
  });

  it('list shows every exercise with its points and part count', async () => {
    const r = await runCli(['list']);
    expect(r.code).toBe(0);
    for (const id of ids) {
      const n = specs.get(id)!.parts.length;
      const line = r.stdout.split('\n').find((l) => l.startsWith(`${id} `));
      expect(line, `no list line for ${id}`).toBeDefined();
      expect(line).toMatch(new RegExp(`\\s${points(id)} pts?\\s+${n} parts?\\b`));
    }
  });

  /** Every export with its type, and every option id of choice parts, appear in a `show` text. */
  const expectDescribes = (id: string, text: string): void => {
    for (const p of specs.get(id)!.parts) {
      expect(text, `${id}.${p.id}`).toContain(`${p.id}: ${p.type}`);
      if (p.check.kind === 'choice' || p.check.kind === 'multi-choice') {
        for (const o of p.check.options) expect(text, `${id}.${p.id} option ${o.id}`).toContain(`'${o.id}'`);
      }
    }
  };

  it('show <id> through the bin: p2 (multi-choice, free text and code parts)', async () => {
    const r = await runCli(['show', 'p2']);
    expect(r.code).toBe(0);
    expectDescribes('p2', r.stdout);
  });

  it('show <id> for every exercise names every export with its type and spells out every option id', () => {
    // The show command itself, in-process: 17 more node start-ups would double this file's run time for the same code path.
    for (const id of ids) {
      let out = '';
      const io: Io = {
        root: ROOT,
        cwd: ROOT,
        env: {},
        stdout: { write: (t: string) => (out += t) },
        stderr: { write: () => true },
      };
      expect(showCommand({ id, json: false }, io), id).toBe(0);
      expectDescribes(id, out);
    }
  });
});
