// Unit tests for the p1 reference: the n = 4 table, 1/(4n²) against dense grids, neuron counts, the order check, fixtures, spec.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { Ajv } from 'ajv';
import { evaluate } from 'mathjs';
import * as tf from '@tensorflow/tfjs';
import { ExerciseSpec } from '../../../grader/spec/model.js';
import * as ref from '../../../reference/p1.js';
import * as overEps from '../../fixtures/submissions/p1--wrong-order-1-over-eps/p1.js';
import * as offByOne from '../../fixtures/submissions/p1--wrong-neurons-off-by-one/p1.js';
import { allCases, expectReferenceCoversSpec } from '../../helpers/reference-spec.js';

const spec = YAML.parse(readFileSync(new URL('../../../exercises/p1.yaml', import.meta.url), 'utf8'));
const checkOf = (id: string) => spec.parts.find((p: { id: string }) => p.id === id).check;

const within = (a: number, e: number, rtol: number, atol: number) => Math.abs(a - e) <= atol + rtol * Math.abs(e);

/** The order check as the spec describes it: N(eps·scaleBy)/N(eps) must match the reference ratio at log-spaced eps. */
function orderRatios(expr: string): number[] {
  const { variables, scaleBy } = checkOf('order');
  const { min, max } = variables.eps;
  return Array.from({ length: 25 }, (_, i) => {
    const eps = 10 ** (Math.log10(min) + ((Math.log10(max) - Math.log10(min)) * i) / 24);
    return (evaluate(expr, { eps: eps * scaleBy }) as number) / (evaluate(expr, { eps }) as number);
  });
}
const orderPasses = (expr: string) => {
  const want = orderRatios(ref.order);
  return orderRatios(expr).every((r, i) => within(r, want[i], checkOf('order').rtol, 0));
};

/** max |approximate - x²| over an evenly spaced grid of [0, 1], in float32 via tfjs. */
function gridError(n: number, points: number): number {
  return tf.tidy(() => {
    const x = tf.linspace(0, 1, points);
    return tf.max(tf.abs(tf.sub(ref.approximate(x as tf.Tensor1D, n), tf.square(x)))).dataSync()[0];
  });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('p1 reference', () => {
  it('ramps(4) reproduces the lecture table', () => {
    expect(ref.ramps(4)).toEqual({ knots: [0, 0.25, 0.5, 0.75], weights: [0.25, 0.5, 0.5, 0.5] });
  });

  it('approximate matches x² at every grid point k/n', () => {
    for (const n of [1, 3, 4, 10]) {
      const x = tf.tensor1d(Array.from({ length: n + 1 }, (_, k) => k / n));
      const got = ref.approximate(x, n).dataSync();
      x.dataSync().forEach((v, k) => expect(within(got[k], v * v, 1e-6, 1e-7), `n ${n}, k ${k}`).toBe(true));
    }
  });

  it('approximate runs on every case, keeps the shape, and does not dispose x', () => {
    for (const c of allCases(ref as never, 'approximate', tf)) {
      const [x, n] = c.args as [tf.Tensor1D, number];
      const y = ref.approximate(x, n);
      expect(y.shape, c.label).toEqual(x.shape);
      expect(y.dtype).toBe('float32');
      expect(x.isDisposed).toBe(false);
    }
  });

  it('maxError is 1/(4n²): 1/64 at n = 4, and dense-grid estimates are within the 1% tolerance', () => {
    const { rtol, atol } = checkOf('maxError');
    expect(ref.maxError(4)).toBe(1 / 64);
    for (const n of allCases(ref as never, 'maxError', tf).map((c) => c.args[0] as number)) {
      for (const points of [101, 1001]) {
        const est = gridError(n, points);
        // Measured: worst 0.16% (n 4 on 101 points: the midpoint 0.125 is not a grid point); 1% leaves 5x margin.
        expect(Math.abs(est - ref.maxError(n)) / ref.maxError(n), `n ${n}, ${points} points`).toBeLessThan(2e-3);
        expect(within(est, ref.maxError(n), rtol, atol)).toBe(true);
      }
      // The h²/8 slip (forgetting f'' = 2) is caught.
      expect(within(1 / (8 * n * n), ref.maxError(n), rtol, atol)).toBe(false);
    }
  });

  it('neuronsFor is the smallest n with maxError(n) <= eps', () => {
    for (const c of allCases(ref as never, 'neuronsFor', tf)) {
      const [eps] = c.args as [number];
      const n = ref.neuronsFor(eps);
      expect(Number.isInteger(n)).toBe(true);
      expect(ref.maxError(n) <= eps, c.label).toBe(true);
      expect(ref.maxError(n - 1) > eps || n === 1, c.label).toBe(true);
    }
    expect(ref.cases!.neuronsFor(tf).map((c) => ref.neuronsFor(c.args[0] as number))).toEqual([1, 4, 5, 4, 16, 159]);
    expect(ref.hiddenCases!.neuronsFor(tf).map((c) => ref.neuronsFor(c.args[0] as number))).toEqual([2, 10, 354]);
  });

  it('the order check accepts equivalent growth and rejects other exponents', () => {
    for (const good of [ref.order, '1/sqrt(eps)', '0.5*eps^(-1/2)', '3*eps^(-0.5)'])
      expect(orderPasses(good), good).toBe(true);
    for (const bad of ['1/eps', 'eps^(-1/3)', 'eps^(-0.49)', 'log(1/eps)', 'sqrt(eps)'])
      expect(orderPasses(bad), bad).toBe(false);
    const want = orderRatios(ref.order);
    want.forEach((r) => expect(r).toBeCloseTo(10, 9));
  });
});

describe('p1 fixtures', () => {
  it('order 1/eps fails the order check; its other answers match the reference', () => {
    expect(orderPasses(overEps.order)).toBe(false);
    for (const n of allCases(ref as never, 'maxError', tf).map((c) => c.args[0] as number)) {
      expect(overEps.ramps(n)).toEqual(ref.ramps(n));
      expect(within(overEps.maxError(n), ref.maxError(n), checkOf('maxError').rtol, 0), `grid maxError n ${n}`).toBe(
        true,
      );
    }
    for (const c of allCases(ref as never, 'approximate', tf)) {
      const [x, n] = c.args as [tf.Tensor1D, number];
      const { rtol, atol } = checkOf('approximate');
      const want = ref.approximate(x, n).dataSync();
      overEps
        .approximate(x, n)
        .dataSync()
        .forEach((v, i) => expect(within(v, want[i], rtol, atol), c.label).toBe(true));
    }
  });

  it('off-by-one neuronsFor fails on the exact boundaries and its order passes', () => {
    const wrong = ref
      .cases!.neuronsFor(tf)
      .filter((c) => offByOne.neuronsFor(c.args[0] as number) !== ref.neuronsFor(c.args[0] as number));
    expect(wrong.map((c) => c.args[0])).toEqual([0.25, 1 / 64]);
    expect(orderPasses(offByOne.order)).toBe(true);
  });
});

describe('p1 spec', () => {
  it('validates against the ExerciseSpec schema', () => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(ExerciseSpec);
    expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
  });

  it('every part is a reference export, every call part has 2-6 cases', () => {
    const parts = spec.parts as { id: string; mode: string }[];
    expect(parts.map((p) => p.id)).toEqual(['ramps', 'approximate', 'maxError', 'neuronsFor', 'order']);
    expectReferenceCoversSpec(parts, ref as never, tf);
  });
});
