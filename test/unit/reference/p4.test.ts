// Unit tests for the p4 reference: curriculum numbers, variance bookkeeping, fixtures caught by the tolerances, spec validity.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { Ajv } from 'ajv';
import { evaluate } from 'mathjs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { ExerciseSpec } from '../../../grader/spec/model.js';
import * as ref from '../../../reference/p4.js';
import * as grow from '../../fixtures/submissions/p4--wrong-grow/p4.js';
import * as fixXavier from '../../fixtures/submissions/p4--wrong-fix-xavier/p4.js';
import * as beforeRelu from '../../fixtures/submissions/p4--wrong-variance-before-relu/p4.js';
import { allCases, expectReferenceCoversSpec } from '../../helpers/reference-spec.js';

type Part = { id: string; type: string; mode: string; check: Record<string, unknown> & { kind: string } };
const spec = YAML.parse(readFileSync(new URL('../../../exercises/p4.yaml', import.meta.url), 'utf8'));
const part = (id: string) => (spec.parts as Part[]).find((p) => p.id === id)!;
const tolOf = (id: string) => part(id).check as unknown as { rtol: number; atol: number; log10?: boolean };

/** Worst |log10 a - log10 e| - (atol + rtol |log10 e|) over all entries: > 0 means the check fails. */
function excessLog10(a: ArrayLike<number>, e: ArrayLike<number>, rtol: number, atol: number): number {
  let worst = -Infinity;
  for (let i = 0; i < e.length; i++) {
    const la = Math.log10(Math.abs(a[i]));
    const le = Math.log10(Math.abs(e[i]));
    worst = Math.max(worst, Math.abs(la - le) - (atol + rtol * Math.abs(le)));
  }
  return worst;
}
const num = (v: number | string): number => (typeof v === 'number' ? v : Number(evaluate(v)));

/** Deterministic log-uniform integer samples of n_in in [1, 4096], like the expression check draws them. */
function nInSamples(count: number): number[] {
  let s = 12345;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => Math.round(Math.exp(rand() * Math.log(4096))));
}

type Args = [tf.Tensor2D, tf.Tensor2D[]];
const argsOf = (c: { args: unknown[] }) => c.args as Args;

/** float64 bookkeeping of the same forward pass: any variance definition from the activations of each layer. */
function layerStats(x: tf.Tensor2D, weights: tf.Tensor2D[]) {
  return tf.tidy(() => {
    let h: tf.Tensor = x;
    return weights.map((w) => {
      const z = tf.matMul(h, w);
      h = tf.relu(z);
      const stats = (t: tf.Tensor) => {
        const d = t.dataSync();
        let s = 0;
        let s2 = 0;
        for (const v of d) {
          s += v;
          s2 += v * v;
        }
        const m = s / d.length;
        return { mean: m, meanSquare: s2 / d.length, variance: s2 / d.length - m * m };
      };
      const post = stats(h);
      const perFeature = tf.moments(h, 0).variance.mean().dataSync()[0];
      return { post, pre: stats(z), perFeature };
    });
  });
}

beforeAll(async () => {
  // wasm, the backend graded on: these nets (depth 30-50, width 128, batch 256) take ~10x longer on cpu.
  await tf.setBackend('wasm');
});

