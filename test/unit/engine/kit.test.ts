// A student kit's pieces: the spec a kit may hold of a part, its public cases, the JSON wire codec, the form-only part.
import { describe, expect, it } from 'vitest';
import { kitExerciseOf, kitPart } from '../../../grader/bundle/kit-spec.js';
import { formOnly } from '../../../grader/engine/on-submit.js';
import { wireFromJson, wireToJson } from '../../../grader/model/wire-json.js';
import { feedbackOf, type PartSpec } from '../../../grader/spec/model.js';
import { parseSpec } from '../../../grader/spec/load.js';
import type { PreparedExercise } from '../../../grader/engine/api.js';
import type { Wire } from '../../../grader/model/wire.js';
import { num, obj, str, tensor, nul, strs } from '../checks/helpers.js';

const choice: PartSpec = {
  id: 'answer',
  type: 'string',
  mode: 'value',
  points: 1,
  prompt: 'Pick one.',
  check: {
    kind: 'choice',
    why: 'b: the skip path keeps the gradient',
    options: [
      { id: 'a', text: 'x' },
      { id: 'b', text: 'y' },
    ],
  },
  hints: [{ answer: 'a', say: 'a forgets the skip path' }],
};
const code: PartSpec = {
  id: 'f',
  type: '(x: number) => number',
  mode: 'call',
  points: 2,
  prompt: 'Compute.',
  check: { kind: 'numeric', rtol: 1e-6, why: 'float64' },
};
const multi: PartSpec = {
  ...choice,
  id: 'picks',
  check: {
    kind: 'multi-choice',
    options: choice.check.kind === 'choice' ? choice.check.options : [],
    required: 2,
    penaltyPerWrong: 0.5,
  },
};

describe('feedbackOf', () => {
  it.each([
    [choice, 'on-submit'],
    [code, 'immediate'],
    [{ ...code, mode: 'value' as const }, 'on-submit'],
    [{ ...code, feedback: 'on-submit' as const }, 'on-submit'],
    [{ ...choice, feedback: 'immediate' as const }, 'immediate'],
    [{ ...code, visibility: 'hidden' as const }, 'hidden'],
  ])('%#: %j', (part, want) => expect(feedbackOf(part)).toBe(want));
});

describe('kitPart: what a kit holds of a part', () => {
  it("an on-submit part loses its why, hints and every check field but the form check's", () => {
    expect(kitPart(choice)).toEqual({
      id: 'answer',
      type: 'string',
      mode: 'value',
      points: 1,
      prompt: 'Pick one.',
      feedback: 'on-submit',
      check: {
        kind: 'choice',
        options: [
          { id: 'a', text: 'x' },
          { id: 'b', text: 'y' },
        ],
      },
    });
    // `required` tells how many picks are right: it stays home.
    expect(kitPart(multi).check).toEqual({
      kind: 'multi-choice',
      options: [
        { id: 'a', text: 'x' },
        { id: 'b', text: 'y' },
      ],
    });
  });
  it('an immediate part is kept whole (its expected values ship anyway)', () => expect(kitPart(code)).toBe(code));
});

describe('kitExerciseOf: cases', () => {
  const ex: PreparedExercise = {
    spec: { id: 'toy', title: 'Toy', prompt: 'p', parts: [choice, code] },
    file: 'toy.yaml',
    behaviors: {},
    parts: [
      { spec: choice, cases: [{ label: 'answer', args: [], expected: str('b') }] },
      {
        spec: code,
        cases: [
          { label: 'x = 2', args: [num(2)], expected: num(4), mistakes: { doubled: num(8) } },
          { label: 'x = 7', args: [num(7)], expected: num(49), hidden: true },
        ],
      },
    ],
  };
  const kit = kitExerciseOf(ex);
  it('an on-submit value part ships its label only', () =>
    expect(kit.cases.answer).toEqual([{ label: 'answer', args: [] }]));
  it('an immediate part ships its public cases with expected values and mistakes; never a hidden case', () => {
    expect(kit.cases.f).toEqual([
      {
        label: 'x = 2',
        args: [{ t: 'number', v: 2 }],
        expected: { t: 'number', v: 4 },
        mistakes: { doubled: { t: 'number', v: 8 } },
      },
    ]);
  });
});

describe('wire JSON codec', () => {
  const values: Wire[] = [
    num(Number.NaN),
    num(-0),
    num(Infinity),
    num(-Infinity),
    num(0.1),
    str('2/n'),
    nul,
    tensor([2, 2], [1.5, -2, 0, 3e-8]),
    tensor([3], [1, 2, 3], 'int32'),
    tensor([2], [1, 0], 'bool'),
    obj({ a: strs('x', 'y') }),
  ];
  it.each(values.map((v) => [v]))('%j round-trips exactly', (v) => {
    const back = wireFromJson(JSON.parse(JSON.stringify(wireToJson(v))));
    expect(back).toEqual(v);
    if (v.t === 'number') expect(Object.is((back as { v: number }).v, v.v)).toBe(true);
  });
});

describe('formOnly: a kit part checked for form', () => {
  it.each([
    [choice, [str('b')], 'recorded', 'recorded'],
    [choice, [str('z')], 'failed', 'invalid-answer'],
    [choice, [nul], 'failed', 'invalid-answer'],
    [code, [num(1), num(Number.NaN)], 'failed', 'invalid-answer'],
  ] as const)('%#', (part, values, status, reason) => {
    const r = formOnly(part, 'on-submit', [...values], ['x = 2', 'x = 3']);
    expect([r.status, r.reason, r.score]).toEqual([status, reason, 0]);
    if (status === 'failed' && values.length > 1) expect(r.message).toMatch(/on x = 3/);
  });
});

describe('the spec rule', () => {
  it('a behavior part cannot be immediate (its predicate is reference code)', () => {
    const yaml = `id: toy\ntitle: T\nprompt: p\nparts:\n  - { id: net, type: number, mode: value, points: 1, prompt: q, feedback: immediate, check: { kind: behavior, predicate: works } }\n`;
    expect(parseSpec(yaml, 'toy.yaml', 'exercises/toy.yaml').problems.map((p) => p.path)).toEqual([
      'parts[0].feedback',
    ]);
  });
});
