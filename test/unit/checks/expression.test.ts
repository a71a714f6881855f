import { describe, expect, it } from 'vitest';
import expressionCheck, { mulberry32, samplePoints } from '../../../grader/checks/expression.js';
import type { CheckOf } from '../../../grader/spec/model.js';
import type { Wire } from '../../../grader/model/wire.js';
import { ctx, num, one, str } from './helpers.js';

/** The kind's grade function, as the registry calls it. */
const expression = expressionCheck.grade;

const p4: CheckOf<'expression'> = { kind: 'expression', variables: { n_in: { min: 1, max: 4096, scale: 'log' } } };
const p6: CheckOf<'expression'> = {
  kind: 'expression',
  variables: { n_in: { min: 16, max: 1024, integer: true }, alpha: { min: 0, max: 1 } },
};
const p1: CheckOf<'expression'> = {
  kind: 'expression',
  mode: 'order',
  variables: { eps: { min: 1e-6, max: 1e-2, scale: 'log' } },
  scaleVariable: 'eps',
  scaleBy: 0.01,
};

describe('expression: equivalence', () => {
  it.each<[string, CheckOf<'expression'>, string, Wire, string]>([
    ['p4 2/n_in', p4, '2/n_in', str('2/n_in'), 'correct'],
    ['p4 2/(n_in)', p4, '2/n_in', str('2/(n_in)'), 'correct'],
    ['p4 2*n_in^-1', p4, '2/n_in', str('2*n_in^-1'), 'correct'],
    ['p4 n_in/2', p4, '2/n_in', str('n_in/2'), 'wrong-value'],
    ['p4 1/n_in (Xavier)', p4, '2/n_in', str('1/n_in'), 'wrong-value'],
    ['p4 number instead of expression', p4, '2/n_in', num(0.0078125), 'wrong-type'],
    ['p4 undeclared variable', p4, '2/n_in', str('2/n'), 'invalid-answer'],
    ['p4 forbidden construct', p4, '2/n_in', str('n_in=2'), 'invalid-answer'],
    ['p4 syntax error', p4, '2/n_in', str('2/'), 'invalid-answer'],
    ['p6 reference form', p6, '2/((1+alpha^2)*n_in)', str('2/((1+alpha^2)*n_in)'), 'correct'],
    ['p6 expanded', p6, '2/((1+alpha^2)*n_in)', str('2/(n_in + n_in*alpha^2)'), 'correct'],
    ['p6 split', p6, '2/((1+alpha^2)*n_in)', str('(2/n_in) / (1 + alpha*alpha)'), 'correct'],
    ['p6 pow form', p6, '2/((1+alpha^2)*n_in)', str('2*pow(n_in*(1+alpha^2), -1)'), 'correct'],
    ['p6 missing the square', p6, '2/((1+alpha^2)*n_in)', str('2/((1+alpha)*n_in)'), 'wrong-value'],
    ['p6 He without alpha', p6, '2/((1+alpha^2)*n_in)', str('2/n_in'), 'wrong-value'],
    ['NaN-producing student expression', p4, '2/n_in', str('sqrt(-n_in)'), 'wrong-value'],
  ])('%s', async (_n, spec, expected, actual, reason) => {
    const r = await expression(spec, one(str(expected), actual), ctx);
    expect(r.reason).toBe(reason);
    expect(r.fraction).toBe(reason === 'correct' ? 1 : 0);
  });

  it('reports a counterexample point', async () => {
    const r = await expression(p4, one(str('2/n_in'), str('n_in/2')), ctx);
    expect(r.message).toMatch(
      /^not equivalent to the expected expression: at n_in = \S+ yours gives \S+ but it should give \S+ \(rtol 1e-6, atol 1e-9\)$/,
    );
    expect(r.cases![0].note).toMatch(/^counterexample: n_in = /);
  });

  it('skips points where the reference is not finite, and throws when most are', async () => {
    const half: CheckOf<'expression'> = { kind: 'expression', variables: { x: { min: -1, max: 1 } } };
    // sqrt(x) is NaN for x < 0: about half the points; the student's form agrees on the rest.
    const r = await expression(
      { ...half, variables: { x: { min: -0.5, max: 1 } } },
      one(str('sqrt(x)'), str('x^(1/2)')),
      ctx,
    );
    expect(r.reason).toBe('correct');
    expect(() =>
      expression({ ...half, variables: { x: { min: -1, max: -0.1 } } }, one(str('sqrt(x)'), str('sqrt(x)')), ctx),
    ).toThrow(/not finite/);
  });

  it('throws when the reference does not compile (reference bug)', () => {
    expect(() => expression(p4, one(str('2/n'), str('2/n_in')), ctx)).toThrow(/does not compile/);
  });
});

describe('expression: order mode (p1: N(eps/100)/N(eps) ≈ 10)', () => {
  it.each<[string, string, string]>([
    ['1/sqrt(eps)', '1/sqrt(eps)', 'correct'],
    ['0.5*eps^(-1/2)', '0.5*eps^(-1/2)', 'correct'],
    ['1/(2*sqrt(eps))', '1/(2*sqrt(eps))', 'correct'],
    ['eps^-0.5 * 7', 'eps^-0.5 * 7', 'correct'],
    ['1/eps grows too fast', '1/eps', 'wrong-value'],
    ['log(1/eps) grows too slowly', 'log(1/eps)', 'wrong-value'],
    ['sqrt(eps) shrinks', 'sqrt(eps)', 'wrong-value'],
    ['constant', '3', 'wrong-value'],
  ])('%s', async (_n, actual, reason) => {
    const r = await expression(p1, one(str('1/(2*sqrt(eps))'), str(actual)), ctx);
    expect(r.reason).toBe(reason);
  });

  it('explains the growth factor', async () => {
    const r = await expression(p1, one(str('1/(2*sqrt(eps))'), str('1/eps')), ctx);
    expect(r.message).toMatch(
      /^wrong order of growth: scaling eps by 0\.01 should multiply the value by 10, but yours multiplies it by 100 /,
    );
  });

  it('needs scaleVariable and scaleBy (spec bug)', () => {
    expect(() => expression({ ...p1, scaleBy: undefined }, one(str('1/sqrt(eps)'), str('1/sqrt(eps)')), ctx)).toThrow(
      /scaleBy/,
    );
  });
});

describe('sampling', () => {
  it('mulberry32 is deterministic and in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(8)()).not.toBe(xs[0]);
  });

  it('respects ranges, log scale and integers', () => {
    const pts = samplePoints(
      {
        ...p6,
        variables: { n: { min: 2, max: 9, integer: true }, s: { min: 1e-6, max: 1, scale: 'log' } },
        samples: 500,
      },
      3,
    );
    expect(pts).toHaveLength(500);
    expect(pts.every((p) => Number.isInteger(p.n) && p.n >= 2 && p.n <= 9)).toBe(true);
    expect(pts.every((p) => p.s >= 1e-6 && p.s <= 1)).toBe(true);
    // log-uniform: about half the points below 1e-3
    const low = pts.filter((p) => p.s < 1e-3).length;
    expect(low).toBeGreaterThan(200);
    expect(low).toBeLessThan(300);
  });

  it('uses 64 samples by default, from ctx.seed', () => {
    expect(samplePoints(p4, 1)).toHaveLength(64);
    expect(samplePoints(p4, 1)).toEqual(samplePoints(p4, 1));
    expect(samplePoints(p4, 1)).not.toEqual(samplePoints(p4, 2));
  });
});
