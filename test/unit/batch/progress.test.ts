// Batch progress: whole plain lines for logs, a cli-progress bar with counts, rate and ETA on a terminal.
import { describe, expect, it } from 'vitest';
import { startProgress } from '../../../grader/batch/progress.js';
import { fakeReport } from './helpers.js';

describe('progress', () => {
  it('prints one line per student when stderr is not a terminal', () => {
    let text = '';
    const p = startProgress({ write: (s: string) => (text += s) }, 2);
    p.graded('alice', fakeReport('alice', { e: ['passed', 'passed'] }));
    p.graded('bob', fakeReport('bob', { e: ['passed', 'failed'] }));
    p.stop();
    expect(text).toBe('graded 1/2 alice (2/2)\ngraded 2/2 bob (1/2)\n');
  });

  it('draws a bar with counts, rate and ETA on a terminal', () => {
    let text = '';
    let t = 0;
    const tty = {
      isTTY: true,
      columns: 120,
      write: (s: string) => ((text += s), true),
      on: () => tty,
      removeListener: () => tty,
    };
    const p = startProgress(tty, 3, () => t);
    t = 30_000;
    p.graded('alice', fakeReport('alice', { e: ['passed'] }));
    t = 60_000;
    p.graded('bob', fakeReport('bob', { e: ['passed'] }));
    p.stop();
    expect(text).toMatch(/grading .* 2\/3 \| 2\.0\/min \| ETA \d+s \| bob/);
    expect(text).not.toMatch(/^graded /m);
  });
});
