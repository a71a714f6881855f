// Baseline for quiz-skip-shapes: value answers asserted by hand (no tensors, so no backend or reference needed).
import { beforeAll, describe, expect, it } from 'vitest';
import { student, type Mod } from './helpers.js';

let s: Mod;
beforeAll(async () => {
  s = await student('quiz-skip-shapes');
});

describe('quiz-skip-shapes', () => {
  it('answer', () => {
    expect(s.answer).toBe('same-shape');
  });

  it('whenShapesDiffer', () => {
    expect(s.whenShapesDiffer).toBe('projection-shortcut');
  });
});
