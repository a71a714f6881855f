// Similar code end to end with the real binary: a batch flags the planted copies and no independent solution, and after
// sharded runs and a merge, `grade similarity` finds the same pairs over the whole class.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Summary } from '../../grader/class-report/summary.js';
import { ROOT, runCli } from '../helpers/cli.js';

const base = mkdtempSync(join(tmpdir(), 'tfgrade-similarity-e2e-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

// Three independent correct solutions, the correct fixture, and two copies of it (renamed and reordered; commented).
const CLASS: Record<string, string> = {
  ana: 'similarity/p3--correct-ana',
  ben: 'similarity/p3--correct-ben',
  chen: 'similarity/p3--correct-chen',
  orig: 'submissions/p3--correct',
  renamed: 'similarity/p3--copy-renamed-reordered',
  commented: 'similarity/p3--copy-commented',
};
const summaryOf = (out: string) => JSON.parse(readFileSync(join(base, out, 'summary.json'), 'utf8')) as Summary;
const pairsOf = (s: Summary) =>
  s
    .similarity!.exercises.find((e) => e.exercise === 'p3')!
    .pairs.map((p) => `${p.a}~${p.b}`)
    .sort();

beforeAll(() => {
  for (const [s, from] of Object.entries(CLASS))
    cpSync(join(ROOT, 'test/fixtures', from, 'p3.ts'), join(base, 'class', s, 'p3.ts'));
});

describe('similar code across a class', () => {
  it('grade batch flags each pair of copies, with matching regions, and no independent solution', async () => {
    const r = await runCli(['batch', 'class', '--out', 'full', '-e', 'p3'], { cwd: base });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/3 pairs of students with similar code/);
    const s = summaryOf('full');
    expect(pairsOf(s)).toEqual(['commented~orig', 'commented~renamed', 'orig~renamed']);
    for (const p of s.similarity!.exercises[0].pairs) {
      expect(p.similarity).toBeGreaterThanOrEqual(0.9);
      expect(p.regions.length).toBeGreaterThan(0);
    }
    const html = readFileSync(join(base, 'full', 'summary.html'), 'utf8');
    expect(html).toMatch(/<section id="_similarity">/);
    expect(html).toMatch(/commented and orig: 100%/);
  }, 180_000);

  it('a shard does not compare; after the merge, grade similarity finds what the whole batch found', async () => {
    // The two shards are independent runs, as on two machines: side by side.
    const shards = await Promise.all(
      [1, 2].map((i) =>
        runCli(['batch', 'class', '--out', `shard-${i}`, '-e', 'p3', '--shard', `${i}/2`], { cwd: base }),
      ),
    );
    for (const [k, r] of shards.entries()) {
      const i = k + 1;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/run grade similarity class --out <merged folder>/);
      expect(summaryOf(`shard-${i}`).similarity).toBeUndefined();
    }
    expect((await runCli(['merge', 'shard-1', 'shard-2', '--out', 'merged'], { cwd: base })).code).toBe(0);
    const r = await runCli(['similarity', 'class', '--out', 'merged'], { cwd: base });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^p3: 6 submissions, 3 similar pairs/);
    expect(summaryOf('merged').similarity).toEqual(summaryOf('full').similarity);
    expect(readFileSync(join(base, 'merged', 'summary.html'), 'utf8')).toBe(
      readFileSync(join(base, 'full', 'summary.html'), 'utf8'),
    );
  }, 240_000);

  it("grade similarity refuses a folder that holds none of the batch's students", async () => {
    const r = await runCli(['similarity', 'full', '--out', 'full'], { cwd: base });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error\[USAGE\]/);
  });
});
