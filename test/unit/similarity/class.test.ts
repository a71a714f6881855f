// A class of 300: only pairs that share a fingerprint are scored, idioms everyone writes are ignored, copies still show.
import { describe, expect, it } from 'vitest';
import { compareExercise, compareSubmissions } from '../../../grader/similarity/index.js';
import { sharedCounts } from '../../../grader/similarity/pairs.js';
import { tokenize } from '../../../grader/similarity/tokens.js';
import { fingerprints } from '../../../grader/similarity/winnow.js';
import { disguise, randomProgram, rng, type Source } from './helpers.js';

const STUDENTS = 300;
const ALL_PAIRS = (STUDENTS * (STUDENTS - 1)) / 2; // 44,850

/** 300 students, each their own random program with the class idiom, five of them handing in a disguised copy of another's. */
function generatedClass(seed: number): { sources: Source[]; planted: [string, string][] } {
  const next = rng(seed);
  // Everyone's correct solution ends with the same idiom; it must not make everyone similar.
  const idiom =
    '\nexport function tidyMean(t: tf.Tensor): number {\n  return tf.tidy(() => tf.mean(tf.abs(t)).dataSync()[0] * 2 + tf.sum(t).dataSync()[0]);\n}\n';
  const id = (i: number): string => `s${String(i).padStart(3, '0')}`;
  const sources = Array.from({ length: STUDENTS }, (_, i) => ({ student: id(i), text: randomProgram(next) + idiom }));
  const planted: [string, string][] = [];
  for (let c = 0; c < 5; c++) {
    const from = 10 + c * 37;
    const to = 200 + c * 11;
    sources[to] = { student: id(to), text: disguise(sources[from].text, `c${c}`) };
    planted.push([id(from), id(to)]);
  }
  return { sources, planted };
}

describe('a generated class of 300 students', () => {
  const { sources, planted } = generatedClass(2024);
  const r = compareExercise('gen', sources, "import * as tf from '@tensorflow/tfjs';\n");

  it('flags exactly the planted copies', () => {
    expect(r.pairs.map((p) => [p.a, p.b])).toEqual(expect.arrayContaining(planted));
    expect(r.pairs).toHaveLength(planted.length);
    for (const p of r.pairs) expect(p.similarity).toBeGreaterThan(0.9);
  });

  it('scores exactly the pairs that share an indexed fingerprint, not all 44,850', () => {
    // The oracle, by brute force over every pair: the test may loop over all pairs, the module must not.
    const sets = sources.map((s) => new Set(fingerprints(tokenize(s.text)).map((f) => f.hash)));
    const df = new Map<number, number>();
    for (const set of sets) for (const h of set) df.set(h, (df.get(h) ?? 0) + 1);
    const indexed = (h: number): boolean => (df.get(h) ?? 0) <= Math.max(4, Math.floor(0.1 * STUDENTS));
    let sharing = 0;
    for (let i = 0; i < STUDENTS; i++) {
      for (let j = i + 1; j < STUDENTS; j++) if ([...sets[i]].some((h) => indexed(h) && sets[j].has(h))) sharing++;
    }
    expect(r.candidatePairs).toBe(sharing);
    expect(r.candidatePairs).toBeLessThan(ALL_PAIRS);
  });

  it('without the idiom filter the shared idiom alone would make every pair a candidate', () => {
    const all = compareExercise('gen', sources, "import * as tf from '@tensorflow/tfjs';\n", { maxShare: 1 });
    expect(all.candidatePairs).toBe(ALL_PAIRS);
    // ...yet the idiom is too small a share of each file to flag anyone else.
    expect(all.pairs).toHaveLength(planted.length);
  });

  it('is deterministic', () => {
    const again = compareSubmissions([
      {
        exercise: 'gen',
        sources: [...generatedClass(2024).sources].reverse(),
        starter: "import * as tf from '@tensorflow/tfjs';\n",
      },
    ]);
    expect(JSON.stringify(again.exercises[0])).toBe(JSON.stringify(r));
  });
});

describe('sharedCounts (the inverted index)', () => {
  it('counts per pair from the postings and touches no pair that shares nothing', () => {
    const docs = [[1, 2, 3], [3, 4], [5], [2, 3, 5, 9], [7, 7, 8]];
    const { pairs, common, increments } = sharedCounts(docs, 10);
    expect(pairs).toEqual([
      { i: 0, j: 1, shared: 1 },
      { i: 0, j: 3, shared: 2 },
      { i: 1, j: 3, shared: 1 },
      { i: 2, j: 3, shared: 1 },
    ]);
    expect(common.size).toBe(0);
    // Hash 3 is held by 3 documents (3 pairs), 2 and 5 by 2 each (1 pair each): 5 increments, not 10 pairs.
    expect(increments).toBe(5);
  });

  it('sets aside hashes held by more than maxDocs documents', () => {
    const docs = Array.from({ length: 50 }, (_, d) => [42, 1000 + d, ...(d < 2 ? [7] : [])]);
    const { pairs, common, increments } = sharedCounts(docs, 5);
    expect([...common]).toEqual([42]);
    expect(pairs).toEqual([{ i: 0, j: 1, shared: 1 }]);
    expect(increments).toBe(1);
  });
});
