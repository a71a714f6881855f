// Unit tests for the p6 reference: leaky-ReLU variance numbers, leakyVariances vs float64, fixtures caught, spec validity.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { Ajv } from 'ajv';
import { evaluate } from 'mathjs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { ExerciseSpec } from '../../../grader/spec/model.js';
import * as ref from '../../../reference/p6.js';
import * as p4 from '../../../reference/p4.js';
import * as ignoresAlpha from '../../fixtures/submissions/p6--wrong-he-variance-ignores-alpha/p6.js';
import * as dead from '../../fixtures/submissions/p6--wrong-dead-units/p6.js';
import * as keptHalf from '../../fixtures/submissions/p6--wrong-kept-half/p6.js';
import { allCases, expectReferenceCoversSpec } from '../../helpers/reference-spec.js';

type Part = { id: string; type: string; mode: string; check: Record<string, unknown> & { kind: string } };
const spec = YAML.parse(readFileSync(new URL('../../../exercises/p6.yaml', import.meta.url), 'utf8'));
const part = (id: string) => (spec.parts as Part[]).find((p) => p.id === id)!;
const tolOf = (id: string) => part(id).check as unknown as { rtol: number; atol: number; log10?: boolean };

function excess(a: ArrayLike<number>, e: ArrayLike<number>, rtol: number, atol: number): number {
  let worst = -Infinity;
  for (let i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(a[i] - e[i]) - (atol + rtol * Math.abs(e[i])));
  return worst;
}
const excessLog10 = (a: ArrayLike<number>, e: ArrayLike<number>, rtol: number, atol: number) =>
  excess(
    Array.from(a, (v) => Math.log10(Math.abs(v))),
    Array.from(e, (v) => Math.log10(Math.abs(v))),
    rtol,
    atol,
  );

/** Deterministic sample points like the expression check's: n_in log-uniform integer in [1, 4096], alpha uniform in [0, 1]. */
function samples(count: number): { n_in: number; alpha: number }[] {
  let s = 4242;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => ({ n_in: Math.round(Math.exp(rand() * Math.log(4096))), alpha: rand() }));
}
const heTrue = (v: { n_in: number; alpha: number }) => 2 / ((1 + v.alpha ** 2) * v.n_in);

type Args = [tf.Tensor2D, tf.Tensor2D[], number];
const argsOf = (c: { args: unknown[] }) => c.args as Args;

/** float64 population variance of the post- and pre-activation of every layer, with any activation. */
function layerStats(x: tf.Tensor2D, weights: tf.Tensor2D[], act: (z: tf.Tensor2D) => tf.Tensor2D) {
  const variance = (t: tf.Tensor) => {
    const d = t.dataSync();
    let s = 0;
    let s2 = 0;
    for (const v of d) {
      s += v;
      s2 += v * v;
    }
    const m = s / d.length;
    return s2 / d.length - m * m;
  };
  return tf.tidy(() => {
    let h: tf.Tensor = x;
    return weights.map((w) => {
      const z = tf.matMul(h, w);
      h = act(z as tf.Tensor2D);
      return { post: variance(h), pre: variance(z) };
    });
  });
}

beforeAll(async () => {
  // wasm, the backend graded on: these nets (depth 30-50, width 128, batch 256) take ~10x longer on cpu.
  await tf.setBackend('wasm');
});

