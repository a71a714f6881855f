// The inverted index of one exercise: fingerprint hash -> documents, and the shared-fingerprint count of every pair that shares one.

/** Documents i < j (indices into the input) and how many distinct indexed fingerprints they share. */
export interface PairCount {
  i: number;
  j: number;
  shared: number;
}

export interface SharedCounts {
  /** Every pair with at least one shared fingerprint, by (i, j); no other pair is ever looked at. */
  pairs: PairCount[];
  /** Hashes held by more than maxDocs documents: idioms the whole class writes, evidence of nothing. */
  common: Set<number>;
  /** Pair increments done: the work, sum over indexed hashes of C(holders, 2), at most maxDocs/2 per posting. */
  increments: number;
}

/**
 * Counts shared fingerprints pair by pair from the postings, so the work grows with what documents actually share
 * rather than with the n(n-1)/2 pairs of a class (44,850 for 300 students). `docs[d]` is document d's set of
 * fingerprint hashes. A hash held by more than `maxDocs` documents is set aside as common: it
 * would add a pair for every two of its holders and tell nothing about who copied from whom.
 */
export function sharedCounts(docs: readonly (readonly number[])[], maxDocs: number): SharedCounts {
  const postings = new Map<number, number[]>();
  docs.forEach((hashes, d) => {
    for (const h of hashes) {
      const list = postings.get(h);
      if (list) {
        if (list[list.length - 1] !== d) list.push(d); // a hash twice in one document counts once
      } else postings.set(h, [d]);
    }
  });
  const n = docs.length;
  // A flat n×n counter for a class (300 students: 90,000 cells) is several times faster than a Map; the pairs are
  // read back from the list of cells touched, never by scanning the table. Past 2,048 documents, a Map.
  const table = n * n <= 1 << 22 ? new Uint32Array(n * n) : undefined;
  const map = new Map<number, number>();
  const touched: number[] = [];
  const common = new Set<number>();
  let increments = 0;
  for (const [h, holders] of postings) {
    if (holders.length < 2) continue;
    if (holders.length > maxDocs) {
      common.add(h);
      continue;
    }
    // holders is in document order (filled by ascending d), so i < j below.
    for (let x = 0; x < holders.length; x++) {
      for (let y = x + 1; y < holders.length; y++) {
        const key = holders[x] * n + holders[y];
        const before = table ? table[key]++ : (map.get(key) ?? 0);
        if (!table) map.set(key, before + 1);
        if (before === 0) touched.push(key);
        increments++;
      }
    }
  }
  const pairs = touched
    .sort((p, q) => p - q)
    .map((key) => ({ i: Math.floor(key / n), j: key % n, shared: table ? table[key] : map.get(key)! }));
  return { pairs, common, increments };
}
