// Shared assertion for reference unit tests: every spec part is a reference export, and every call part has 2-6 cases
// (or up to `maxCases[part]`, where the curriculum asks for more) and 2-3 hidden cases, none of them a public one.
import { expect } from 'vitest';
import type * as tfType from '@tensorflow/tfjs';
import type { CaseDef } from '../../grader/model/reference.js';

type Ref = Record<string, unknown> & {
  cases?: Record<string, (tf: typeof tfType) => CaseDef[]>;
  hiddenCases?: Record<string, (tf: typeof tfType) => CaseDef[]>;
};

/** A call part's public and hidden cases, for reference tests that check a property of every case the course grades. */
export function allCases(ref: Ref, part: string, tf: typeof tfType): CaseDef[] {
  return [...(ref.cases?.[part]?.(tf) ?? []), ...(ref.hiddenCases?.[part]?.(tf) ?? [])];
}

/** Only id and mode are read, so each test's own narrow part type fits. */
export function expectReferenceCoversSpec(
  parts: { id: string; mode: string }[],
  ref: Ref,
  tf: typeof tfType,
  maxCases: Record<string, number> = {},
): void {
  for (const p of parts) {
    expect(ref[p.id], p.id).toBeDefined();
    if (p.mode === 'call') {
      expect(typeof ref[p.id], p.id).toBe('function');
      const made = ref.cases?.[p.id]?.(tf) ?? [];
      expect(made.length, p.id).toBeGreaterThanOrEqual(2);
      expect(made.length, p.id).toBeLessThanOrEqual(maxCases[p.id] ?? 6);
      const hidden = ref.hiddenCases?.[p.id]?.(tf) ?? [];
      expect(hidden.length, `hidden ${p.id}`).toBeGreaterThanOrEqual(2);
      expect(hidden.length, `hidden ${p.id}`).toBeLessThanOrEqual(3);
      // A hidden case is new: its label and its inputs differ from every public case's.
      for (const h of hidden) {
        expect(
          made.map((c) => c.label),
          h.label,
        ).not.toContain(h.label);
        for (const c of made) expect(sameArgs(h.args, c.args), `${h.label} repeats ${c.label}`).toBe(false);
      }
    }
  }
  const callParts = parts
    .filter((p) => p.mode === 'call')
    .map((p) => p.id)
    .sort();
  expect(Object.keys(ref.cases ?? {}).sort()).toEqual(callParts);
  expect(Object.keys(ref.hiddenCases ?? {}).sort()).toEqual(callParts);
}

/** Same inputs: numbers, arrays and tensors (by shape and values) compared deeply. */
function sameArgs(a: unknown, b: unknown): boolean {
  const plain = (x: unknown): unknown => {
    const t = x as { dataSync?: () => ArrayLike<number>; shape?: number[] };
    if (t && typeof t === 'object' && typeof t.dataSync === 'function')
      return { shape: t.shape, data: Array.from(t.dataSync()) };
    return Array.isArray(x) ? x.map(plain) : x;
  };
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}
