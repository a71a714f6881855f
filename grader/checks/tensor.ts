// tensor: a tf.Tensor with exactly the expected shape and dtype, and values allclose to the reference.
import { fmt } from '../model/wire.js';
import {
  allclose,
  describeTolerance,
  elementError,
  finiteOrUndefined,
  fmtPair,
  unravel,
  type Tolerance,
} from './compare.js';
import { VALUE_DIAGNOSES, diagnose, sizesOf } from './diagnose.js';
import {
  bad,
  combine,
  ok,
  referenceError,
  requireCases,
  shapeStr,
  tensorProblem,
  whatIs,
  type Verdict,
} from './result.js';
import { Type } from '@sinclair/typebox';
import type { CaseInput, CheckResult } from '../model/outcome.js';
import { defineCheck, type KindSpec, Tol } from './define.js';

const fields = {
  ...Tol,
  log10: Type.Optional(Type.Boolean()),
  dtype: Type.Optional(
    Type.Union([Type.Literal('float32'), Type.Literal('int32'), Type.Literal('bool'), Type.Literal('any')]),
  ),
};
export type TensorSpec = KindSpec<'tensor', typeof fields>;

const sameShape = (a: number[], b: number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

function check(spec: TensorSpec, cases: CaseInput[]): CheckResult {
  requireCases(cases, spec.kind);
  const tol: Tolerance = { rtol: spec.rtol ?? 1e-4, atol: spec.atol ?? 1e-5, log10: spec.log10 ?? false };
  const tolerance = describeTolerance(tol);
  const verdicts = cases.map((c): Verdict => {
    const e = c.expected;
    if (e.t !== 'tensor' || tensorProblem(e) !== null) {
      throw referenceError(
        `tensor check expected value is not a well-formed tensor (${e.t === 'tensor' ? tensorProblem(e) : e.t})`,
      );
    }
    const a = c.actual;
    if (a.t !== 'tensor') {
      const hint =
        a.t === 'array' || a.t === 'number' ? '; wrap it with tf.tensor(...) or return the tensor you computed' : '';
      return bad('wrong-type', `expected a tensor of shape ${shapeStr(e.shape)}, got ${whatIs(a)}${hint}`, {
        tolerance,
      });
    }
    const malformed = tensorProblem(a);
    if (malformed) return bad('wrong-shape', `the tensor you returned is malformed: ${malformed}`, { tolerance });
    const diagnosis = () => {
      const d = diagnose(a, e, { close: (x, y) => elementError(x, y, tol).ok, sizes: sizesOf(c.args) });
      return d ? { diagnosis: d } : {};
    };
    // Shape before dtype before values: each later test is meaningless when an earlier one fails.
    if (!sameShape(a.shape, e.shape)) {
      const transposed =
        a.shape.length === 2 && e.shape.length === 2 && a.shape[0] === e.shape[1] && a.shape[1] === e.shape[0];
      return bad(
        'wrong-shape',
        `expected shape ${shapeStr(e.shape)}, got ${shapeStr(a.shape)}${transposed ? ' (transposed?)' : ''}`,
        { tolerance, ...diagnosis() },
      );
    }
    const dtype = spec.dtype === 'any' ? null : (spec.dtype ?? e.dtype);
    if (dtype !== null && a.dtype !== dtype) {
      return bad('wrong-dtype', `expected dtype ${dtype}, got ${a.dtype}`, {
        tolerance,
        note: a.dtype === 'int32' ? 'cast with tf.cast(x, "float32") or start from float inputs' : undefined,
      });
    }
    const r = allclose(a.data, e.data, e.shape, tol);
    if (r.expectedNonFinite >= 0) {
      throw referenceError(
        `tensor check expected value at [${unravel(r.expectedNonFinite, e.shape).join(', ')}] is ${e.data[r.expectedNonFinite]}; expected values must be finite`,
      );
    }
    const detail = {
      tolerance,
      maxAbsError: finiteOrUndefined(r.maxAbsError),
      maxRelError: finiteOrUndefined(r.maxRelError),
      worstIndex: r.worstIndex,
    };
    if (r.firstNonFinite >= 0) {
      const idx = unravel(r.firstNonFinite, e.shape);
      const count = Array.prototype.filter.call(a.data, (x: number) => !Number.isFinite(x)).length;
      return bad(
        'not-finite',
        `your tensor has ${count} non-finite ${count === 1 ? 'value' : 'values'}; the first is ${a.data[r.firstNonFinite]} at [${idx.join(', ')}] where ${fmt(e.data[r.firstNonFinite])} was expected`,
        detail,
      );
    }
    if (r.pass) return ok(`all ${r.count} values match (${tolerance})`, detail);
    const [fe, fa] = fmtPair(Number(e.data[r.worst]), Number(a.data[r.worst]));
    return bad(
      'wrong-value',
      `${r.badCount} of ${r.count} values are off; worst at [${(r.worstIndex ?? []).join(', ')}]: expected ${fe}, got ${fa} (${tolerance})`,
      { ...detail, ...diagnosis() },
    );
  });
  return combine(cases, verdicts);
}

export default defineCheck({
  kind: 'tensor',
  description: 'A tf.Tensor: exact shape, dtype, allclose.',
  fields,
  answer: false,
  mistakes: 'output',
  diagnoses: VALUE_DIAGNOSES,
  feedback: 'immediate',
  wellFormed: (_spec, a) => (a.t === 'tensor' ? undefined : `expected a tf.Tensor, got ${whatIs(a)}`),
  grade: check,
});
