// Hostile for the TA and the student reading a report: a thrown message of 50 newlines and a fake "Total 4/4" block
// must stay fenced (quoted, blank run collapsed) in the text report and in Gradescope's results, through the real bin.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { gradescopeErrors } from '../unit/report/schemas.js';

const FIXTURE = join(ROOT, 'test', 'hostile-ta', 'fixtures', 'he-init--throws-fake-total');
const args = ['he-init', '--submission', FIXTURE, '--backend', 'cpu'];

/** Lines that carry the fake block's words: every one must sit behind the fence mark. */
const fakeLines = (text: string): string[] =>
  text.split('\n').filter((l) => /Total 4\/4|all 6 cases pass|He initialization {10,}4\/4/.test(l));

describe.concurrent('a thrown message with 50 newlines and a fake passing summary', () => {
  it('is fenced in the text report, and the real total is the only line that reads as one', async () => {
    const r = await runCli(args);
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => /^\s*Total /.test(l))).toEqual([
      expect.stringMatching(/^Total 3\/4 · 2 of 3 parts passed/),
    ]);
    expect(fakeLines(r.stdout)).toHaveLength(3);
    for (const l of fakeLines(r.stdout)) expect(l).toMatch(/^ {6}│ /);
    // The 49 blank lines left after the message's first line are one visible marker, not a screen of nothing.
    expect(r.stdout).toContain('      │ … 49 blank lines');
    expect(r.stdout).not.toMatch(/\n\s*\n\s*\n/);
  });

  it("is fenced in Gradescope's results, whose total is the real one", async () => {
    const r = await runCli([...args, '--format', 'gradescope']);
    expect(r.code, r.stderr).toBe(1);
    const results = JSON.parse(r.stdout) as {
      score: number;
      output: string;
      output_format: string;
      tests: { name: string; output: string; output_format: string; score?: number }[];
    };
    expect(gradescopeErrors(results)).toEqual([]);
    expect(results.score).toBe(3);
    // Shown as plain text, never as HTML a student's message could shape.
    expect([results.output_format, ...results.tests.map((t) => t.output_format)].every((f) => f === 'text')).toBe(true);
    const heStd = results.tests.find((t) => t.name === 'he-init · heStd')!;
    expect(heStd.score).toBe(0);
    const [head, ...rest] = heStd.output.split('\n');
    expect(head).toMatch(/^heStd on heStd\(1\) threw:$/);
    expect(rest.length).toBeGreaterThan(0);
    for (const l of rest) expect(l).toMatch(/^ {2}│( |$)/);
    expect(fakeLines(heStd.output)).toHaveLength(3);
    expect(heStd.output).not.toMatch(/\n\s*\n/);
    expect(results.output).not.toContain('4/4');
  });
});
