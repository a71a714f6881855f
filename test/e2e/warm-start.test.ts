// A warm run (specs, reference bundles and sound hints cached) reports exactly what a cold one does, and never hides a problem.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const course = mkdtempSync(join(tmpdir(), 'tfgrade-warm-'));
const spec = join(course, 'exercises', 'he-init.yaml');
const original = readFileSync(join(ROOT, 'exercises', 'he-init.yaml'), 'utf8');
const run = (args: string[]) => runCli(args, { cwd: course, bin: join(course, 'bin', 'grade.js') });
/** The report without what differs from run to run (when, how long). */
const stable = (json: string): unknown =>
  JSON.parse(json, (k, v) => (k === 'createdAt' || k === 'durationMs' ? undefined : v));

beforeAll(() => {
  for (const d of ['bin', 'dist', 'exercises', 'reference'])
    cpSync(join(ROOT, d), join(course, d), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(course, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(course, 'node_modules'), 'dir');
});
afterAll(() => rmSync(course, { recursive: true, force: true }));

describe('warm start', () => {
  it('the second run of a spec text never seen before gives the same report as the first', async () => {
    // A fresh comment makes text no earlier run cached: the first run validates it, the second reads the cache.
    writeFileSync(spec, `${original}# warm-start ${Date.now()} ${Math.random()}\n`);
    const args = ['he-init', '-s', join(ROOT, 'test/fixtures/submissions/he-init--wrong-xavier-std'), '--json'];
    const cold = await run(args);
    const warm = await run(args);
    expect(cold.code).toBe(1);
    expect(warm.code).toBe(cold.code);
    expect(stable(warm.stdout)).toEqual(stable(cold.stdout));
    expect(warm.stderr).toBe(cold.stderr);
  });

  it('a spec made invalid after a warm run is reported on every run, exactly as without a cache', async () => {
    writeFileSync(spec, original);
    expect((await run(['he-init', '-s', join(ROOT, 'test/fixtures/submissions/he-init--correct')])).code).toBe(0);
    writeFileSync(spec, original.replace('kind: statistical', 'kind: statistic'));
    const first = await run(['he-init', '-s', join(ROOT, 'test/fixtures/submissions/he-init--correct')]);
    const again = await run(['he-init', '-s', join(ROOT, 'test/fixtures/submissions/he-init--correct')]);
    const fresh = await run(['he-init', '-s', join(ROOT, 'test/fixtures/submissions/he-init--correct'), '--no-cache']);
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('error[SPEC_INVALID]');
    expect(again).toEqual(first);
    expect(fresh).toEqual(first);
  });

  it('a hint that gives the right answer is a problem on every run, though sound hints are remembered', async () => {
    writeFileSync(spec, original);
    expect((await run(['he-init', '-s', join(ROOT, 'test/fixtures/submissions/he-init--correct')])).code).toBe(0);
    writeFileSync(spec, original.replace('- answer: 1/sqrt(128)', '- answer: sqrt(2/128)'));
    const first = await run(['he-init', '-s', join(ROOT, 'test/fixtures/submissions/he-init--correct')]);
    const again = await run(['he-init', '-s', join(ROOT, 'test/fixtures/submissions/he-init--correct')]);
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('error[REFERENCE_INVALID]');
    expect(first.stderr).toContain('is a right answer of this part');
    expect(again).toEqual(first);
  });

  it('an edited reference is bundled again: its new expected values are used on the next run', async () => {
    writeFileSync(spec, original);
    const sub = join(ROOT, 'test/fixtures/submissions/he-init--correct');
    expect((await run(['he-init', '-s', sub])).code).toBe(0);
    const ref = join(course, 'reference', 'he-init.ts');
    const text = readFileSync(ref, 'utf8');
    writeFileSync(join(course, 'reference', 'factor.ts'), 'export const FACTOR = 3;\n');
    writeFileSync(ref, `import { FACTOR } from './factor';\n${text.replace('Math.sqrt(2 /', 'Math.sqrt(FACTOR /')}`);
    const three = await run(['he-init', '-s', sub, '--json']);
    writeFileSync(join(course, 'reference', 'factor.ts'), 'export const FACTOR = 2;\n');
    const two = await run(['he-init', '-s', sub, '--json']);
    expect(three.code).toBe(1);
    expect(two.code).toBe(0);
    writeFileSync(ref, text);
  });
});