describe('p6 reference: the curriculum numbers', () => {
  it('varianceKept: 0.5, 0.50005, 0.52, 1 at alpha 0, 0.01, 0.2, 1', () => {
    expect(ref.varianceKept(0)).toBe(0.5);
    expect(ref.varianceKept(0.01)).toBeCloseTo(0.50005, 12);
    expect(ref.varianceKept(0.2)).toBeCloseTo(0.52, 12);
    expect(ref.varianceKept(1)).toBe(1);
    expect(ref.cases!.varianceKept(tf).map((c) => c.args[0])).toEqual([0, 0.01, 0.2, 1]);
  });

  it('varianceKept agrees with a Monte Carlo E[f(z)^2] / E[z^2]', () => {
    const z = tf.randomNormal([200_000], 0, 1, 'float32', 17);
    for (const alpha of [0.01, 0.2, 0.7]) {
      const ratio = tf.tidy(() => tf.leakyRelu(z, alpha).square().mean().div(z.square().mean()).dataSync()[0]);
      expect(Math.abs(ratio / ref.varianceKept(alpha) - 1), `alpha ${alpha}`).toBeLessThan(0.01);
    }
    z.dispose();
  });

  it('heVariance is 2/((1 + alpha^2) n_in), exactly the inverse of n_in times varianceKept', () => {
    for (const v of samples(200)) {
      const got = Number(evaluate(ref.heVariance, v));
      expect(got / heTrue(v)).toBeCloseTo(1, 12);
      expect(got * v.n_in * ref.varianceKept(v.alpha)).toBeCloseTo(1, 12);
    }
  });

  it('forward change is negligible, the negative-side gradient is 0.01, no unit dies', () => {
    expect(ref.forwardChange).toBe('negligible');
    // With He weights the leaky net keeps (1 + alpha^2)x the ReLU net's mean square per layer: 1.0001^50 ≈ 1.005.
    expect((1 + 0.01 ** 2) ** 50).toBeCloseTo(1.005, 3);
    expect(ref.negativeSlopeGradient).toBe(0.01);
    const g = tf.grad((z: tf.Tensor) => tf.leakyRelu(z, 0.01).sum())(tf.tensor1d([-3, -0.5, 2]));
    expect(Array.from(g.dataSync())).toEqual([Math.fround(0.01), Math.fround(0.01), 1]);
    expect(ref.deadUnits).toBe(false);
  });
});

describe('p6 reference: leakyVariances', () => {
  it('returns one population variance per layer, 10x inside the tolerance of a float64 computation', () => {
    const { rtol, atol } = tolOf('leakyVariances');
    for (const c of allCases(ref as never, 'leakyVariances', tf)) {
      const [x, ws, alpha] = argsOf(c);
      const got = ref.leakyVariances(x, ws, alpha);
      expect(got.length, c.label).toBe(ws.length);
      const want = layerStats(x, ws, (z) => tf.leakyRelu(z, alpha)).map((s) => s.post);
      expect(excessLog10(got, want, rtol / 10, atol / 10), c.label).toBeLessThanOrEqual(0);
    }
  });

  it("at alpha 0 it is p4's activationVariances", () => {
    const c = ref.cases!.leakyVariances(tf).find((c) => c.args[2] === 0)!;
    const [x, ws] = argsOf(c);
    expect(ref.leakyVariances(x, ws, 0)).toEqual(p4.activationVariances(x, ws));
  });

  it('the alpha 0.2 Xavier case decays over many decades (why log10 is used)', () => {
    const c = ref.cases!.leakyVariances(tf).find((c) => c.args[2] === 0.2 && /Xavier/.test(c.label))!;
    const v = ref.leakyVariances(...argsOf(c));
    expect(v[v.length - 1]).toBeLessThan(1e-8);
    expect(v[0]).toBeGreaterThan(0.1);
  });

  it('does not dispose or change its arguments', () => {
    const c = ref.cases!.leakyVariances(tf).find((c) => c.args[2] === 0)!;
    const [x, ws, alpha] = argsOf(c);
    const before = x.arraySync();
    ref.leakyVariances(x, ws, alpha);
    expect(x.isDisposed).toBe(false);
    expect(ws.every((w) => !w.isDisposed)).toBe(true);
    expect(x.arraySync()).toEqual(before);
  });

  it('plain ReLU is caught at alpha 0.2 and 1, the pre-activation variance wherever alpha < 1', () => {
    const { rtol, atol } = tolOf('leakyVariances');
    for (const c of allCases(ref as never, 'leakyVariances', tf)) {
      const [x, ws, alpha] = argsOf(c);
      const expected = ref.leakyVariances(x, ws, alpha);
      const relu = layerStats(x, ws, (z) => tf.relu(z)).map((s) => s.post);
      const pre = layerStats(x, ws, (z) => tf.leakyRelu(z, alpha)).map((s) => s.pre);
      // Bounds quoted in the spec's `why`: ReLU 0.6+ decades at alpha 0.2 and 1, pre-activation 0.4+ for alpha < 1.
      if (alpha >= 0.2) expect(excessLog10(relu, expected, rtol, atol), `${c.label}: relu`).toBeGreaterThan(0.55);
      if (alpha < 1) expect(excessLog10(pre, expected, rtol, atol), `${c.label}: pre-activation`).toBeGreaterThan(0.35);
    }
  });
});

