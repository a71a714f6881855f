// The restricted mathjs: every escape hatch is rejected with a message naming it; plain math works.
import { describe, expect, it } from 'vitest';
import { MathAnswerError, compileExpression, parseNumberAnswer } from '../../../grader/math/restricted.js';

describe('parseNumberAnswer', () => {
  it.each([
    ['sqrt(2/128)', 0.125],
    ['2^-100', 2 ** -100],
    ['pi', Math.PI],
    ['e^2', Math.E ** 2],
    ['0.125', 0.125],
    ['-3', -3],
    ['+3', 3],
    ['2 pi', 2 * Math.PI],
    ['(1 + 2) * 3', 9],
    ['nthRoot(27, 3)', 3],
    ['log(100, 10)', 2],
    ['max(1, 5, 2) - min(3, 4)', 2],
    ['1e-3', 1e-3],
    ['0.25^10', 0.25 ** 10],
  ])('accepts %s', (s, v) => {
    expect(parseNumberAnswer(s)).toBeCloseTo(v, 12);
  });

  it.each([
    ['import({}, {})', /import/],
    ['createUnit("x")', /createUnit/],
    ['evaluate("1")', /evaluate/],
    ['parse("1")', /parse/],
    ['f(x)=x', /function definition/],
    ['x=1', /assignment/],
    ['[1,2]', /array/],
    ['{a:1}', /object/],
    ['a.b', /access/],
    ['a[1]', /access/],
    ['"str"', /"str"/],
    ['1:3', /range/],
    ['unknownFn(1)', /unknownFn/],
    ['x;y', /statement/],
    ['1\n2', /statement/],
    ['x', /unknown symbol 'x'/],
    ['sqrt', /is a function/],
    ['true', /only numbers/],
    ['3!', /operator '!'/],
    ['5 mod 2', /operator 'mod'/],
    ['1 == 1', /operator '=='/],
    ['1 < 2 < 3', /comparison/],
    ['1 ? 2 : 3', /conditional/],
    ['(sqrt)(4)', /'sqrt' is a function/],
    ['a.b(1)', /named functions/],
    ['cos["constructor"]', /access/],
    ['', /empty/],
    ['   ', /empty/],
    ['2 +', /could not parse/],
    ['1'.repeat(501), /500/],
    [Array.from({ length: 150 }, () => '1').join('+'), /parts; the limit is 200/],
    ['cos.constructor', /access/],
    ['sqrt.constructor("return 1")()', /could not parse/],
    ['cos.constructor("return 1")', /named functions/],
  ])('rejects %j', (s, msg) => {
    expect(() => parseNumberAnswer(s)).toThrow(MathAnswerError);
    expect(() => parseNumberAnswer(s)).toThrow(msg);
  });

  it('reports evaluation errors as MathAnswerError', () => {
    expect(() => parseNumberAnswer('min()')).toThrow(MathAnswerError);
  });

  it('keeps non-finite results as numbers (the caller decides)', () => {
    expect(parseNumberAnswer('sqrt(-1)')).toBeNaN();
    expect(parseNumberAnswer('1/0')).toBe(Infinity);
  });
});

describe('compileExpression', () => {
  it.each([
    ['1/sqrt(eps)', ['eps'], { eps: 0.01 }, 10],
    ['0.5*eps^(-1/2)', ['eps'], { eps: 0.01 }, 5],
    ['2/n_in', ['n_in'], { n_in: 256 }, 2 / 256],
    ['2/((1+alpha^2)*n_in)', ['n_in', 'alpha'], { n_in: 100, alpha: 0.01 }, 2 / (1.0001 * 100)],
    ['e * x', ['x'], { x: 2 }, 2 * Math.E],
    ['e', ['e'], { e: 3 }, 3],
  ])('%s', (s, vars, scope, v) => {
    expect(compileExpression(s, vars)(scope)).toBeCloseTo(v, 12);
  });

  it('rejects undeclared variables, naming the declared ones', () => {
    expect(() => compileExpression('2/n', ['n_in'])).toThrow(/unknown symbol 'n'.*n_in/);
  });

  it('uses a fresh scope per call: assignments cannot leak (and are rejected anyway)', () => {
    const f = compileExpression('x + 1', ['x']);
    expect(f({ x: 1 })).toBe(2);
    expect(f({ x: 2 })).toBe(3);
    expect(() => compileExpression('x = 5', ['x'])).toThrow(MathAnswerError);
  });

  it('ignores scope keys that are not declared variables', () => {
    const f = compileExpression('x', ['x']);
    expect(f({ x: 1, sqrt: 5 } as Record<string, number>)).toBe(1);
  });
});
