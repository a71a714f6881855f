// Fuzz: a student's answer string (a number like 'sqrt(2/128)' or a formula in declared variables) becomes a number
// or a MathAnswerError, quickly, whatever the string: never another exception, never a hang, never mathjs' full power.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpuNow } from '../helpers/load.js';
import {
  ALLOWED_FUNCTIONS,
  MAX_LENGTH,
  MathAnswerError,
  compileExpression,
  parseNumberAnswer,
} from '../../grader/math/restricted.js';

const SEED = 20_240_502;
/** Parse + whitelist walk + evaluate of at most MAX_LENGTH characters, in CPU ms: far below this unless something explodes. */
const BUDGET_MS = 250;

function outcome(f: () => number): number | MathAnswerError {
  const t0 = cpuNow();
  let out: number | MathAnswerError;
  try {
    out = f();
    expect(typeof out).toBe('number');
  } catch (e) {
    if (!(e instanceof MathAnswerError)) throw new Error(`not a MathAnswerError: ${(e as Error)?.stack ?? String(e)}`);
    expect(e.message.length).toBeGreaterThan(0);
    out = e;
  }
  expect(cpuNow() - t0).toBeLessThan(BUDGET_MS);
  return out;
}

/** Token soup close to what mathjs parses, so the generator reaches deep into the parser, not just its first error. */
const TOKENS = [
  ...ALLOWED_FUNCTIONS,
  'pi',
  'e',
  'x',
  'n',
  'fanIn',
  'k',
  '(',
  ')',
  '(',
  ')',
  '+',
  '-',
  '*',
  '/',
  '^',
  '.^',
  '!',
  '%',
  ',',
  ';',
  '\n',
  '1',
  '2',
  '0.5',
  '1e308',
  '1e-320',
  '-0',
  'Infinity',
  'NaN',
  'i',
  '2i',
  '[',
  ']',
  '{',
  '}',
  ':',
  '=',
  '==',
  '?',
  '.',
  "'",
  '"',
  'f(x)=x',
  'import',
  'evaluate',
  'parse',
  'createUnit',
  'cos',
  'mod',
  'and',
  'not',
  'to',
  'cm',
  'deg',
  'factorial',
  'gamma',
  'zeros(1e9)',
  'range(1,1e9)',
  '\u0000',
  '\u202e',
  '１',
  '½',
  'π',
  ' ',
];
const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join(''));

describe('fuzz: answer parser', () => {
  it('random strings as number answers', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (s) => void outcome(() => parseNumberAnswer(s))),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('mathjs-like token soup, as numbers and as formulas in declared variables', () => {
    fc.assert(
      fc.property(soup, fc.double(), (s, x) => {
        outcome(() => parseNumberAnswer(s));
        outcome(() => compileExpression(s, ['x', 'n'])({ x, n: 3 }));
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('huge and deeply nested input is refused or evaluated within the budget', () => {
    const half = Math.floor((MAX_LENGTH - 1) / 2);
    const inputs = [
      `${'('.repeat(half)}1${')'.repeat(half)}`,
      `${'sqrt('.repeat(Math.floor((MAX_LENGTH - 1) / 6))}2${')'.repeat(Math.floor((MAX_LENGTH - 1) / 6))}`,
      '-'.repeat(MAX_LENGTH),
      `${'2^'.repeat(Math.floor(MAX_LENGTH / 2) - 1)}2`,
      `${'1+'.repeat(Math.floor(MAX_LENGTH / 2) - 1)}1`,
      `${'('.repeat(100_000)}1${')'.repeat(100_000)}`,
      'x'.repeat(10_000_000),
      '9'.repeat(MAX_LENGTH),
      `0.${'0'.repeat(MAX_LENGTH - 3)}1`,
      `nthRoot(${'9'.repeat(300)}, 0)`,
    ];
    for (const s of inputs) {
      outcome(() => parseNumberAnswer(s));
      outcome(() => compileExpression(s, ['x'])({ x: 1 }));
    }
  });

  it('mathjs features outside the whitelist are refused, not executed', () => {
    for (const s of [
      'import({x: 1})',
      'evaluate("1")',
      'f(x) = x',
      'a = 1',
      '[1, 2]',
      '{a: 1}',
      '1:3',
      'x ? 1 : 2',
      'cos.constructor("return process")()',
      'sqrt["constructor"]',
      '1 cm',
      'factorial(170)',
      '5!',
      '"str"',
      'true',
    ]) {
      expect(outcome(() => parseNumberAnswer(s))).toBeInstanceOf(MathAnswerError);
    }
  });
});
