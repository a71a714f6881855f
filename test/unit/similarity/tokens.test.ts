// The similarity tokenizer: what a copier's disguises (names, comments, layout) leave unchanged, lines, and no crash ever.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tokenize } from '../../../grader/similarity/tokens.js';

const kinds = (src: string): string =>
  tokenize(src)
    .map((t) => t.kind)
    .join(' ');

describe('tokenize: normalized kinds', () => {
  it.each([
    ['identifiers, numbers and strings become classes', 'foo = bar + 42 * "hi"', 'I = I + N * S'],
    ['keywords and punctuators stay themselves', 'if (a >= b) return c ?? d;', 'if ( I >= I ) return I ?? I'],
    [
      'let, var and const are one declaration',
      'let a = 1; var b = 2; const c = 3',
      'const I = N const I = N const I = N',
    ],
    [
      'property names after . and ?. are kept',
      'tf.matMul(a, b).dataSync(); x?.shape',
      'I . matMul ( I , I ) . dataSync ( ) I ?. shape',
    ],
    ['spread is not a property access', 'f(...args)', 'I ( ... I )'],
    ['number forms', '0x1F + 1_000 + 1e-5 + .5 + 10n + 2.5E+3', 'N + N + N + N + N + N'],
    ['line and block comments go', 'a /* x\ny */ + b // c', 'I + I'],
    ['semicolons and trailing commas go', 'f(a, b,); [1, 2,];', 'I ( I , I ) [ N , N ]'],
    ['template without substitutions', 'x = `a b c`', 'I = S'],
    ['template with substitutions and a nested object', 'x = `a${ {p: 1}.p }b${y}c`', 'I = S { I : N } . p S I S'],
    ['regex literal after =', 'r = /ab+c\\/[/]/gi.test(s)', 'I = S . test ( I )'],
    ['division after a value', 'a / b / 2', 'I / I / N'],
    ['division after a property name', 'x.length / 2', 'I . length / N'],
    [
      'TS types: primitives are keywords, named types are identifiers',
      'let v: number[] = [] as Foo',
      'const I : number [ ] = [ ] as I',
    ],
    ['non-ASCII identifiers', 'const größe = ñ + π', 'const I = I + I'],
    ['arrow functions', '(v) => v * 2', '( I ) => I * N'],
  ])('%s', (_name, src, expected) => {
    expect(kinds(src)).toBe(expected);
  });
});

describe("tokenize: a copier's disguises are invisible", () => {
  const original = `export function f(x: tf.Tensor1D, n: number): tf.Tensor1D {
  const y = tf.relu(x.sub(n));
  return y.mul(2) as tf.Tensor1D;
}`;
  it.each([
    [
      'variables renamed',
      original.replace(/\bx\b/g, 'input').replace(/\by\b/g, 'activated').replace(/\bn\b/g, 'shift'),
    ],
    ['comments added', original.replace('{\n', '{ // start\n  /* the ramp */\n').replace('2)', '2 /* twice */)')],
    ['whitespace and line breaks changed', original.replace(/\n\s*/g, '\n\n      ').replace(/, /g, ',\n    ')],
    ['semicolons dropped', original.replace(/;/g, '')],
    ['const turned into let', original.replace('const', 'let')],
  ])('%s', (_name, disguised) => {
    expect(kinds(disguised)).toBe(kinds(original));
  });

  it('a different API call is visible', () => {
    expect(kinds(original.replace('tf.relu', 'tf.elu'))).not.toBe(kinds(original));
  });
});

describe('tokenize: lines and offsets', () => {
  it("keeps each token's 1-based line and offset, across comments, CRLF and multi-line strings", () => {
    const src = 'a\r\n/* one\ntwo */ b\n`x\ny` c\n"unterminated\nd';
    const toks = tokenize(src);
    expect(toks.map((t) => [t.kind, t.line])).toEqual([
      ['I', 1],
      ['I', 3],
      ['S', 4],
      ['I', 5],
      ['S', 6],
      ['I', 7],
    ]);
    for (const t of toks) expect(src.slice(0, t.offset).split('\n').length).toBe(t.line);
    expect(src[toks[1].offset]).toBe('b');
  });
});

describe('tokenize: never throws', () => {
  it.each([
    ['unterminated string', '"abc'],
    ['unterminated template', '`abc ${x'],
    ['unterminated block comment', 'a /* never closed'],
    ['unterminated regex', 'x = /abc'],
    ['stray closing braces', '}}} ) ]'],
    ['lone backslash and surrogate', '\\ \uD800 \uDC00 😀'],
    ['a string ending in a backslash', "'abc\\"],
    ['an empty input', ''],
    ['a lone dot and operators at the end', 'a.'],
  ])('%s', (_name, src) => {
    expect(() => tokenize(src)).not.toThrow();
  });

  it('on any string (property)', () => {
    const alphabet = fc.constantFrom(...'ab1 \n\t/*`${}\'"\\.?=<>()[];,+-#@é😀\r'.split(''));
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: alphabet, maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 })),
        (src) => {
          const toks = tokenize(src);
          // Lines never go backwards and stay within the source.
          const lines = src.split('\n').length;
          return toks.every((t, i) => t.line >= 1 && t.line <= lines && (i === 0 || t.line >= toks[i - 1].line));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
