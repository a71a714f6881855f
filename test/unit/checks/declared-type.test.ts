// The form check of a part's declared type: every catalog type reads, and a value is refused for what the type and the
// part's `shapes` say (element types, keys, ranks, sizes), with what to fix; what a kind's grade accepts passes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { describeType, parseDeclared } from '../../../grader/checks/declared-type.js';
import { formProblem, firstMalformed, type FormPart } from '../../../grader/checks/form.js';
import type { Wire } from '../../../grader/model/wire.js';
import { ROOT } from '../../helpers/cli.js';
import { bool, num, nums, obj, str, strs, tensor, arr, nul } from './helpers.js';

const XOR: FormPart = {
  id: 'xorNet',
  type: '{ w1: number[][]; b1: number[]; w2: number[]; b2: number }',
  shapes: { w1: [2, 3], b1: [3], w2: [3], b2: [] },
  check: { kind: 'behavior' },
};
const net = (over: Record<string, Wire> = {}): Wire =>
  obj({ w1: arr(nums(1, -1, 0), nums(-1, 1, 0)), b1: nums(0, 0, 0), w2: nums(1, 1, 0), b2: num(-1), ...over });
const part = (type: string, kind = 'numeric', check: Record<string, unknown> = {}): FormPart => ({
  id: 'x',
  type,
  check: { kind, ...check },
});

/** [part, value, undefined (well-formed) or fragments of the problem]. */
const TABLE: [string, FormPart, Wire, string[] | undefined][] = [
  ['xor: plain arrays', XOR, net(), undefined],
  [
    'xor: w1 and b1 as tensors (the prompt accepts them)',
    XOR,
    net({ w1: tensor([2, 3], [1, -1, 0, -1, 1, 0]), b1: tensor([3], [0, 0, 0.5]) }),
    undefined,
  ],
  [
    'xor: b1 of 2 entries and b2 a string',
    XOR,
    net({ b1: nums(0, 0), b2: str('0') }),
    ['xorNet.b1 has shape [2]; it must have shape [3]', 'xorNet.b2 must be a number', 'without quotes'],
  ],
  [
    'xor: w1 laid out [3, 2]',
    XOR,
    net({ w1: arr(nums(1, -1), nums(-1, 1), nums(0, 0)) }),
    ['xorNet.w1 has shape [3, 2]; it must have shape [2, 3]'],
  ],
  [
    'xor: w1 a tensor of the wrong shape',
    XOR,
    net({ w1: tensor([3, 2], [1, -1, -1, 1, 0, 0]) }),
    ['xorNet.w1 has shape [3, 2]'],
  ],
  [
    'xor: w1 as a list of row tensors (each row is a number[] the kind accepts as a tensor)',
    XOR,
    net({ w1: arr(tensor([3], [1, -1, 0]), tensor([3], [-1, 1, 0])) }),
    undefined,
  ],
  [
    'xor: w1 as a list of row tensors of the wrong length',
    XOR,
    net({ w1: arr(tensor([2], [1, -1]), tensor([2], [-1, 1])) }),
    ['xorNet.w1 has shape [2, 2]; it must have shape [2, 3]'],
  ],
  ['xor: ragged w1', XOR, net({ w1: arr(nums(1, -1, 0), nums(-1, 1)) }), ['xorNet.w1 is ragged']],
  [
    'xor: ragged w1 of row tensors',
    XOR,
    net({ w1: arr(tensor([3], [1, -1, 0]), tensor([2], [-1, 1])) }),
    ['xorNet.w1 is ragged'],
  ],
  ['xor: a string inside w2', XOR, net({ w2: arr(num(1), str('1'), num(0)) }), ['xorNet.w2[1] must be a number']],
  [
    'xor: b2 missing',
    XOR,
    obj({ w1: arr(nums(1, -1, 0), nums(-1, 1, 0)), b1: nums(0, 0, 0), w2: nums(1, 1, 0) }),
    ['xorNet.b2 is missing'],
  ],
  ['xor: b2 an array', XOR, net({ b2: nums(0) }), ['xorNet.b2 must be a number']],
  ['xor: not an object', XOR, nums(1, 2), ['xorNet must be an object { w1, b1, w2, b2 }']],
  ['xor: NaN bias', XOR, net({ b2: num(Number.NaN) }), ['finite']],
  ['number: a mathjs string for a numeric part', part('number'), str('sqrt(3)/5'), undefined],
  ['number: a string that is no number', part('number'), str('one half'), ['could not read']],
  ['number | string: either', part('number | string'), str('2^-3'), undefined],
  ['number | string: a boolean (the kind says it first)', part('number | string'), bool(true), ['expected a number']],
  [
    'number | string: a boolean, for a kind without a form check of its own',
    part('number | string', 'behavior'),
    bool(true),
    ['must be number | string'],
  ],
  [
    'string[]: a multi-choice pick',
    part('string[]', 'multi-choice', {
      options: [
        { id: 'a', text: 'A' },
        { id: 'b', text: 'B' },
      ],
    }),
    strs('a', 'b'),
    undefined,
  ],
  [
    "'wide' | 'deep': a choice",
    part("'wide' | 'deep'", 'choice', {
      options: [
        { id: 'wide', text: 'W' },
        { id: 'deep', text: 'D' },
      ],
    }),
    str('deep'),
    undefined,
  ],
  ['boolean', part('boolean', 'boolean'), bool(false), undefined],
  [
    'function returning number[]: its value',
    part('(x: tf.Tensor2D, weights: tf.Tensor2D[]) => number[]'),
    nums(1, 0.5),
    undefined,
  ],
  [
    'function returning number[]: a tensor is not one (numeric reads plain numbers)',
    part('(x: tf.Tensor2D) => number[]'),
    tensor([2], [1, 2]),
    ['return plain numbers'],
  ],
  ['tf.Tensor2D: rank 1', part('(a: number) => tf.Tensor2D', 'tensor'), tensor([3], [1, 2, 3]), ['rank-2 tensor']],
  [
    'an object of number arrays',
    part('(n: number) => { knots: number[]; weights: number[] }'),
    obj({ knots: nums(0, 0.5), weights: nums(0.5, 1) }),
    undefined,
  ],
  ['null', part('number'), nul, ['got null']],
];

