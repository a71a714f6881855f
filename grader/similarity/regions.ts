// Matching regions of a similar pair: shared fingerprints' token spans merged into line ranges of each original source.
import type { Token } from './tokens.js';
import type { Fingerprint } from './winnow.js';

/** 1-based inclusive lines of the original source, and those lines' text (capped). */
export interface Region {
  from: number;
  to: number;
  text: string;
}
export interface RegionPair {
  a: Region;
  b: Region;
}

/** What regions need of a document: its source, tokens and (starter-free) fingerprints. */
export interface RegionSource {
  text: string;
  tokens: readonly Token[];
  prints: readonly Fingerprint[];
}

/** A report shows the evidence, not whole files: a region's text stops here (its line range still says how far it goes). */
export const MAX_REGION_LINES = 40;
export const MAX_LINE_CHARS = 160;
/** More regions than this in one pair are not more convincing, only longer to read. */
export const MAX_REGIONS = 25;

interface Span {
  as: number;
  ae: number;
  bs: number;
  be: number;
}

/** Occurrences of each wanted hash in document order. */
function byHash(prints: readonly Fingerprint[], wanted: ReadonlySet<number>): Map<number, Fingerprint[]> {
  const m = new Map<number, Fingerprint[]>();
  for (const f of prints) {
    if (!wanted.has(f.hash)) continue;
    const list = m.get(f.hash);
    if (list) list.push(f);
    else m.set(f.hash, [f]);
  }
  return m;
}

/**
 * Pairs the i-th occurrence of a shared hash in A with its i-th occurrence in B (a repeated idiom matched in order,
 * not every copy with every copy), then merges spans that are near each other on BOTH sides: a copied function stays
 * one region even where the copier edited a token or two, while functions moved elsewhere become regions of their own.
 */
function mergedSpans(a: RegionSource, b: RegionSource, shared: ReadonlySet<number>, gap: number): Span[] {
  const inB = byHash(b.prints, shared);
  const seen = new Map<number, number>();
  const spans: Span[] = [];
  for (const f of a.prints) {
    if (!shared.has(f.hash)) continue;
    const nth = seen.get(f.hash) ?? 0;
    seen.set(f.hash, nth + 1);
    const g = inB.get(f.hash)?.[nth];
    if (g) spans.push({ as: f.start, ae: f.end, bs: g.start, be: g.end });
  }
  spans.sort((p, q) => p.as - q.as || p.bs - q.bs);
  const out: Span[] = [];
  for (const s of spans) {
    const r = out[out.length - 1];
    if (r && s.as <= r.ae + gap && s.bs <= r.be + gap && s.be >= r.bs - gap) {
      r.ae = Math.max(r.ae, s.ae);
      r.bs = Math.min(r.bs, s.bs);
      r.be = Math.max(r.be, s.be);
    } else out.push({ ...s });
  }
  return out;
}

/** Lines from..to of a source, each and all capped: what a side-by-side view shows. */
export function excerpt(lines: readonly string[], from: number, to: number): string {
  const last = Math.min(to, from + MAX_REGION_LINES - 1);
  const shown = lines
    .slice(from - 1, last)
    .map((l) => (l.length > MAX_LINE_CHARS ? `${l.slice(0, MAX_LINE_CHARS - 1)}…` : l));
  if (last < to) shown.push(`… (${to - last} more lines)`);
  return shown.join('\n');
}

const splitLines = (text: string): string[] => text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));

/** The matching regions of A and B, by A's first line; `shared` are the hashes that count (no starter, no idiom). */
export function matchingRegions(
  a: RegionSource,
  b: RegionSource,
  shared: ReadonlySet<number>,
  gap: number,
): RegionPair[] {
  const ranges = mergedSpans(a, b, shared, gap).map((s) => ({
    a: { from: a.tokens[s.as].line, to: a.tokens[s.ae].line },
    b: { from: b.tokens[s.bs].line, to: b.tokens[s.be].line },
  }));
  // Token spans that were apart can still land on the same lines: fold those.
  ranges.sort((p, q) => p.a.from - q.a.from || p.b.from - q.b.from || p.a.to - q.a.to || p.b.to - q.b.to);
  const folded: typeof ranges = [];
  for (const r of ranges) {
    const q = folded[folded.length - 1];
    if (q && r.a.from <= q.a.to && r.b.from <= q.b.to && r.b.to >= q.b.from) {
      q.a.to = Math.max(q.a.to, r.a.to);
      q.b.from = Math.min(q.b.from, r.b.from);
      q.b.to = Math.max(q.b.to, r.b.to);
    } else folded.push(r);
  }
  const la = splitLines(a.text);
  const lb = splitLines(b.text);
  const size = (r: (typeof ranges)[number]): number => r.a.to - r.a.from + r.b.to - r.b.from;
  const order = (p: (typeof ranges)[number], q: (typeof ranges)[number]): number =>
    p.a.from - q.a.from || p.b.from - q.b.from;
  // Too many: the largest ones, still shown in A's order.
  const kept =
    folded.length <= MAX_REGIONS
      ? folded
      : [...folded]
          .sort((p, q) => size(q) - size(p) || order(p, q))
          .slice(0, MAX_REGIONS)
          .sort(order);
  return kept.map((r) => ({
    a: { ...r.a, text: excerpt(la, r.a.from, r.a.to) },
    b: { ...r.b, text: excerpt(lb, r.b.from, r.b.to) },
  }));
}
