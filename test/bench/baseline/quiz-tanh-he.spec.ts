// Baseline for quiz-tanh-he: value answers asserted by hand (no tensors, so no backend or reference needed).
import { beforeAll, describe, expect, it } from 'vitest';
import { student, type Mod } from './helpers.js';

let s: Mod;
beforeAll(async () => {
  s = await student('quiz-tanh-he');
});

describe('quiz-tanh-he', () => {
  it('cause', () => {
    expect(s.cause).toBe('variance-too-large');
  });

  it('fix', () => {
    expect(s.fix).toBe('xavier');
  });
});
