// The terminal view: why the backend was chosen only when a native one was passed over, a diagnosis and a hint said once
// under the failing cases, and exercise warnings shown.
import { describe, expect, it } from 'vitest';
import { renderText } from '../../../grader/report/text.js';
import { palette } from '../../../grader/report/palette.js';
import type { Report } from '../../../grader/model/report.js';
import { sampleReport } from './sample-report.js';
import { applyDecisions } from '../../../grader/review/reviews.js';

const plain = palette(false);

describe('text report', () => {
  it.each<[string, Partial<Report['backend']>, boolean]>([
    [
      'no native backend installed',
      { requested: 'auto', reason: 'auto: wasm (no native backend is installed)' },
      false,
    ],
    [
      'a native backend passed over',
      {
        requested: 'auto',
        reason: 'auto: wasm (@tensorflow/tfjs-node is installed, but wasm grades these exercises faster on CPU)',
      },
      true,
    ],
    [
      'a broken native install',
      {
        requested: 'auto',
        reason:
          'auto: wasm (@tensorflow/tfjs-node is installed but cannot work: its binding is built but deps/lib/libtensorflow.so is missing)',
      },
      true,
    ],
    ['asked for', { name: 'cpu', requested: 'cpu', reason: 'asked for with --backend cpu' }, false],
  ])('%s: says why the backend runs = %s', (_name, backend, says) => {
    const r = sampleReport();
    const text = renderText({ ...r, backend: { ...r.backend, ...backend } }, plain);
    expect(text.includes(`backend: ${backend.reason}`)).toBe(says);
  });

  it('says a diagnosis and a hint once under the failing cases, and shows exercise warnings', () => {
    const r = sampleReport();
    const ex = r.exercises[0];
    const part = ex.parts.find((p) => p.status === 'failed' && p.cases && p.visibility === 'visible')!;
    const diagnosis = { code: 'transposed' as const, message: 'your matrix is the transpose of the expected one' };
    part.cases = [0, 1].map((i) => ({
      label: `case ${i}`,
      passed: false,
      actual: '1',
      diagnosis,
      hint: 'rows follow outputs',
    }));
    ex.warnings = ['after he-init.ts loaded, code it left running threw: boom'];
    const text = renderText(r, plain);
    expect(text.split('looks like your matrix is the transpose').length - 1).toBe(1);
    expect(text.split('hint rows follow outputs').length - 1).toBe(1);
    expect(text).toContain('warning after he-init.ts loaded');
  });

  it("shows a TA's decision in place of the pending suggestion", () => {
    const decided = {
      student: 'ada',
      exercise: 'he-init',
      part: 'essay',
      kind: 'review' as const,
      score: 1,
      comment: 'half the argument',
      by: 'ta1',
      at: '2026-11-30T12:00:00.000Z',
    };
    const before = renderText(sampleReport(), plain);
    const after = renderText(applyDecisions(sampleReport(), [decided]).report, plain);
    expect(before).toMatch(/suggested 1\.5\/2 pending review/);
    expect(after).not.toMatch(/pending review/);
    expect(after).toMatch(
      /◐ essay +1\/2 .*\n +Reviewed by ta1 on 2026-11-30: 1\/2 \(automatic 0\/2, needs-review\)\. half the argument/,
    );
  });

  it('fences student text: a multi-line message, value and console output sit behind │, blank runs collapsed, long output capped', () => {
    const r = sampleReport();
    const ex = r.exercises[0];
    const crash = ex.parts.find((p) => p.id === 'crash')!;
    crash.message = `crash(1) threw: Error: ${'\n'.repeat(50)}Total 11/11 · 8 of 8 parts passed`;
    ex.parts.find((p) => p.id === 'wrong')!.cases![0].actual = 'line one\nTotal 11/11';
    ex.output = Array.from({ length: 30 }, (_, i) => `epoch ${i}`).join('\n');
    const lines = renderText(r, plain).split('\n');
    expect(lines.filter((l) => /^\s*Total /.test(l))).toEqual([expect.stringMatching(/^Total 3\.5\/11 /)]);
    expect(lines.filter((l) => l.includes('Total 11/11'))).toEqual([
      '          │ Total 11/11',
      '      │ Total 11/11 · 8 of 8 parts passed',
    ]);
    expect(lines).toContain('      │ … 49 blank lines');
    expect(lines).toContain('  │ … 10 more lines');
    expect(lines.join('\n')).not.toMatch(/\n\s*\n\s*\n/);
  });
});
