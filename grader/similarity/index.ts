// Similarity of submissions to the same exercise (Moss-like): winnowed fingerprints, starter subtracted, idioms ignored.
import { tokenize, type Token } from './tokens.js';
import { roundTo } from '../util/numbers.js';
import { DEFAULT_K, DEFAULT_W, hashKinds, kgramHashes, winnowPositions, type Fingerprint } from './winnow.js';
import { sharedCounts } from './pairs.js';
import { matchingRegions, type Region } from './regions.js';

export type { Region } from './regions.js';

export interface SimilarityOptions {
  /** k-gram length in tokens (default 12): matches shorter than k are never seen. */
  k?: number;
  /** Winnowing window (default 6): any match of w + k - 1 tokens or more is always seen. */
  w?: number;
  /** Pairs at or above this similarity are reported (default 0.5). */
  threshold?: number;
  /** A fingerprint held by more than this fraction of the compared students (and by more than 4) is ignored (default 0.1). */
  maxShare?: number;
  /** A submission with fewer tokens of its own beyond the starter is not compared (default 40). */
  minTokens?: number;
}

export interface SimilarPair {
  /** Student ids, a < b. */
  a: string;
  b: string;
  /** shared / min(fingerprints.a, fingerprints.b) (the smaller at least minTokens' worth), 4 decimals. */
  similarity: number;
  /** Distinct fingerprints both hold, starter and class-wide idioms excluded. */
  shared: number;
  /** Each side's distinctive fingerprints: distinct, neither in the starter nor class-wide idioms. */
  fingerprints: { a: number; b: number };
  regions: { a: Region; b: Region }[];
}

export interface ExerciseSimilarity {
  exercise: string;
  students: number;
  /** Students with too little code of their own (beyond the starter) to be compared, sorted. */
  tooShort: string[];
  /** Pairs that shared at least one indexed fingerprint: the only pairs scored (not n(n-1)/2). */
  candidatePairs: number;
  pairs: SimilarPair[];
}

export interface SimilarityReport {
  method: string;
  k: number;
  w: number;
  threshold: number;
  maxShare: number;
  minTokens: number;
  exercises: ExerciseSimilarity[];
}

export const METHOD =
  'winnowed k-gram fingerprints of normalized tokens (Schleimer, Wilkerson & Aiken 2003), starter code subtracted';
/**
 * threshold 0.5: on the repo's solutions (test/unit/similarity/compare.test.ts) disguised copies score 0.94-1 and
 * independent correct solutions at most 0.36 (he-init, whose answers are one-liners everyone writes alike; 0.26 for
 * longer code), so half keeps a margin on both sides; a copy also rewritten in half its lines is where it stops. maxShare 0.1: in a class of 300, a run of code 31 students hand in is
 * the course's idiom (or a leak no pair can explain); Moss's default is a fixed 10. minTokens 40: about three lines of
 * tensor code, the least that a 12-token k-gram can say anything about (he-init's whole answer is ~50).
 */
export const DEFAULTS: Required<SimilarityOptions> = {
  k: DEFAULT_K,
  w: DEFAULT_W,
  threshold: 0.5,
  maxShare: 0.1,
  minTokens: 40,
};
/** Up to this many holders a fingerprint is never "common": in a class of 20, a ring of four copiers still shows. */
const MIN_COMMON = 4;

function resolve(opts: SimilarityOptions = {}): Required<SimilarityOptions> {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) };
  const whole = (v: number): boolean => Number.isInteger(v) && v >= 1;
  if (!whole(o.k) || !whole(o.w))
    throw new RangeError(`similarity: k and w must be whole numbers >= 1 (got k ${o.k}, w ${o.w})`);
  if (!(o.threshold >= 0 && o.threshold <= 1))
    throw new RangeError(`similarity: threshold must be in [0, 1] (got ${o.threshold})`);
  if (!(o.maxShare > 0 && o.maxShare <= 1))
    throw new RangeError(`similarity: maxShare must be in (0, 1] (got ${o.maxShare})`);
  if (!(o.minTokens >= 0)) throw new RangeError(`similarity: minTokens must be >= 0 (got ${o.minTokens})`);
  return o;
}

interface Doc {
  student: string;
  text: string;
  tokens: Token[];
  prints: Fingerprint[];
  distinct: number[];
  own: number;
}

