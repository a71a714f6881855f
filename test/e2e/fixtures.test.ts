// Every fixture submission, graded through the real bin, ends with exactly the part statuses in its expected.json.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, gradeJson, outcomes } from '../helpers/cli.js';

const DIR = join(ROOT, 'test', 'fixtures', 'submissions');
const fixtures = readdirSync(DIR).filter((n) => existsSync(join(DIR, n, 'expected.json'))).sort();

describe.concurrent('fixture submissions', () => {
  it('are named <exercise>--<outcome>', () => {
    for (const n of fixtures) expect(n).toMatch(/^[a-z0-9-]+--[a-z0-9-]+$/);
    expect(fixtures.length).toBeGreaterThan(10);
  });

  it.each(fixtures)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(join(DIR, name, 'expected.json'), 'utf8')) as Record<string, Record<string, string>>;
    // args.json: extra CLI flags a fixture needs (hang fixtures use a short --timeout so the suite stays fast).
    const argsFile = join(DIR, name, 'args.json');
    const extra = existsSync(argsFile) ? (JSON.parse(readFileSync(argsFile, 'utf8')) as string[]) : [];
    const { code, report } = await gradeJson([...Object.keys(expected), '--submission', join(DIR, name), ...extra]);
    expect(outcomes(report, expected)).toEqual(expected);
    // needs-review is pending, not failed: the grader exits 0 when nothing failed.
    const allPassed = Object.values(expected).every((parts) => Object.values(parts).every((s) => s === 'passed' || s.startsWith('needs-review')));
    expect(code).toBe(allPassed ? 0 : 1);
  });
});
