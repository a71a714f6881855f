// report/fence.ts: student text quoted, blank runs collapsed and long text capped wherever a view shows it.
import { describe, expect, it } from 'vitest';
import { fenceLines, fencedMessage, messageLines } from '../../../grader/report/fence.js';

describe('fenceLines', () => {
  it.each([
    ['one line', 'boom', {}, ['│ boom']],
    ['every line quoted', 'a\nb', {}, ['│ a', '│ b']],
    ['CRLF and CR line ends', 'a\r\nb\rc', {}, ['│ a', '│ b', '│ c']],
    ['one blank line kept, as a bare fence', 'a\n\nb', {}, ['│ a', '│', '│ b']],
    ['two blank lines become one', 'a\n\n\nb', {}, ['│ a', '│', '│ b']],
    ['whitespace-only lines count as blank', 'a\n  \n\t\n \nb', {}, ['│ a', '│ … 3 blank lines', '│ b']],
    [
      'a long blank run becomes one marker',
      `a${'\n'.repeat(51)}Total 4/4`,
      {},
      ['│ a', '│ … 50 blank lines', '│ Total 4/4'],
    ],
    [
      'a long leading blank run is kept as its marker',
      `${'\n'.repeat(50)}Total 4/4`,
      {},
      ['│ … 50 blank lines', '│ Total 4/4'],
    ],
    ['a short leading run and trailing blanks are dropped', '\nx\n\n\n\n', {}, ['│ x']],
    ['trailing spaces trimmed', 'x   ', {}, ['│ x']],
    ['capped, saying how many lines are left out', 'a\nb\nc\nd', { maxLines: 2 }, ['│ a', '│ b', '│ … 2 more lines']],
    ['a long line cut, saying how much', 'abcdef', { maxLineChars: 3 }, ['│ abc… (3 more characters)']],
    ['another prefix', 'a\n\nb', { prefix: '> ' }, ['> a', '>', '> b']],
    ['empty text', '', {}, []],
  ])('%s', (_label, text, options, want) => {
    expect(fenceLines(text, options)).toEqual(want);
  });

  it('caps after collapsing: 50 blank lines cost one line of the budget', () => {
    expect(fenceLines(`x${'\n'.repeat(60)}y\nz`, { maxLines: 3 })).toEqual([
      '│ x',
      '│ … 59 blank lines',
      '│ y',
      '│ … 1 more line',
    ]);
  });
});

describe('messageLines / fencedMessage', () => {
  it.each([
    ['a one-line message is untouched', 'heStd threw: boom', 'heStd threw: boom', []],
    ['the first line stays, the rest is fenced', 'threw: Error: a\nb', 'threw: Error: a', ['│ b']],
    [
      'a fake block after 50 newlines is fenced behind one marker',
      `threw: Error: ${'\n'.repeat(50)}Total 4/4 · 3 of 3 parts passed`,
      'threw: Error:',
      ['│ … 49 blank lines', '│ Total 4/4 · 3 of 3 parts passed'],
    ],
  ])('%s', (_label, text, head, rest) => {
    expect(messageLines(text)).toEqual({ head, rest });
  });

  it('indents the fenced lines under the head', () => {
    expect(fencedMessage('x\ny\n\n\n\nTotal 4/4', '  ')).toBe('x\n  │ y\n  │ … 3 blank lines\n  │ Total 4/4');
    expect(fencedMessage('plain', '  ')).toBe('plain');
  });
});