/** A submission's fingerprints with every k-gram of the starter removed, and how many tokens no starter k-gram covers. */
function analyse(
  student: string,
  text: string,
  starter: ReadonlySet<number>,
  k: number,
  w: number,
  kinds: Map<string, number>,
): Doc {
  const tokens = tokenize(text);
  const hashes = kgramHashes(hashKinds(tokens, kinds), k);
  const covered = new Uint8Array(tokens.length);
  for (let p = 0; p < hashes.length; p++) if (starter.has(hashes[p])) covered.fill(1, p, p + k);
  let own = 0;
  for (let t = 0; t < covered.length; t++) own += 1 - covered[t];
  // Winnow first, subtract after: the positions chosen then do not depend on the starter, only which ones are dropped.
  const prints = winnowPositions(hashes, w)
    .filter((p) => !starter.has(hashes[p]))
    .map((p) => ({ hash: hashes[p], start: p, end: p + k - 1 }));
  const distinct = [...new Set(prints.map((f) => f.hash))].sort((x, y) => x - y);
  return { student, text, tokens, prints, distinct, own };
}

/**
 * The pairs of one exercise whose similarity reaches the threshold. Similarity is shared / min(|A|, |B|) over
 * distinctive fingerprints (neither starter code nor an idiom of the class): the share of the smaller submission
 * found in the other, so a copy padded with code of its own still scores high, where Jaccard would dilute it.
 * Class-wide idioms are left out of both sides, like the starter: they are code nobody can be said to have copied.
 */
export function compareExercise(
  exercise: string,
  sources: { student: string; text: string }[],
  starter: string | undefined,
  opts?: SimilarityOptions,
): ExerciseSimilarity {
  const o = resolve(opts);
  const ids = new Set<string>();
  for (const { student } of sources) {
    if (ids.has(student))
      throw new Error(`similarity: student ${JSON.stringify(student)} appears twice in ${exercise}`);
    ids.add(student);
  }
  const kinds = new Map<string, number>();
  const starterHashes = new Set(starter === undefined ? [] : kgramHashes(hashKinds(tokenize(starter), kinds), o.k));
  const sorted = [...sources].sort((x, y) => (x.student < y.student ? -1 : x.student > y.student ? 1 : 0));
  const all = sorted.map((s) => analyse(s.student, s.text, starterHashes, o.k, o.w, kinds));
  const comparable = (d: Doc): boolean => d.own >= o.minTokens && d.distinct.length > 0;
  const docs = all.filter(comparable);
  const tooShort = all.filter((d) => !comparable(d)).map((d) => d.student);
  const maxDocs = Math.max(MIN_COMMON, Math.floor(o.maxShare * docs.length));
  const counts = sharedCounts(
    docs.map((d) => d.distinct),
    maxDocs,
  );
  const size = docs.map((d) => d.distinct.filter((h) => !counts.common.has(h)).length);
  // The smaller side counts as at least minTokens tokens' worth of fingerprints (winnowing keeps about 2/(w+1) of
  // the k-grams): a submission left with a handful of fingerprints once idioms go cannot reach 100% by sharing three.
  const floor = Math.ceil((2 * o.minTokens) / (o.w + 1));
  const pairs: SimilarPair[] = [];
  for (const { i, j, shared } of counts.pairs) {
    const A = docs[i];
    const B = docs[j];
    const similarity = shared / Math.max(floor, Math.min(size[i], size[j]));
    if (similarity < o.threshold) continue;
    const inB = new Set(B.distinct);
    const both = new Set(A.distinct.filter((h) => inB.has(h) && !counts.common.has(h)));
    pairs.push({
      a: A.student,
      b: B.student,
      similarity: roundTo(similarity, 4),
      shared,
      fingerprints: { a: size[i], b: size[j] },
      regions: matchingRegions(A, B, both, o.k),
    });
  }
  pairs.sort(
    (p, q) =>
      q.similarity - p.similarity ||
      q.shared - p.shared ||
      (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0),
  );
  return { exercise, students: sources.length, tooShort, candidatePairs: counts.pairs.length, pairs };
}

/** Every exercise of a batch, in the order given; the report carries the settings its numbers depend on. */
export function compareSubmissions(
  exercises: { exercise: string; sources: { student: string; text: string }[]; starter?: string }[],
  opts?: SimilarityOptions,
): SimilarityReport {
  const o = resolve(opts);
  return {
    method: METHOD,
    k: o.k,
    w: o.w,
    threshold: o.threshold,
    maxShare: o.maxShare,
    minTokens: o.minTokens,
    exercises: exercises.map((e) => compareExercise(e.exercise, e.sources, e.starter, o)),
  };
}
