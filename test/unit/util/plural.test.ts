// Counted nouns and verbs agree with their count: 1 is singular, every other number (0, 0.5, 2) plural.
import { describe, expect, it } from 'vitest';
import { agree, plural } from '../../../grader/util/plural.js';

describe('plural', () => {
  it.each([
    [0, 'point', undefined, '0 points'],
    [1, 'point', undefined, '1 point'],
    [0.5, 'point', undefined, '0.5 points'],
    [2, 'match', 'matches', '2 matches'],
    [1, 'match', 'matches', '1 match'],
  ])('plural(%s, %s, %s) = %s', (n, one, many, out) => {
    expect(plural(n, one, many)).toBe(out);
  });
});

describe('agree', () => {
  it.each([
    [1, 'point', undefined, 'point'],
    [2, 'point', undefined, 'points'],
    [0, 'is', 'are', 'are'],
    [1, 'is', 'are', 'is'],
    [1, 'awaits', 'await', 'awaits'],
    [3, 'awaits', 'await', 'await'],
    [1, 'has', 'have', 'has'],
    [1.5, 'has', 'have', 'have'],
  ])('agree(%s, %s, %s) = %s', (n, one, many, out) => {
    expect(agree(n, one, many)).toBe(out);
  });
});
