// Shared assertion for reference unit tests: every spec part is a reference export, and every call part has 2-6 cases
// (or up to `maxCases[part]`, where the curriculum asks for more).
import { expect } from 'vitest';
import type * as tfType from '@tensorflow/tfjs';
import type { CaseDef } from '../../grader/model/reference.js';

type Ref = Record<string, unknown> & { cases?: Record<string, (tf: typeof tfType) => CaseDef[]> };

/** Only id and mode are read, so each test's own narrow part type fits. */
export function expectReferenceCoversSpec(parts: { id: string; mode: string }[], ref: Ref, tf: typeof tfType, maxCases: Record<string, number> = {}): void {
  for (const p of parts) {
    expect(ref[p.id], p.id).toBeDefined();
    if (p.mode === 'call') {
      expect(typeof ref[p.id], p.id).toBe('function');
      const made = ref.cases?.[p.id]?.(tf) ?? [];
      expect(made.length, p.id).toBeGreaterThanOrEqual(2);
      expect(made.length, p.id).toBeLessThanOrEqual(maxCases[p.id] ?? 6);
    }
  }
  expect(Object.keys(ref.cases ?? {}).sort()).toEqual(parts.filter((p) => p.mode === 'call').map((p) => p.id).sort());
}