describe('p4 reference: the curriculum numbers', () => {
  it('trend shrink, factor 0.5, 2^-100 after 100 layers, fix 2/n_in', () => {
    expect(ref.trend).toBe('shrink');
    expect(ref.factorPerLayer).toBe(0.5);
    expect(num(ref.varianceAfter)).toBe(2 ** -100);
    expect(num(ref.varianceAfter)).toBeCloseTo(7.8886e-31, 34);
    expect(num(ref.varianceAfter)).toBe(ref.factorPerLayer ** 100);
    for (const n of nInSamples(40)) expect(Number(evaluate(ref.fix, { n_in: n }))).toBeCloseTo(2 / n, 12);
  });

  it('Xavier weights halve the variance per layer and He weights hold it, on the grader nets', () => {
    const [xavier, he] = ref.cases!.activationVariances(tf);
    const xv = ref.activationVariances(...argsOf(xavier));
    const hv = ref.activationVariances(...argsOf(he));
    const perLayer = (v: number[]) => (v[v.length - 1] / v[0]) ** (1 / (v.length - 1));
    // Finite width (128) makes each layer's ratio noisy; the geometric mean over 29 ratios is close to the theory.
    expect(perLayer(xv)).toBeGreaterThan(0.45);
    expect(perLayer(xv)).toBeLessThan(0.55);
    expect(perLayer(hv)).toBeGreaterThan(0.95);
    expect(perLayer(hv)).toBeLessThan(1.05);
    // The prompt's remark: after the first ReLU the population variance is (1/2 - 1/(2 pi)) of Var(z) = 1, not 1/2.
    expect(xv[0] / (0.5 - 1 / (2 * Math.PI))).toBeGreaterThan(0.95);
    expect(xv[0] / (0.5 - 1 / (2 * Math.PI))).toBeLessThan(1.05);
    expect(hv[0] / (2 * (0.5 - 1 / (2 * Math.PI)))).toBeGreaterThan(0.95);
    expect(hv[0] / (2 * (0.5 - 1 / (2 * Math.PI)))).toBeLessThan(1.05);
  });
});

describe('p4 reference: activationVariances', () => {
  it('returns one population variance per layer, matching a float64 computation far inside the tolerance', () => {
    const { rtol, atol } = tolOf('activationVariances');
    for (const c of allCases(ref as never, 'activationVariances', tf)) {
      const [x, ws] = argsOf(c);
      const got = ref.activationVariances(x, ws);
      expect(got.length, c.label).toBe(ws.length);
      const want = layerStats(x, ws).map((s) => s.post.variance);
      // 10x inside the tolerance: backend rounding (cpu vs wasm measured at ~1e-4 decades) cannot flip the verdict.
      expect(excessLog10(got, want, rtol / 10, atol / 10), c.label).toBeLessThanOrEqual(0);
    }
  });

  it('does not dispose or change its arguments', () => {
    const c = ref.cases!.activationVariances(tf)[2];
    const [x, ws] = argsOf(c);
    const before = x.arraySync();
    ref.activationVariances(x, ws);
    expect(x.isDisposed).toBe(false);
    expect(ws.every((w) => !w.isDisposed)).toBe(true);
    expect(x.arraySync()).toEqual(before);
  });

  it('the usual variance mistakes miss by far more than the tolerance in every case', () => {
    const { rtol, atol } = tolOf('activationVariances');
    expect(tolOf('activationVariances').log10).toBe(true);
    for (const c of allCases(ref as never, 'activationVariances', tf)) {
      const expected = ref.activationVariances(...argsOf(c));
      const s = layerStats(...argsOf(c));
      const margin = (wrong: number[]) => excessLog10(wrong, expected, rtol, atol);
      // Bounds quoted in the spec's `why`: pre-activation ~0.5 decades, E[h^2] and mean >= 0.18, per-feature >= 0.47.
      expect(margin(s.map((l) => l.pre.variance)), `${c.label}: pre-activation`).toBeGreaterThan(0.45);
      expect(margin(s.map((l) => l.post.meanSquare)), `${c.label}: mean square`).toBeGreaterThan(0.15);
      expect(margin(s.map((l) => l.post.mean)), `${c.label}: mean`).toBeGreaterThan(0.15);
      expect(margin(s.map((l) => l.perFeature)), `${c.label}: per-feature`).toBeGreaterThan(0.4);
      // n - 1 instead of n is not a mistake worth failing: it stays inside the tolerance.
      const n = argsOf(c)[0].shape[0] * argsOf(c)[1][0].shape[1];
      expect(margin(expected.map((v) => (v * n) / (n - 1))), `${c.label}: unbiased`).toBeLessThanOrEqual(0);
    }
  });
});

