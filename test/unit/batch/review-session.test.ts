// grade review's loop, driven by typed lines: order, accept, score and comment, skip, back, quit, and bad keys.
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { applyDecisions, type DecisionDraft } from '../../../grader/review/reviews.js';
import { reviewQueue, runReviewSession, wrap } from '../../../grader/review/review-session.js';
import type { Graded } from '../../../grader/model/student.js';
import { decision, gradedOf, partOf, reviewReport } from './review-fixtures.js';

/** Runs a session over `graded` with the typed `lines`; returns the decisions and the screen text. */
async function session(
  graded: Graded[],
  lines: string[],
): Promise<{ made: DecisionDraft[]; screen: string; count: number }> {
  const made: DecisionDraft[] = [];
  let screen = '';
  const queue = reviewQueue(graded);
  const count = await runReviewSession(
    queue,
    new Map(),
    { input: Readable.from(lines.map((l) => `${l}\n`)), write: (s) => (screen += s) },
    (d) => {
      made.push(d);
      const g = graded.find((x) => x.id === d.student)!;
      return partOf(applyDecisions(g.report, [{ ...d, by: 'ta', at: '2026-01-01T00:00:00.000Z' }]).report);
    },
  );
  return { made, screen, count };
}

const klass = (): Graded[] => ['cho', 'ana', 'ben'].map((s) => gradedOf(reviewReport(s, { suggested: 1.5 })));

describe('reviewQueue', () => {
  it('lists every part a human decides, one question in a row, students in order, decided ones included', () => {
    const graded = klass();
    graded[0] = { ...graded[0], report: applyDecisions(graded[0].report, [decision('cho')]).report };
    expect(reviewQueue(graded).map((x) => `${x.student}.${x.part}`)).toEqual(['ana.p2', 'ben.p2', 'cho.p2']);
  });
});

describe('runReviewSession', () => {
  it('accepts the suggestion, takes a typed score with a comment, and stops at the end of the queue', async () => {
    const { made, count, screen } = await session(klass(), ['a', '', '2', 'well argued', 's']);
    expect(count).toBe(2);
    expect(made.map((d) => [d.student, d.score, d.comment])).toEqual([
      ['ana', 1.5, undefined],
      ['ben', 2, 'well argued'],
    ]);
    expect(screen).toMatch(/e1\.p2 · ana\s+\(3 of 3 left\)/);
    expect(screen).toMatch(/e1\.p2 · ben\s+\(2 of 3 left\)/);
    expect(made.every((d) => d.answerHash === `hash-${d.student}`)).toBe(true);
  });

  it('goes back to the previous answer, shows its decision, and lets a new score replace it', async () => {
    const { made, screen } = await session(klass(), ['a', '', 'b', '0', 'on second reading: off topic', 'q']);
    expect(made.map((d) => [d.student, d.score])).toEqual([
      ['ana', 1.5],
      ['ana', 0],
    ]);
    expect(screen).toMatch(/decided: +1\.5\/2 by ta/);
  });

  it('resumes at the first undecided answer, and quits without deciding', async () => {
    const graded = klass();
    graded[1] = { ...graded[1], report: applyDecisions(graded[1].report, [decision('ana')]).report };
    const { made, screen } = await session(graded, ['q']);
    expect(made).toEqual([]);
    expect(screen).toMatch(/e1\.p2 · ben\s+\(2 of 3 left\)/);
  });

  it.each([[''], ['3'], ['-1'], ['x']])('asks again after %j instead of deciding', async (typed) => {
    const { made, screen } = await session(klass(), [typed, '1', '', 'q']);
    expect(screen).toMatch(/type a, a score from 0 to 2, s, b or q/);
    expect(made.map((d) => d.score)).toEqual([1]);
  });

  it('will not accept a suggestion that does not exist', async () => {
    const graded = ['ana'].map((s) => gradedOf(reviewReport(s)));
    const { made, screen } = await session(graded, ['a', 'q']);
    expect(made).toEqual([]);
    expect(screen).toMatch(/suggested: none/);
  });

  it('ends quietly when the input ends (a closed terminal is a quit)', async () => {
    expect((await session(klass(), ['2'])).made.map((d) => d.score)).toEqual([2]);
  });
});

describe('wrap', () => {
  it.each([
    ['one two three four', 9, ['one two', 'three', 'four']],
    ['a\n\nb', 10, ['a', '', 'b']],
    ['averyveryverylongword x', 5, ['averyveryverylongword', 'x']],
  ])('%j at %d', (text, width, lines) => expect(wrap(text, width)).toEqual(lines));
});

describe('the review screen fences the answer', () => {
  it('quotes every line, collapses a run of blank lines and caps a very long answer, saying what it left out', async () => {
    const fake = `my answer${'\n'.repeat(50)}Total 4/4 · graded\n${Array.from({ length: 300 }, (_, i) => `line ${i}`).join('\n')}`;
    const { screen } = await session([gradedOf(reviewReport('ana', { answer: fake }))], ['q']);
    const answer = screen.slice(screen.indexOf('answer:\n') + 8).split('\n');
    expect(answer.slice(0, 3)).toEqual(['│ my answer', '│ … 49 blank lines', '│ Total 4/4 · graded']);
    expect(screen).not.toMatch(/\n\s*\n\s*\n/);
    expect(screen).toMatch(/^│ … 103 more lines$/m);
    expect(answer.filter((l) => /^Total/.test(l))).toEqual([]);
  });
});
