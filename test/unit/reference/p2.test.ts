// Unit tests for the p2 reference: option ids, rubric coverage, gradient norms against float64 backprop, fixtures, spec.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { Ajv } from 'ajv';
import * as tf from '@tensorflow/tfjs';
import { ExerciseSpec } from '../../../grader/spec/model.js';
import { keywordRegExp, suggestScore } from '../../../grader/checks/free-text.js';
import * as ref from '../../../reference/p2.js';
import * as partialFix from '../../fixtures/submissions/p2--partial-one-wrong-fix/p2.js';
import * as reversed from '../../fixtures/submissions/p2--wrong-grad-norms-last-layer-first/p2.js';
import { allCases, expectReferenceCoversSpec } from '../../helpers/reference-spec.js';

const spec = YAML.parse(readFileSync(new URL('../../../exercises/p2.yaml', import.meta.url), 'utf8'));
const checkOf = (id: string) => spec.parts.find((p: { id: string }) => p.id === id).check;

const CORRECT = ['xavier-init', 'normalize-inputs', 'adaptive-optimizer', 'relu-activation'];
const WRONG = ['add-batchnorm', 'add-skip-connections', 'add-layers', 'gradient-clipping', 'smaller-learning-rate'];

/** The multi-choice rule the spec states: min(right, required)/required, minus penaltyPerWrong per wrong pick. */
function multiChoiceFraction(picked: string[]): number {
  const { required, penaltyPerWrong } = checkOf('fixes');
  const right = picked.filter((id) => ref.fixes.includes(id)).length;
  const wrong = picked.length - right;
  return Math.max(0, Math.min(right, required) / required - penaltyPerWrong * wrong);
}

/** Float64 backpropagation, independent of tfjs autodiff. */
function gradNorms64(W: number[][][], X: number[][], Y: number[][]): number[] {
  const mm = (A: number[][], B: number[][]) =>
    A.map((r) => B[0].map((_, j) => r.reduce((s, a, k) => s + a * B[k][j], 0)));
  const hs = [X];
  for (const w of W) hs.push(mm(hs[hs.length - 1], w).map((r) => r.map((z) => 1 / (1 + Math.exp(-z)))));
  const out = hs[hs.length - 1];
  const count = out.length * out[0].length;
  let d = out.map((r, i) => r.map((h, j) => (2 * (h - Y[i][j])) / count));
  const norms: number[] = [];
  for (let l = W.length - 1; l >= 0; l--) {
    const h = hs[l + 1];
    const prev = hs[l];
    const dz = d.map((r, i) => r.map((v, j) => v * h[i][j] * (1 - h[i][j])));
    let sq = 0;
    for (let a = 0; a < prev[0].length; a++)
      for (let b = 0; b < dz[0].length; b++) sq += prev.reduce((s, row, i) => s + row[a] * dz[i][b], 0) ** 2;
    norms[l] = Math.sqrt(sq);
    d = dz.map((r) => W[l].map((wrow) => wrow.reduce((s, w, b) => s + w * r[b], 0)));
  }
  return norms;
}

type Args = [tf.Tensor2D[], tf.Tensor2D, tf.Tensor2D];
const relErr = (a: number[], e: number[]) => Math.max(...e.map((v, i) => Math.abs(a[i] - v) / Math.abs(v)));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('p2 fixes and explanation', () => {
  it('option ids are exactly the curriculum ids, and the reference lists every correct one', () => {
    const ids = (checkOf('fixes').options as { id: string }[]).map((o) => o.id);
    expect([...ids].sort()).toEqual([...CORRECT, ...WRONG].sort());
    expect([...ref.fixes].sort()).toEqual([...CORRECT].sort());
  });

  it('two correct picks earn full credit; one extra wrong pick halves it', () => {
    expect(multiChoiceFraction(['xavier-init', 'normalize-inputs'])).toBe(1);
    expect(multiChoiceFraction(['relu-activation'])).toBe(0.5);
    expect(multiChoiceFraction(partialFix.fixes)).toBe(0.5);
    expect(multiChoiceFraction(reversed.fixes)).toBe(1);
  });

  it('the model explanation hits every rubric item and is long enough', () => {
    const { rubric, minWords } = checkOf('explanation') as {
      rubric: { label: string; keywords: string[] }[];
      minWords: number;
    };
    for (const text of [ref.explanation, partialFix.explanation]) {
      expect(text.split(/\s+/).length).toBeGreaterThanOrEqual(minWords);
      for (const item of rubric)
        expect(
          item.keywords.some((k) => keywordRegExp(k).test(text)),
          item.label,
        ).toBe(true);
      expect(suggestScore(checkOf('explanation'), text).fraction).toBe(1);
    }
  });
});

describe('p2 layerGradNorms', () => {
  it('matches float64 backpropagation far inside the 1% tolerance', () => {
    for (const c of allCases(ref as never, 'layerGradNorms', tf)) {
      const [ws, x, y] = c.args as Args;
      const got = ref.layerGradNorms(ws, x, y);
      const want = gradNorms64(
        ws.map((w) => w.arraySync()),
        x.arraySync(),
        y.arraySync(),
      );
      expect(got.length, c.label).toBe(ws.length);
      // Measured about 1e-7 on cpu and 3e-7 on wasm.
      expect(relErr(got, want), c.label).toBeLessThan(checkOf('layerGradNorms').rtol / 1000);
    }
  });

  it('shows the vanishing gradient: with Xavier weights the first layer gets far less than the last', () => {
    const [, xav] = ref.cases!.layerGradNorms(tf);
    const norms = ref.layerGradNorms(...(xav.args as Args));
    expect(norms[0] / norms[norms.length - 1]).toBeLessThan(0.01);
  });

  it('does not dispose its arguments', () => {
    const [c] = ref.cases!.layerGradNorms(tf);
    const [ws, x, y] = c.args as Args;
    ref.layerGradNorms(ws, x, y);
    for (const t of [...ws, x, y]) expect(t.isDisposed).toBe(false);
  });
});

describe('p2 fixtures', () => {
  it('tf.variableGrads gives the same norms; the reversed order fails every case', () => {
    const { rtol } = checkOf('layerGradNorms');
    for (const c of allCases(ref as never, 'layerGradNorms', tf)) {
      const [ws, x, y] = c.args as Args;
      const want = ref.layerGradNorms(ws, x, y);
      expect(relErr(partialFix.layerGradNorms(ws, x, y), want), c.label).toBeLessThan(rtol / 100);
      expect(relErr(reversed.layerGradNorms(ws, x, y), want), c.label).toBeGreaterThan(rtol);
      for (const t of [...ws, x, y]) expect(t.isDisposed).toBe(false);
    }
  });
});

describe('p2 spec', () => {
  it('validates against the ExerciseSpec schema', () => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(ExerciseSpec);
    expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
  });

  it('every part is a reference export, every call part has 2-6 cases', () => {
    const parts = spec.parts as { id: string; mode: string }[];
    expect(parts.map((p) => p.id)).toEqual(['fixes', 'explanation', 'layerGradNorms']);
    expectReferenceCoversSpec(parts, ref as never, tf);
  });
});
