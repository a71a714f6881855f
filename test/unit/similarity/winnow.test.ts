// Winnowing: the rolling hash agrees with hashing each k-gram afresh, windows are covered, and the w + k - 1 guarantee holds.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_K,
  DEFAULT_W,
  fingerprints,
  hashKind,
  kgramHashes,
  winnowPositions,
} from '../../../grader/similarity/winnow.js';
import { tokenize } from '../../../grader/similarity/tokens.js';

/** Each k-gram hashed on its own (the first-window sum, no rolling update): the oracle. */
const direct = (xs: number[], k: number): number[] =>
  xs.slice(0, Math.max(0, xs.length - k + 1)).map((_, i) => kgramHashes(xs.slice(i, i + k), k)[0]);

describe('kgramHashes', () => {
  it.each([
    [[], 3, 0],
    [[1, 2], 3, 0],
    [[1, 2, 3], 3, 1],
    [[1, 2, 3, 4, 5], 2, 4],
  ])('%j with k %i gives %i hashes', (xs, k, n) => {
    expect(kgramHashes(xs, k)).toHaveLength(n);
  });

  it('the rolling update equals hashing every k-gram from scratch (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 15 }),
        (xs, k) => {
          expect(kgramHashes(xs, k)).toEqual(direct(xs, k));
        },
      ),
    );
  });

  it('hashKind gives different kinds different hashes (for the kinds the tokenizer makes)', () => {
    const kinds = [
      ...new Set(tokenize('if (a) { return b.matMul(c) + 1 * "s" } else while (x >= y) z ??= w?.q').map((t) => t.kind)),
    ];
    expect(new Set(kinds.map(hashKind)).size).toBe(kinds.length);
  });
});

describe('winnowPositions', () => {
  it('selects one position in every window of w, each once and in order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 80 }),
        fc.integer({ min: 1, max: 10 }),
        (hs, w) => {
          const picked = winnowPositions(hs, w);
          for (let i = 1; i < picked.length; i++) expect(picked[i]).toBeGreaterThan(picked[i - 1]);
          for (let s = 0; s + w <= hs.length; s++) {
            const min = Math.min(...hs.slice(s, s + w));
            expect(picked.some((p) => p >= s && p < s + w && hs[p] === min)).toBe(true);
          }
        },
      ),
    );
  });

  it('a document shorter than one window keeps its minimum', () => {
    expect(winnowPositions([5, 3, 9], 6)).toEqual([1]);
    expect(winnowPositions([], 6)).toEqual([]);
  });

  it('picks the rightmost minimum on a tie (robust winnowing: fewer fingerprints on repetitive code)', () => {
    expect(winnowPositions([1, 1, 1, 1, 1, 1], 3)).toEqual([2, 3, 4, 5]);
  });
});

describe('the guarantee: a common run of w + k - 1 tokens always shares a fingerprint', () => {
  const kindsOf = (xs: number[]): string[] => xs.map((x) => `t${x}`);
  const toks = (ks: string[]) => ks.map((kind, i) => ({ kind, line: i + 1, offset: i }));

  it.each([
    [DEFAULT_K, DEFAULT_W],
    [5, 4],
    [1, 1],
    [3, 10],
  ])('k %i, w %i (property)', (k, w) => {
    const t = w + k - 1;
    // Small alphabets make ties and repeats frequent: the cases where a careless winnower loses matches.
    const seq = (min: number, max: number) =>
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: min, maxLength: max });
    fc.assert(
      fc.property(seq(t, t + 10), seq(0, 40), seq(0, 40), seq(0, 40), seq(0, 40), (common, a1, a2, b1, b2) => {
        const A = fingerprints(toks(kindsOf([...a1, ...common, ...a2])), k, w);
        const B = fingerprints(toks(kindsOf([...b1, ...common, ...b2])), k, w);
        const inB = new Set(B.map((f) => f.hash));
        // Some fingerprint of A inside the common run is also one of B's.
        const inside = A.filter((f) => f.start >= a1.length && f.end < a1.length + common.length);
        expect(inside.some((f) => inB.has(f.hash))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('spans are the k tokens of the k-gram', () => {
    const fp = fingerprints(toks(kindsOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])), 4, 3);
    for (const f of fp) expect(f.end - f.start).toBe(3);
    expect(fp.at(-1)!.end).toBeLessThanOrEqual(9);
  });
});
