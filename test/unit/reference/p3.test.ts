// Unit tests for the p3 reference: Jacobian convention, the worked gain table, float32 margins of the log10 check, fixtures, spec.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { Ajv } from 'ajv';
import * as tf from '@tensorflow/tfjs';
import { ExerciseSpec } from '../../../grader/spec/model.js';
import * as ref from '../../../reference/p3.js';
import * as transposed from '../../fixtures/submissions/p3--wrong-transposed-jacobian/p3.js';
import * as plainGain from '../../fixtures/submissions/p3--wrong-plain-gain/p3.js';
import * as wrongVanishes from '../../fixtures/submissions/p3--wrong-vanishes/p3.js';
import { allCases, expectReferenceCoversSpec } from '../../helpers/reference-spec.js';

const spec = YAML.parse(readFileSync(new URL('../../../exercises/p3.yaml', import.meta.url), 'utf8'));
const tolOf = (id: string) =>
  spec.parts.find((p: { id: string }) => p.id === id).check as unknown as { rtol: number; atol: number };

type Flow = { plain: number[]; residual: number[] };
const leaves = (f: Flow) => [...f.plain, ...f.residual];

/** Worst |a - e| - (atol + rtol |e|): > 0 means the check fails. */
function excess(a: ArrayLike<number>, e: ArrayLike<number>, rtol: number, atol: number): number {
  expect(a.length).toBe(e.length);
  let worst = -Infinity;
  for (let i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(a[i] - e[i]) - (atol + rtol * Math.abs(e[i])));
  return worst;
}
const log10s = (v: number[]) => v.map((x) => Math.log10(Math.abs(x)));
/** Largest distance in decades between two norm sequences. */
const decades = (a: Flow, b: Flow) =>
  Math.max(...leaves(a).map((x, i) => Math.abs(Math.log10(x) - Math.log10(leaves(b)[i]))));

/** Float64 walk of the row gradient, independent of tfjs: g·J by default; `transposed` walks with g·Jᵀ (the mistake). */
function flow64(J: number[][][], g: number[], transposed = false): Flow {
  let p = g.slice();
  let r = g.slice();
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  // (g·A)_j = Σ_i g_i·A[i][j]; (g·Aᵀ)_j = Σ_i g_i·A[j][i].
  const step = (A: number[][], v: number[], skip: boolean) =>
    v.map((_, j) => v.reduce((s, vi, i) => s + (transposed ? A[j][i] : A[i][j]) * vi, skip ? v[j] : 0));
  const out: Flow = { plain: [norm(p)], residual: [norm(r)] };
  for (let k = J.length - 1; k >= 0; k--) {
    p = step(J[k], p, false);
    r = step(J[k], r, true);
    out.plain.push(norm(p));
    out.residual.push(norm(r));
  }
  return out;
}

const jacArgs = (c: { args: unknown[] }) => c.args as [tf.Tensor1D, tf.Tensor2D, tf.Tensor2D];
const flowArgs = (c: { args: unknown[] }) => c.args as [tf.Tensor3D, tf.Tensor1D];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('p3 residualJacobian', () => {
  it('follows J[i][j] = ∂y_i/∂x_j (checked against autodiff, row by row)', () => {
    for (const c of allCases(ref as never, 'residualJacobian', tf)) {
      const [x, w1, w2] = jacArgs(c);
      const n = x.shape[0];
      const y = (v: tf.Tensor1D) =>
        tf.add(v, tf.reshape(tf.matMul(w2, tf.relu(tf.matMul(w1, tf.reshape(v, [n, 1])))), [n])) as tf.Tensor1D;
      const rows = Array.from(
        { length: n },
        (_, i) =>
          tf
            .grad((v: tf.Tensor) => tf.gather(y(v as tf.Tensor1D), i))(x)
            .arraySync() as number[],
      );
      const J = ref.residualJacobian(x, w1, w2);
      expect(J.shape, c.label).toEqual([n, n]);
      expect(J.dtype).toBe('float32');
      const { rtol, atol } = tolOf('residualJacobian');
      expect(excess(J.dataSync(), rows.flat(), rtol / 10, atol / 10), c.label).toBeLessThanOrEqual(0);
    }
  });

  it('inputs keep every pre-activation away from the ReLU kink, and J is not symmetric on random blocks', () => {
    for (const c of allCases(ref as never, 'residualJacobian', tf)) {
      const [x, w1, w2] = jacArgs(c);
      const pre = tf.matMul(w1, tf.reshape(x, [x.shape[0], 1])).dataSync();
      expect(Math.min(...Array.from(pre, Math.abs)), c.label).toBeGreaterThan(1e-2);
      expect(w1.shape[0] === x.shape[0] && w2.shape[1] === x.shape[0], c.label).toBe(false);
      const J = ref.residualJacobian(x, w1, w2).arraySync();
      const asym = Math.max(...J.flatMap((row, i) => row.map((v, j) => Math.abs(v - J[j][i]))));
      if (c.label.includes('J = I')) {
        expect(J).toEqual(tf.eye(x.shape[0]).arraySync());
      } else {
        expect(asym, c.label).toBeGreaterThan(0.1);
      }
    }
  });

  it('does not dispose its arguments', () => {
    const [c] = ref.cases!.residualJacobian(tf);
    ref.residualJacobian(...jacArgs(c));
    for (const a of c.args) expect((a as tf.Tensor).isDisposed).toBe(false);
  });
});