describe('formProblem: the declared type and shapes, never the value', () => {
  it.each(TABLE)('%s', (_name, p, value, fragments) => {
    const got = formProblem(p, value);
    if (fragments === undefined) expect(got).toBeUndefined();
    else for (const f of fragments) expect(got).toContain(f);
  });

  it('names the case and the declared type (the kit and the course say the same)', () => {
    const bad = firstMalformed(part('(k: number) => number'), [num(1), str('x')], ['f(1)', 'f(2)']);
    expect(bad?.index).toBe(1);
    expect(bad?.message).toMatch(/on f\(2\): .*\(expected \(k: number\) => number\)$/);
  });
});

describe('parseDeclared', () => {
  it('reads every type the catalog declares, to no type it cannot check', () => {
    const types = readdirSync(join(ROOT, 'exercises'))
      .filter((n) => n.endsWith('.yaml'))
      .flatMap((n) =>
        (parse(readFileSync(join(ROOT, 'exercises', n), 'utf8')) as { parts: { type: string }[] }).parts.map(
          (p) => p.type,
        ),
      );
    expect(types.length).toBeGreaterThan(50);
    for (const t of types) {
      const d = parseDeclared(t);
      expect(d, t).toBeDefined();
      expect(JSON.stringify(d), t).not.toContain('"any"');
    }
  });

  it.each([
    [
      '{ w1: number[][]; b1: number[]; w2: number[]; b2: number }',
      '{ w1: number[][]; b1: number[]; w2: number[]; b2: number }',
    ],
    ["'grow' | 'shrink' | 'constant'", "'grow' | 'shrink' | 'constant'"],
    [
      '(jacobians: tf.Tensor3D, grad: tf.Tensor1D) => { plain: number[]; residual: number[] }',
      'a function returning { plain: number[]; residual: number[] }',
    ],
    ['(number | string)[]', '(number | string)[]'],
  ])('%s', (text, described) => expect(describeType(parseDeclared(text)!)).toBe(described));

  it('does not guess at what it cannot read', () => {
    for (const t of ['{ a: number', 'number number', 'Map<string, number>', ''])
      expect(parseDeclared(t), t).toBeUndefined();
  });
});