describe('p4 fixtures differ beyond the tolerance', () => {
  it('wrong-grow: trend, factorPerLayer and varianceAfter fail; the rest matches the reference', () => {
    expect(grow.trend).not.toBe(ref.trend);
    const f = tolOf('factorPerLayer');
    expect(Math.abs(grow.factorPerLayer - ref.factorPerLayer)).toBeGreaterThan(f.atol + f.rtol * ref.factorPerLayer);
    const v = tolOf('varianceAfter');
    expect(excessLog10([num(grow.varianceAfter)], [num(ref.varianceAfter)], v.rtol, v.atol)).toBeGreaterThan(0);
    expect(grow.fix).toBe(ref.fix);
  });

  it('wrong-fix-xavier: 1/n_in is off by 2x at every sample point', () => {
    const { rtol, atol } = tolOf('fix');
    for (const n of nInSamples(40)) {
      const e = Number(evaluate(ref.fix, { n_in: n }));
      expect(Math.abs(Number(evaluate(fixXavier.fix, { n_in: n })) - e)).toBeGreaterThan(atol + rtol * e);
    }
    expect([fixXavier.trend, fixXavier.factorPerLayer, num(fixXavier.varianceAfter)]).toEqual([
      ref.trend,
      ref.factorPerLayer,
      num(ref.varianceAfter),
    ]);
  });

  it('wrong-variance-before-relu: activationVariances fails every case; the value parts pass', () => {
    const { rtol, atol } = tolOf('activationVariances');
    for (const c of allCases(ref as never, 'activationVariances', tf)) {
      const expected = ref.activationVariances(...argsOf(c));
      expect(excessLog10(beforeRelu.activationVariances(...argsOf(c)), expected, rtol, atol), c.label).toBeGreaterThan(
        0,
      );
    }
    const v = tolOf('varianceAfter');
    expect(excessLog10([num(beforeRelu.varianceAfter)], [num(ref.varianceAfter)], v.rtol, v.atol)).toBeLessThanOrEqual(
      0,
    );
    for (const n of nInSamples(10)) expect(Number(evaluate(beforeRelu.fix, { n_in: n }))).toBeCloseTo(2 / n, 12);
  });

  it('the other fixtures implement activationVariances correctly', () => {
    const { rtol, atol } = tolOf('activationVariances');
    for (const c of allCases(ref as never, 'activationVariances', tf)) {
      const expected = ref.activationVariances(...argsOf(c));
      for (const sub of [grow, fixXavier])
        expect(excessLog10(sub.activationVariances(...argsOf(c)), expected, rtol, atol), c.label).toBeLessThanOrEqual(
          0,
        );
    }
  });

  it('varianceAfter tolerance: 2 significant figures pass, 1e-30 and off-by-one layer fail', () => {
    const { rtol, atol } = tolOf('varianceAfter');
    const e = [num(ref.varianceAfter)];
    expect(excessLog10([7.9e-31], e, rtol, atol)).toBeLessThanOrEqual(0);
    expect(excessLog10([8e-31], e, rtol, atol)).toBeLessThanOrEqual(0);
    expect(excessLog10([1e-30], e, rtol, atol)).toBeGreaterThan(0);
    expect(excessLog10([2 ** -99], e, rtol, atol)).toBeGreaterThan(0);
    expect(excessLog10([2 ** -101], e, rtol, atol)).toBeGreaterThan(0);
  });
});

describe('p4 spec', () => {
  it('validates against the ExerciseSpec schema', () => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(ExerciseSpec);
    expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has the curriculum parts in order, with the curriculum option ids', () => {
    expect((spec.parts as Part[]).map((p) => p.id)).toEqual([
      'trend',
      'factorPerLayer',
      'varianceAfter',
      'fix',
      'activationVariances',
    ]);
    const options = (part('trend').check.options as { id: string }[]).map((o) => o.id);
    expect(options).toEqual(['grow', 'shrink', 'constant']);
    expect(options).toContain(ref.trend);
    for (const p of spec.parts as Part[])
      if ('rtol' in p.check || 'atol' in p.check) expect(p.check.why, p.id).toBeTruthy();
  });

  it('every part is a reference export and every call part has cases', () => {
    expectReferenceCoversSpec(spec.parts as Part[], ref as never, tf);
  });

  it('fixture expected.json files list every part', () => {
    for (const f of ['p4--wrong-grow', 'p4--wrong-fix-xavier', 'p4--wrong-variance-before-relu']) {
      const exp = JSON.parse(
        readFileSync(new URL(`../../fixtures/submissions/${f}/expected.json`, import.meta.url), 'utf8'),
      );
      expect(Object.keys(exp.p4).sort(), f).toEqual((spec.parts as Part[]).map((p) => p.id).sort());
    }
  });
});
