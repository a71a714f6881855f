// The student's loop through the real bin: type errors reported with file:line:col before the parts run (and graded
// anyway), an error thrown deep inside tfjs located in the student's file, and -v showing every case.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../grader/model/report.js';
import { ROOT, runCli } from '../helpers/cli.js';

const FIX = join(ROOT, 'test', 'fixtures', 'submissions');
/** Each fixture graded once: the text on stdout, the JSON report through -o. */
async function grade(fixture: string, ...flags: string[]): Promise<{ text: string; report: Report }> {
  const out = join(mkdtempSync(join(tmpdir(), 'tfgrade-loop-')), 'report.json');
  const r = await runCli(['p3', '--submission', join(FIX, fixture), '-o', out, ...flags]);
  return { text: r.stdout, report: JSON.parse(readFileSync(out, 'utf8')) as Report };
}
/** Two cores shared by several test runs: a grade with its type-check can take a minute. */
const SLOW = { timeout: 240_000 };

describe.concurrent('student loop', () => {
  it("reports type errors at the student's lines and still grades the parts (typeErrors: warn)", SLOW, async () => {
    // Without --typecheck (seconds of CPU), the same file is graded without it: both runs at once.
    const [{ text, report }, plain] = await Promise.all([
      grade('p3--correct-with-type-errors', '--typecheck'),
      grade('p3--correct-with-type-errors'),
    ]);
    const ex = report.exercises[0];
    expect(ex.parts.every((p) => p.status === 'passed')).toBe(true);
    expect(ex.typeErrors?.map((d) => [d.file, d.line, d.col, d.code, d.part])).toEqual([
      ['p3.ts', 20, 9, 2322, 'gradientNorms'],
      ['p3.ts', 46, 14, 2322, 'vanishes'],
    ]);
    expect(text).toContain('type error p3.ts:20:9 TS2322');
    expect(plain.report.exercises[0].typeErrors).toBeUndefined();
    expect(plain.report.exercises[0].parts.every((p) => p.status === 'passed')).toBe(true);
  });

  it("locates a tfjs broadcast error in the student's file, in JSON and text", SLOW, async () => {
    const { text, report } = await grade('p3--error-tfjs-broadcast');
    const part = report.exercises[0].parts.find((p) => p.id === 'residualJacobian')!;
    expect(part.reason).toBe('threw');
    expect(part.message).toMatch(/could not be broadcast.*\(at p3\.ts:6:\d+\)/);
    expect(text).toMatch(/\(at p3\.ts:6:\d+\)/);
  });

  it('-v shows every case, passing ones too', SLOW, async () => {
    const r = await runCli(['p3', '--submission', join(FIX, 'p3--wrong-plain-gain'), '-v']);
    expect(r.stdout).not.toContain('more failing cases');
    expect(r.stdout).toContain('case ✓');
    expect(r.stdout).toMatch(/case ✗ hidden case 3/);
  });
});
