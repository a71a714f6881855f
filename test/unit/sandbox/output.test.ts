// Student output: capped for the whole session and stripped of terminal control sequences.
import { describe, expect, it } from 'vitest';
import { OutputBuffer, stripControl } from '../../../grader/sandbox/output.js';

describe('student output', () => {
  it.each([
    ['\u001b[2J\u001b[Hfake', 'fake'],
    ['\u001b]0;title\u0007text', 'text'],
    ['a\u0008b\rc\td\ne', 'abc\td\ne'],
    ['\u001b[32m✓ passed\u001b[0m', '✓ passed'],
    ['plain', 'plain'],
  ])('strips control codes from %j', (raw, clean) => {
    expect(stripControl(raw)).toBe(clean);
  });

  it('keeps the first bytes, counts the rest, and still sees a crash at the end', () => {
    const b = new OutputBuffer(10);
    b.add(Buffer.from('0123456789abcdef'));
    b.add(Buffer.from('FATAL ERROR: heap out of memory'));
    expect(b.take()).toMatch(/^0123456789\n\[… 37 more bytes of output dropped\]$/);
    expect(b.peekTail()).toContain('heap out of memory');
    expect(b.take()).toBe('');
  });
});