describe('p3 gradientNorms', () => {
  it('reproduces the gain 0.1, depth 4 table', () => {
    const { plain, residual } = ref.gradientNorms(0.1, 4);
    const { rtol, atol } = tolOf('gradientNorms');
    expect(excess(plain, [1, 0.1, 0.01, 0.001, 0.0001], rtol, atol)).toBeLessThanOrEqual(0);
    expect(excess(residual, [1, 1.1, 1.21, 1.331, 1.4641], rtol, atol)).toBeLessThanOrEqual(0);
  });

  it('returns depth + 1 values per stack on every case', () => {
    for (const c of allCases(ref as never, 'gradientNorms', tf)) {
      const [gain, depth] = c.args as [number, number];
      const out = ref.gradientNorms(gain, depth);
      expect(out.plain.length).toBe(depth + 1);
      expect(out.residual.length).toBe(depth + 1);
      expect(
        excess(
          out.residual,
          out.residual.map((_, k) => (1 + gain) ** k),
          1e-12,
          0,
        ),
      ).toBeLessThanOrEqual(0);
    }
  });
});

describe('p3 gradientFlow', () => {
  it('float32 walks stay far inside the log10 tolerance of a float64 walk', () => {
    const { atol } = tolOf('gradientFlow');
    for (const c of allCases(ref as never, 'gradientFlow', tf)) {
      const [jac, grad] = flowArgs(c);
      const got = ref.gradientFlow(jac, grad);
      const want = flow64(jac.arraySync(), grad.arraySync());
      expect(got.plain.length, c.label).toBe(jac.shape[0] + 1);
      expect(got.residual.length, c.label).toBe(jac.shape[0] + 1);
      // Measured: below 1e-6 decades on cpu and wasm; require 100x margin.
      expect(decades(got, want), c.label).toBeLessThan(atol / 100);
    }
  });

  it('walking with Jᵀ instead of J (the flowWithTranspose mistake) misses the tolerance on every case', () => {
    const { atol } = tolOf('gradientFlow');
    for (const c of allCases(ref as never, 'gradientFlow', tf)) {
      const [jac, grad] = flowArgs(c);
      const right = ref.gradientFlow(jac, grad);
      const wrong = flow64(jac.arraySync(), grad.arraySync(), true);
      expect(excess(log10s(leaves(wrong)), log10s(leaves(right)), 0, atol), c.label).toBeGreaterThan(0);
      expect(decades(right, wrong), c.label).toBeGreaterThan(0.09);
      const mistake = ref.mistakes!.flowWithTranspose(jac as never, grad as never) as Flow;
      expect(decades(mistake, wrong), c.label).toBeLessThan(atol / 100);
    }
  });

  it('the seed-002 setting: the plain walk vanishes, the residual walk does not', () => {
    const [c] = ref.cases!.gradientFlow(tf);
    const { plain, residual } = ref.gradientFlow(...flowArgs(c));
    expect(plain.length).toBe(51);
    expect(plain[50] / plain[0]).toBeLessThan(1e-2);
    expect(residual[50] / residual[0]).toBeGreaterThan(1);
    expect(ref.vanishes).toBe(false);
  });
});

describe('p3 fixtures differ beyond the tolerance', () => {
  it('transposed Jacobian fails residualJacobian only', () => {
    const { rtol, atol } = tolOf('residualJacobian');
    const worst = Math.max(
      ...allCases(ref as never, 'residualJacobian', tf).map((c) =>
        excess(
          transposed.residualJacobian(...jacArgs(c)).dataSync(),
          ref.residualJacobian(...jacArgs(c)).dataSync(),
          rtol,
          atol,
        ),
      ),
    );
    expect(worst).toBeGreaterThan(0);
  });

  it('plain gain in the residual picture fails gradientNorms', () => {
    const { rtol, atol } = tolOf('gradientNorms');
    for (const c of allCases(ref as never, 'gradientNorms', tf)) {
      const [gain, depth] = c.args as [number, number];
      const want = ref.gradientNorms(gain, depth);
      expect(excess(leaves(plainGain.gradientNorms(gain, depth)), leaves(want), rtol, atol), c.label).toBeGreaterThan(
        0,
      );
      // The other two fixtures' gradientNorms (pow instead of repeated products) still pass.
      expect(
        excess(leaves(transposed.gradientNorms(gain, depth)), leaves(want), rtol, atol),
        c.label,
      ).toBeLessThanOrEqual(0);
    }
  });

  it('fixtures compute gradientFlow in float64 and still pass; vanishes true fails', () => {
    const { atol } = tolOf('gradientFlow');
    for (const c of allCases(ref as never, 'gradientFlow', tf)) {
      const right = ref.gradientFlow(...flowArgs(c));
      expect(
        excess(log10s(leaves(wrongVanishes.gradientFlow(...flowArgs(c)))), log10s(leaves(right)), 0, atol),
      ).toBeLessThanOrEqual(0);
    }
    expect(wrongVanishes.vanishes).not.toBe(ref.vanishes);
    expect([transposed.vanishes, plainGain.vanishes]).toEqual([false, false]);
  });
});

describe('p3 spec', () => {
  it('validates against the ExerciseSpec schema', () => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(ExerciseSpec);
    expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
  });

  it('every part is a reference export, every call part has 2-6 cases', () => {
    const parts = spec.parts as { id: string; mode: string }[];
    expect(parts.map((p) => p.id)).toEqual(['residualJacobian', 'gradientNorms', 'gradientFlow', 'vanishes']);
    expectReferenceCoversSpec(parts, ref as never, tf);
  });
});
