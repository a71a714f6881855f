// The instructor's reference, graded as a submission, scores full marks on every exercise; the starter scores nothing.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, gradeJson, runCli } from '../helpers/cli.js';

const ids = readdirSync(join(ROOT, 'exercises'))
  .filter((n) => n.endsWith('.yaml'))
  .map((n) => n.replace(/\.yaml$/, ''))
  .sort();
const FREE_TEXT = new Set(['free-text']);

// Concurrent: three independent runs of the bin, on different submissions.
describe.concurrent('reference and starter', () => {
  it('every reference scores full marks on its own exercise', async () => {
    const { code, report } = await gradeJson(['all', '--submission', join(ROOT, 'reference')]);
    const notPassed = report.exercises.flatMap((e) =>
      e.parts
        .filter((p) => p.status !== 'passed' && !FREE_TEXT.has(p.kind))
        .map((p) => `${e.id}.${p.id}: ${p.status} ${p.message}`),
    );
    expect(notPassed).toEqual([]);
    // Free-text parts wait for a human: pending, not failed, so the exit code is still 0.
    const reviewParts = report.exercises.flatMap((e) => e.parts.filter((p) => FREE_TEXT.has(p.kind)));
    for (const p of reviewParts) expect(p.status).toBe('needs-review');
    expect(code).toBe(0);
    expect(report.exercises.map((e) => e.id).sort()).toEqual(ids);
  });

  it('the starter solutions compile, run and fail every part with "not implemented yet"', async () => {
    const { code, report } = await gradeJson(ids);
    expect(code).toBe(1);
    for (const e of report.exercises) {
      for (const p of e.parts)
        expect(`${e.id}.${p.id} ${p.status}/${p.reason}`).toBe(`${e.id}.${p.id} failed/not-implemented`);
    }
  });

  it('npx grade he-init prints a readable report and exits 1', async () => {
    const r = await runCli(['he-init']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('he-init — He initialization');
    expect(r.stdout).toMatch(/heStd\s+0\/1\s+not implemented yet/);
    expect(r.stdout).toContain('Total 0/4');
    expect(r.stdout).not.toMatch(/\u001b\[/); // NO_COLOR is set by the helper
  });
});
