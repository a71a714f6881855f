// Every fixture submission, graded through the real bin, ends with exactly the part statuses in its expected.json and
// shows exactly the feedback its "$feedback" lists (a diagnosis code, an author's hint, or "hidden": a part failing only
// on hidden cases): every failed part has some.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../grader/model/report.js';
import { ROOT, gradeJson, outcomes } from '../helpers/cli.js';
import { isHiddenLabel } from '../../grader/engine/hidden-cases.js';

const DIR = join(ROOT, 'test', 'fixtures', 'submissions');
const fixtures = readdirSync(DIR)
  .filter((n) => existsSync(join(DIR, n, 'expected.json')))
  .sort();

type Expected = Record<string, Record<string, string>> & { $feedback?: Record<string, string> };

/**
 * "exercise.part" -> what its failing cases say beyond the numbers: "hint", a diagnosis code, or both ("code+hint");
 * "hidden" for a part that fails only on hidden cases, which carry no values, hints or diagnoses: its message says so.
 */
function feedbackOf(report: Report): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of report.exercises) {
    for (const p of e.parts) {
      const failing = (p.cases ?? []).filter((c) => !c.passed);
      const codes = [...new Set(failing.flatMap((c) => (c.diagnosis ? [c.diagnosis.code] : [])))];
      const hint = failing.some((c) => c.hint);
      const onlyHidden = failing.length > 0 && failing.every((c) => isHiddenLabel(c.label));
      if (codes.length || hint) out[`${e.id}.${p.id}`] = [...codes, ...(hint ? ['hint'] : [])].join('+');
      else if (onlyHidden) out[`${e.id}.${p.id}`] = 'hidden';
    }
  }
  return out;
}

describe.concurrent('fixture submissions', () => {
  it('are named <exercise>--<outcome>', () => {
    for (const n of fixtures) expect(n).toMatch(/^[a-z0-9-]+--[a-z0-9-]+$/);
    expect(fixtures.length).toBeGreaterThan(10);
  });

  it.each(fixtures)('%s', async (name) => {
    const { $feedback = {}, ...expected } = JSON.parse(
      readFileSync(join(DIR, name, 'expected.json'), 'utf8'),
    ) as Expected;
    // args.json: extra CLI flags a fixture needs (hang fixtures use a short --timeout so the suite stays fast).
    const argsFile = join(DIR, name, 'args.json');
    const extra = existsSync(argsFile) ? (JSON.parse(readFileSync(argsFile, 'utf8')) as string[]) : [];
    const { code, report } = await gradeJson([...Object.keys(expected), '--submission', join(DIR, name), ...extra]);
    expect(outcomes(report, expected)).toEqual(expected);
    expect(feedbackOf(report)).toEqual($feedback);
    // Every visible part that fails teaches something beyond the numbers (hidden parts say nothing by design).
    const silent = report.exercises.flatMap((e) =>
      e.parts
        .filter((p) => p.visibility === 'visible' && ['failed', 'partial'].includes(p.status))
        .map((p) => `${e.id}.${p.id}`),
    );
    expect(silent.filter((p) => !$feedback[p])).toEqual([]);
    // needs-review is pending, not failed: the grader exits 0 when nothing failed.
    const allPassed = Object.values(expected).every((parts) =>
      Object.values(parts).every((s) => s === 'passed' || s.startsWith('needs-review')),
    );
    expect(code).toBe(allPassed ? 0 : 1);
  });
});
