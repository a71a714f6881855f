// expression: a mathjs string graded by equivalence (or order of growth) at seeded random points.
import { TfgradeError } from '../util/errors.js';
import { fmt } from '../model/wire.js';
import { MathAnswerError, compileExpression } from '../math/restricted.js';
import { close, describeTolerance, fmtPair } from './compare.js';
import { bad, combine, ok, referenceError, requireCases, whatIs, type Verdict } from './result.js';
import { Type } from '@sinclair/typebox';
import type { CaseInput, CheckResult } from '../model/outcome.js';
import { defineCheck, type KindSpec, Tol, type CheckContext, type RuleProblem } from './define.js';
import { mulberry32 } from '../util/random.js';

const Variable = Type.Object(
  {
    min: Type.Number(),
    max: Type.Number(),
    scale: Type.Optional(Type.Union([Type.Literal('linear'), Type.Literal('log')])),
    integer: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const fields = {
  ...Tol,
  variables: Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Variable),
  samples: Type.Optional(Type.Integer({ minimum: 4, maximum: 2000 })),
  mode: Type.Optional(Type.Union([Type.Literal('equivalent'), Type.Literal('order')])),
  scaleVariable: Type.Optional(Type.String({ description: 'order mode: the variable that is scaled.' })),
  scaleBy: Type.Optional(
    Type.Number({ exclusiveMinimum: 0, description: 'order mode: factor applied to scaleVariable.' }),
  ),
};
export type ExpressionSpec = KindSpec<'expression', typeof fields>;

type Fn = (scope: Record<string, number>) => number;
type Point = Record<string, number>;

// Sample points are the same on every run for the same seed.
export { mulberry32 };

function specError(message: string): TfgradeError {
  return new TfgradeError('SPEC_INVALID', message);
}

export function samplePoints(spec: ExpressionSpec, seed: number): Point[] {
  const rand = mulberry32(seed);
  const vars = Object.entries(spec.variables);
  for (const [name, v] of vars) {
    if (!(v.min <= v.max)) throw specError(`expression variable '${name}' has min > max`);
    if (v.scale === 'log' && !(v.min > 0))
      throw specError(`expression variable '${name}' is log-scaled, so min must be > 0`);
  }
  return Array.from({ length: spec.samples ?? 64 }, () => {
    const p: Point = {};
    for (const [name, v] of vars) {
      const u = rand();
      let x =
        v.scale === 'log'
          ? Math.exp(Math.log(v.min) + u * (Math.log(v.max) - Math.log(v.min)))
          : v.min + u * (v.max - v.min);
      if (v.integer) x = Math.min(Math.floor(v.max), Math.max(Math.ceil(v.min), Math.round(x)));
      p[name] = x;
    }
    return p;
  });
}

/** Evaluation errors (e.g. min() of nothing) count as a non-number, like NaN. */
function value(f: Fn, p: Point): number {
  try {
    return f(p);
  } catch (err) {
    if (err instanceof MathAnswerError) return NaN;
    throw err;
  }
}

const pointStr = (p: Point): string =>
  Object.entries(p)
    .map(([k, v]) => `${k} = ${fmt(v)}`)
    .join(', ');

function grade(spec: ExpressionSpec, ref: Fn, mine: Fn, points: Point[]): Verdict {
  const order = spec.mode === 'order';
  const tol = { rtol: spec.rtol ?? (order ? 1e-2 : 1e-6), atol: spec.atol ?? 1e-9 };
  const tolerance = describeTolerance(tol);
  let valid = 0;
  let bad1: Verdict | null = null;
  for (const p of points) {
    let e: number;
    let a: number;
    if (order) {
      const v = spec.scaleVariable!;
      const q = { ...p, [v]: p[v] * spec.scaleBy! };
      const e0 = value(ref, p);
      e = value(ref, q) / e0;
      a = value(mine, q) / value(mine, p);
      if (!Number.isFinite(e) || e0 === 0) continue; // the reference is undefined here: not a test point
    } else {
      e = value(ref, p);
      a = value(mine, p);
      if (!Number.isFinite(e)) continue;
    }
    valid++;
    if (bad1 || close(a, e, tol.rtol, tol.atol)) continue;
    const [fe, fa] = fmtPair(e, a);
    bad1 = order
      ? bad(
          'wrong-value',
          `wrong order of growth: scaling ${spec.scaleVariable} by ${fmt(spec.scaleBy!)} should multiply the value by ${fe}, but yours multiplies it by ${fa} (at ${pointStr(p)}; ${tolerance})`,
          { tolerance, note: `counterexample: ${pointStr(p)}` },
        )
      : bad(
          'wrong-value',
          `not equivalent to the expected expression: at ${pointStr(p)} yours gives ${fa} but it should give ${fe} (${tolerance})`,
          { tolerance, note: `counterexample: ${pointStr(p)}` },
        );
  }
  // Too few usable points means the spec's ranges or the reference are wrong: a grader bug.
  if (valid < points.length / 2)
    throw referenceError(
      `expression reference is not finite at ${points.length - valid} of ${points.length} sample points; check the variable ranges`,
    );
  return (
    bad1 ??
    ok(order ? `correct order of growth (${tolerance})` : `equivalent at ${valid} random points (${tolerance})`, {
      tolerance,
    })
  );
}

function check(spec: ExpressionSpec, cases: CaseInput[], ctx: CheckContext): CheckResult {
  requireCases(cases, spec.kind);
  const variables = Object.keys(spec.variables);
  if (spec.mode === 'order') {
    if (spec.scaleVariable === undefined || spec.scaleBy === undefined)
      throw specError('expression mode order needs scaleVariable and scaleBy');
    if (!variables.includes(spec.scaleVariable))
      throw specError(`expression scaleVariable '${spec.scaleVariable}' is not one of the variables`);
  }
  const points = samplePoints(spec, ctx.seed);
  const verdicts = cases.map((c): Verdict => {
    if (c.expected.t !== 'string')
      throw referenceError(`expression expected value must be a mathjs string, got ${c.expected.t}`);
    let ref: Fn;
    try {
      ref = compileExpression(c.expected.v, variables);
    } catch (err) {
      throw referenceError(
        `expression expected value ${JSON.stringify(c.expected.v)} does not compile: ${(err as Error).message}`,
      );
    }
    const a = c.actual;
    const names = variables.length > 0 ? `in ${variables.join(', ')}` : 'without variables';
    if (a.t !== 'string')
      return bad(
        'wrong-type',
        `expected a mathjs expression string ${names} (e.g. '2/${variables[0] ?? 'x'}'), got ${whatIs(a)}`,
      );
    let mine: Fn;
    try {
      mine = compileExpression(a.v, variables);
    } catch (err) {
      if (err instanceof MathAnswerError)
        return bad('invalid-answer', `your expression cannot be used: ${err.message}`);
      throw err;
    }
    return grade(spec, ref, mine, points);
  });
  return combine(cases, verdicts);
}

/** What the schema cannot say: order mode's scaling, declared variables, sensible ranges. */
function rules(c: ExpressionSpec): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if ((c.mode ?? 'equivalent') === 'order' && (!c.scaleVariable || c.scaleBy === undefined)) {
    problems.push({
      path: 'check',
      message: 'order mode needs scaleVariable and scaleBy',
      fix: 'add scaleVariable: <variable> and scaleBy: <factor>',
    });
  }
  if (c.scaleVariable && !(c.scaleVariable in c.variables)) {
    problems.push({
      path: 'check.scaleVariable',
      message: `'${c.scaleVariable}' is not a declared variable`,
      fix: `use one of: ${Object.keys(c.variables).join(', ')}`,
    });
  }
  for (const [name, v] of Object.entries(c.variables)) {
    if (!(v.min < v.max))
      problems.push({
        path: `check.variables.${name}`,
        message: 'min must be below max',
        fix: 'swap or widen the range',
      });
    if (v.scale === 'log' && v.min <= 0)
      problems.push({
        path: `check.variables.${name}.min`,
        message: 'a log-scale range must be positive',
        fix: 'use min > 0',
      });
  }
  return problems;
}

export default defineCheck({
  kind: 'expression',
  description: 'A mathjs expression string, graded by equivalence at random points (or by its order of growth).',
  fields,
  answer: true,
  hintsByAnswer: true,
  feedback: 'on-submit',
  kitFields: ['variables'],
  wellFormed: (spec, a) => {
    if (a.t !== 'string') return `expected a mathjs expression string, got ${whatIs(a)}`;
    try {
      compileExpression(a.v, Object.keys(spec.variables));
      return undefined;
    } catch (err) {
      if (err instanceof MathAnswerError) return `your expression cannot be used: ${err.message}`;
      throw err;
    }
  },
  rules,
  grade: check,
});
