// k-gram hashes of a normalized token stream and their winnowed fingerprints (Schleimer, Wilkerson, Aiken 2003).
import type { Token } from './tokens.js';

/**
 * k = 12 tokens is about half a statement once names are one class (`const I = I . matMul ( I , I` is 8): shorter
 * k-grams are idioms every solution shares, longer ones miss a copy that was edited every other line. w = 6 keeps
 * about 2/(w+1) ≈ 29% of the k-grams and guarantees that any common run of w + k - 1 = 17 tokens (about one line of
 * tensor code) is found; exercise files are 20-200 lines, so a larger w would leave too few fingerprints to score.
 */
export const DEFAULT_K = 12;
export const DEFAULT_W = 6;

/** A selected k-gram: its hash and the tokens it covers, `start`..`end` inclusive (indices into the token array). */
export interface Fingerprint {
  hash: number;
  start: number;
  end: number;
}

/** FNV-1a of a token kind: a 32-bit number per kind, the alphabet of the rolling hash. */
export function hashKind(kind: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < kind.length; i++) h = Math.imul(h ^ kind.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The kind hashes of a token stream; `cache` (one per exercise, say) spares hashing the same few hundred kinds again. */
export function hashKinds(tokens: readonly Token[], cache: Map<string, number> = new Map()): number[] {
  return tokens.map((t) => {
    let h = cache.get(t.kind);
    if (h === undefined) cache.set(t.kind, (h = hashKind(t.kind)));
    return h;
  });
}

/** murmur3's finalizer: a bijection that spreads the rolling hash's bits, so "the minimum of a window" is unbiased. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const BASE = 0x01000193;

/** The hash of every k-gram of `kinds`, by a Karp-Rabin rolling hash mod 2^32; empty when there are fewer than k. */
export function kgramHashes(kinds: readonly number[], k: number): number[] {
  if (k < 1 || kinds.length < k) return [];
  let top = 1; // BASE^(k-1): the weight of the token that leaves the window
  for (let j = 1; j < k; j++) top = Math.imul(top, BASE);
  let h = 0;
  for (let j = 0; j < k; j++) h = (Math.imul(h, BASE) + kinds[j]) | 0;
  const out = [mix(h)];
  for (let i = k; i < kinds.length; i++) {
    h = (Math.imul(h - Math.imul(kinds[i - k], top), BASE) + kinds[i]) | 0;
    out.push(mix(h));
  }
  return out;
}

/**
 * Robust winnowing: in every window of w consecutive hashes select the minimum (the rightmost one on a tie), and
 * record each selected position once. Two documents that share a run of w hashes select the same value in it, which
 * is the guarantee. A document with fewer than w hashes keeps its minimum, so a short file still has a fingerprint.
 */
export function winnowPositions(hashes: readonly number[], w: number): number[] {
  const n = hashes.length;
  if (n === 0) return [];
  const width = Math.max(1, Math.min(w, n));
  const out: number[] = [];
  for (let s = 0; s + width <= n; s++) {
    let m = s;
    for (let j = s + 1; j < s + width; j++) if (hashes[j] <= hashes[m]) m = j;
    if (out[out.length - 1] !== m) out.push(m);
  }
  return out;
}

/** The fingerprints of a token stream, in document order. */
export function fingerprints(tokens: readonly Token[], k: number = DEFAULT_K, w: number = DEFAULT_W): Fingerprint[] {
  const hashes = kgramHashes(hashKinds(tokens), k);
  return winnowPositions(hashes, w).map((p) => ({ hash: hashes[p], start: p, end: p + k - 1 }));
}
