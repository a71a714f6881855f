// Unit tests for the batchnorm reference: curriculum numbers, case sanity, fixtures caught by the tolerances, spec validity.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { Ajv } from 'ajv';
import * as tf from '@tensorflow/tfjs';
import { ExerciseSpec } from '../../../grader/spec/model.js';
import * as ref from '../../../reference/batchnorm.js';
import * as unbiased from '../../fixtures/submissions/batchnorm--wrong-unbiased-variance/batchnorm.js';
import * as overFeatures from '../../fixtures/submissions/batchnorm--wrong-normalizes-over-features/batchnorm.js';
import { allCases, expectReferenceCoversSpec } from '../../helpers/reference-spec.js';

const spec = YAML.parse(readFileSync(new URL('../../../exercises/batchnorm.yaml', import.meta.url), 'utf8'));
const tolOf = (id: string) =>
  spec.parts.find((p: { id: string }) => p.id === id).check as unknown as { rtol: number; atol: number };

/** Worst |a - e| - (atol + rtol |e|) over all entries: > 0 means the check fails. */
function excess(a: ArrayLike<number>, e: ArrayLike<number>, rtol: number, atol: number): number {
  let worst = -Infinity;
  for (let i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(a[i] - e[i]) - (atol + rtol * Math.abs(e[i])));
  return worst;
}

type BN = (z: tf.Tensor2D, g: tf.Tensor1D, b: tf.Tensor1D, eps: number) => tf.Tensor2D;
const run = (f: BN, args: unknown[]) => {
  const out = f(...(args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, number]));
  const data = out.dataSync();
  out.dispose();
  return { data, shape: out.shape };
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('batchnorm reference', () => {
  it('reproduces the worked {2, 2, 6, 6} numbers', () => {
    const batch = [2, 2, 6, 6];
    const mean = batch.reduce((s, v) => s + v, 0) / batch.length;
    const variance = batch.reduce((s, v) => s + (v - mean) ** 2, 0) / batch.length;
    expect(mean).toBe(4);
    expect(variance).toBe(4);
    expect(ref.batchMean).toBe(4);
    expect(ref.batchVar).toBe(4);
    expect(ref.zHat).toBe((5 - mean) / Math.sqrt(variance));
    expect(ref.zHat).toBe(0.5);
  });

  it('batchNorm maps the worked column (a hidden case: its ẑ gives the quiz away) to ẑ = [-1, -1, 1, 1] and keeps shape', () => {
    expect(ref.cases!.batchNorm(tf).some((c) => /2, 2, 6, 6/.test(c.label))).toBe(false);
    const worked = ref.hiddenCases!.batchNorm(tf).find((c) => /2, 2, 6, 6/.test(c.label))!;
    const { data, shape } = run(ref.batchNorm, worked.args);
    expect(shape).toEqual([4, 2]);
    // gamma 2 and beta 1 on that column: 2·ẑ + 1.
    expect(Array.from(data).filter((_, i) => i % 2 === 0)).toEqual([-1, -1, 3, 3]);
  });

  it('batchNorm matches a float64 computation on every case', () => {
    for (const c of allCases(ref as never, 'batchNorm', tf)) {
      const [z, g, b, eps] = c.args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, number];
      const rows = z.arraySync();
      const gamma = g.arraySync();
      const beta = b.arraySync();
      const m = rows.length;
      const want: number[] = [];
      const cols = rows[0].map((_, j) => rows.map((r) => r[j]));
      const stats = cols.map((col) => {
        const mu = col.reduce((s, v) => s + v, 0) / m;
        return { mu, v: col.reduce((s, v) => s + (v - mu) ** 2, 0) / m };
      });
      rows.forEach((r) =>
        r.forEach((v, j) => want.push((gamma[j] * (v - stats[j].mu)) / Math.sqrt(stats[j].v + eps) + beta[j])),
      );
      const { data, shape } = run(ref.batchNorm, c.args);
      expect(shape, c.label).toEqual(z.shape);
      const { rtol, atol } = tolOf('batchNorm');
      // At least 10x inside the tolerance, so a different backend's rounding cannot flip the verdict.
      expect(excess(data, want, rtol / 10, atol / 10), c.label).toBeLessThanOrEqual(0);
    }
  });

  it('does not dispose or change its arguments', () => {
    const [c] = ref.cases!.batchNorm(tf);
    const before = (c.args[0] as tf.Tensor2D).arraySync();
    run(ref.batchNorm, c.args);
    for (const a of c.args.slice(0, 3)) expect((a as tf.Tensor).isDisposed).toBe(false);
    expect((c.args[0] as tf.Tensor2D).arraySync()).toEqual(before);
  });

  it('eps = 1e-3 really matters on the cases that use it', () => {
    const { rtol, atol } = tolOf('batchNorm');
    for (const c of allCases(ref as never, 'batchNorm', tf).filter((c) => c.args[3] === 1e-3)) {
      const withEps = run(ref.batchNorm, c.args).data;
      const withoutEps = run(ref.batchNorm, [...c.args.slice(0, 3), 0]).data;
      // Without eps the constant feature is 0/0 = NaN; otherwise the outputs move beyond the tolerance.
      const moved = Array.from(withoutEps).some(
        (v, i) => !Number.isFinite(v) || Math.abs(v - withEps[i]) > atol + rtol * Math.abs(withEps[i]),
      );
      expect(moved, c.label).toBe(true);
    }
  });
});

describe('batchnorm fixtures differ beyond the tolerance', () => {
  it('unbiased variance: batchVar, zHat and batchNorm', () => {
    expect(unbiased.batchMean).toBe(ref.batchMean);
    expect(Math.abs(unbiased.batchVar - ref.batchVar)).toBeGreaterThan(1e-9 + 1e-6 * 4);
    expect(unbiased.zHat).toBeCloseTo(0.433, 3);
    expect(Math.abs(unbiased.zHat - ref.zHat)).toBeGreaterThan(1e-9 + 1e-6 * 0.5);
    const { rtol, atol } = tolOf('batchNorm');
    for (const c of allCases(ref as never, 'batchNorm', tf)) {
      const want = run(ref.batchNorm, c.args).data;
      const got = run(unbiased.batchNorm, c.args).data;
      // Every case (not just one) fails, so the part fails whatever the engine's case aggregation.
      expect(excess(got, want, rtol, atol), c.label).toBeGreaterThan(0);
    }
  });

  it('normalizing over features: batchNorm', () => {
    expect([overFeatures.batchMean, overFeatures.batchVar, overFeatures.zHat]).toEqual([
      ref.batchMean,
      ref.batchVar,
      ref.zHat,
    ]);
    const { rtol, atol } = tolOf('batchNorm');
    for (const c of allCases(ref as never, 'batchNorm', tf)) {
      const want = run(ref.batchNorm, c.args).data;
      const got = run(overFeatures.batchNorm, c.args);
      expect(got.shape).toEqual(c.args[0] instanceof tf.Tensor ? (c.args[0] as tf.Tensor).shape : []);
      expect(Array.from(got.data).every(Number.isFinite), c.label).toBe(true);
      expect(excess(got.data, want, rtol, atol), c.label).toBeGreaterThan(0);
    }
  });
});

describe('batchnorm spec', () => {
  it('validates against the ExerciseSpec schema', () => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(ExerciseSpec);
    expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
  });

  it('every part is a reference export and every call part has cases', () => {
    expectReferenceCoversSpec(spec.parts as { id: string; mode: string }[], ref as never, tf);
  });
});