describe('p6 fixtures differ beyond the tolerance', () => {
  it('wrong-he-variance-ignores-alpha: 2/n_in misses at nearly every sample point', () => {
    const { rtol, atol } = tolOf('heVariance');
    const pts = samples(40);
    const misses = pts.filter(
      (v) => Math.abs(Number(evaluate(ignoresAlpha.heVariance, v)) - heTrue(v)) > atol + rtol * heTrue(v),
    );
    // Only alpha < 0.001 (0.1% of [0, 1]) could agree; the check needs a single miss.
    expect(misses.length).toBeGreaterThanOrEqual(38);
  });

  it('wrong-dead-units: deadUnits is true', () => {
    expect(dead.deadUnits).not.toBe(ref.deadUnits);
  });

  it('wrong-kept-half: 0.5 passes at alpha 0 only, so the part fails', () => {
    const { rtol, atol } = tolOf('varianceKept');
    const verdicts = ref.cases!.varianceKept(tf).map((c) => {
      const a = c.args[0] as number;
      return Math.abs(keptHalf.varianceKept(a) - ref.varianceKept(a)) <= atol + rtol * ref.varianceKept(a);
    });
    expect(verdicts).toEqual([true, false, false, false]);
  });

  it('the fixtures share the other parts with the reference (their leakyVariances is a different correct formula)', () => {
    const { rtol, atol } = tolOf('leakyVariances');
    for (const sub of [ignoresAlpha, dead, keptHalf]) {
      expect([sub.forwardChange, sub.negativeSlopeGradient]).toEqual([ref.forwardChange, ref.negativeSlopeGradient]);
      if (sub !== ignoresAlpha)
        for (const v of samples(40)) expect(Number(evaluate(sub.heVariance, v)) / heTrue(v)).toBeCloseTo(1, 12);
      if (sub !== dead) expect(sub.deadUnits).toBe(false);
      if (sub !== keptHalf)
        for (const a of [0, 0.01, 0.2, 1]) expect(sub.varianceKept(a)).toBeCloseTo(ref.varianceKept(a), 12);
    }
    for (const c of allCases(ref as never, 'leakyVariances', tf)) {
      const expected = ref.leakyVariances(...argsOf(c));
      expect(excessLog10(dead.leakyVariances(...argsOf(c)), expected, rtol, atol), c.label).toBeLessThanOrEqual(0);
    }
  });
});

describe('p6 spec', () => {
  it('validates against the ExerciseSpec schema', () => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(ExerciseSpec);
    expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has the curriculum parts in order, with the curriculum option ids', () => {
    expect((spec.parts as Part[]).map((p) => p.id)).toEqual([
      'varianceKept',
      'heVariance',
      'forwardChange',
      'negativeSlopeGradient',
      'deadUnits',
      'leakyVariances',
    ]);
    const options = (part('forwardChange').check.options as { id: string }[]).map((o) => o.id);
    expect(options.sort()).toEqual(['doubles', 'explodes', 'halves', 'negligible']);
    expect(part('heVariance').check.variables).toEqual({
      n_in: { min: 1, max: 4096, scale: 'log', integer: true },
      alpha: { min: 0, max: 1 },
    });
    for (const p of spec.parts as Part[])
      if ('rtol' in p.check || 'atol' in p.check) expect(p.check.why, p.id).toBeTruthy();
  });

  it('every part is a reference export and every call part has cases', () => {
    expectReferenceCoversSpec(spec.parts as Part[], ref as never, tf);
  });

  it('fixture expected.json files list every part', () => {
    for (const f of ['p6--wrong-he-variance-ignores-alpha', 'p6--wrong-dead-units', 'p6--wrong-kept-half']) {
      const exp = JSON.parse(
        readFileSync(new URL(`../../fixtures/submissions/${f}/expected.json`, import.meta.url), 'utf8'),
      );
      expect(Object.keys(exp.p6).sort(), f).toEqual((spec.parts as Part[]).map((p) => p.id).sort());
    }
  });
});
