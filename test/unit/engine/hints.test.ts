// Author hints: where a spec may put them, what `grade validate` refuses (a "wrong" answer that is right, a hint that
// spells out the answer, a mistake equal to the reference), and which failing cases they attach to.
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../../grader/spec/load.js';
import { hintProblems, withHints } from '../../../grader/engine/hints.js';
import type { PreparedPart } from '../../../grader/engine/api.js';
import type { PartSpec } from '../../../grader/spec/model.js';
import { CHECKS } from '../../../grader/checks/registry.js';
import type { CaseInput } from '../../../grader/model/outcome.js';
import type { Wire } from '../../../grader/model/wire.js';
import { ctx, num, str, strs } from '../checks/helpers.js';

const spec = (part: string) => `id: toy
title: Toy
prompt: p
parts:
${part}`;
const problems = (part: string) =>
  parseSpec(spec(part), 'toy.yaml', 'toy.yaml').problems.map((p) => `${p.path}: ${p.message}`);

const numericValue = (hints: string, extra = '') => `  - id: v
    type: number
    mode: value
    points: 1
    prompt: p
    check: { kind: numeric }${extra}
    hints:
${hints}`;

describe('where hints may go (spec rules)', () => {
  it.each([
    ['an answer hint on a numeric value', numericValue('      - { answer: 2, say: s }'), []],
    [
      'two keys at once',
      numericValue('      - { answer: 2, diagnosis: scaled, say: s }'),
      ['parts[0].hints[0]: a hint keys on exactly one of answer, diagnosis and mistake'],
    ],
    [
      'no key',
      numericValue('      - { say: s }'),
      ['parts[0].hints[0]: a hint keys on exactly one of answer, diagnosis and mistake'],
    ],
    // A course may hide a part that has hints: they stay in the spec, and no report shows them (below).
    ['a hidden part', numericValue('      - { answer: 2, say: s }', '\n    visibility: hidden'), []],
    [
      'a diagnosis the kind never names',
      numericValue('      - { diagnosis: truncated-normal, say: s }'),
      ["parts[0].hints[0].diagnosis: a numeric check never names 'truncated-normal'"],
    ],
    [
      'a reference mistake on a value part',
      numericValue('      - { mistake: wrongOne, say: s }'),
      ['parts[0].hints[0].mistake: a numeric value part cannot key hints on a reference mistake'],
    ],
    [
      'an answer on a call part',
      numericValue('      - { answer: 2, say: s }').replace('mode: value', 'mode: call'),
      ['parts[0].hints[0].answer: a numeric call part cannot key hints on an answer'],
    ],
  ])('%s', (_name, part, want) => {
    expect(problems(part)).toEqual(want);
  });
});

const part = (p: Partial<PartSpec>, cases: PreparedPart['cases']): PreparedPart => ({
  spec: {
    id: 'v',
    type: 'number',
    mode: 'value',
    points: 1,
    prompt: 'p',
    check: { kind: 'numeric' },
    ...p,
  } as PartSpec,
  cases,
});

describe('what validate refuses', () => {
  it.each<[string, PreparedPart, string[]]>([
    [
      'a "wrong" answer that is the right one',
      part({ hints: [{ answer: '1/8', say: 'no' }] }, [{ label: 'v', args: [], expected: num(0.125) }]),
      ['p.hints[0].answer'],
    ],
    [
      'a hint that spells out the answer',
      part(
        {
          check: {
            kind: 'choice',
            options: [
              { id: 'shrink', text: 't' },
              { id: 'grow', text: 't' },
            ],
          },
          hints: [{ answer: 'grow', say: 'the answer is shrink' }],
        },
        [{ label: 'v', args: [], expected: str('shrink') }],
      ),
      ['p.hints[0].say'],
    ],
    [
      'a multi-choice pick that is a right one',
      part(
        {
          check: {
            kind: 'multi-choice',
            options: [
              { id: 'a', text: 't' },
              { id: 'b', text: 't' },
            ],
            penaltyPerWrong: 0.5,
          },
          hints: [{ answer: 'a', say: 's' }],
        },
        [{ label: 'v', args: [], expected: strs('a') }],
      ),
      ['p.hints[0].answer'],
    ],
    [
      'a mistake that gives the right value everywhere',
      part({ mode: 'call', hints: [{ mistake: 'same', say: 's' }] }, [
        { label: 'c', args: [num(1)], expected: num(2), mistakes: { same: num(2) } },
      ]),
      ['p.hints[0].mistake'],
    ],
    [
      'a fine hint',
      part({ hints: [{ answer: 1, say: 'think about what a ReLU zeroes' }] }, [
        { label: 'v', args: [], expected: num(0.5) },
      ]),
      [],
    ],
  ])('%s', async (_name, p, paths) => {
    expect((await hintProblems(p, ctx, 'p')).map((x) => x.path)).toEqual(paths);
  });
});

/** Grade a part and attach its hints, as the engine does. */
async function hinted(p: PreparedPart, actuals: Wire[]) {
  const cases: CaseInput[] = p.cases.map((c, i) => ({
    label: c.label,
    args: c.args,
    expected: c.expected,
    actual: actuals[i],
  }));
  const result = await withHints(p, cases, await CHECKS.run(p.spec.check, cases, ctx), ctx);
  return result.cases!.map((c) => c.hint ?? null);
}

describe('which failing cases a hint is for', () => {
  const calls = (mistake: number[]) =>
    [1, 2, 3, 4].map((k, i) => ({
      label: `f(${k})`,
      args: [num(k)],
      expected: num(2 ** k),
      mistakes: { linear: num(2 * k), teeth: num(mistake[i]) },
    }));
  const counted = part(
    {
      mode: 'call',
      hints: [
        { mistake: 'teeth', say: 'teeth' },
        { mistake: 'linear', say: 'linear' },
      ],
    },
    calls([1, 2, 4, 8]),
  );

  it('a mistake hint explains every failing case, or it is not the mistake (2k equals 2^(k-1) at k = 4 by chance)', async () => {
    // 2k: right at k = 1 and 2, and at k = 4 it also equals the teeth count; only "linear" fits every failing case.
    expect(await hinted(counted, [num(2), num(4), num(6), num(8)])).toEqual([null, null, 'linear', 'linear']);
    expect(await hinted(counted, [num(1), num(2), num(4), num(8)])).toEqual(['teeth', 'teeth', 'teeth', 'teeth']);
    expect(await hinted(counted, [num(3), num(5), num(7), num(9)])).toEqual([null, null, null, null]);
  });

  it("an answer hint matches by the check's own comparison (a mathjs string equal to the number)", async () => {
    const p = part({ hints: [{ answer: '16/3', say: 'unbiased' }] }, [{ label: 'v', args: [], expected: num(4) }]);
    expect(await hinted(p, [num(16 / 3)])).toEqual(['unbiased']);
    expect(await hinted(p, [str('16/3')])).toEqual(['unbiased']);
    expect(await hinted(p, [num(5)])).toEqual([null]);
  });

  it('a multi-choice hint is for every answer that includes the wrong pick', async () => {
    const p = part(
      {
        check: {
          kind: 'multi-choice',
          options: [
            { id: 'a', text: 't' },
            { id: 'b', text: 't' },
            { id: 'c', text: 't' },
          ],
          penaltyPerWrong: 0.5,
        },
        hints: [{ answer: 'c', say: 'not c' }],
      },
      [{ label: 'v', args: [], expected: strs('a', 'b') }],
    );
    expect(await hinted(p, [strs('a', 'b', 'c')])).toEqual(['not c']);
    expect(await hinted(p, [strs('a')])).toEqual([null]);
  });

  it('a diagnosis hint goes with the diagnosis, and a hidden part gets none', async () => {
    const p = part({ mode: 'call', hints: [{ diagnosis: 'reversed', say: 'order' }] }, [
      { label: 'f', args: [], expected: { t: 'array', items: [num(1), num(2), num(3)] } },
    ]);
    const reversed: Wire = { t: 'array', items: [num(3), num(2), num(1)] };
    expect(await hinted(p, [reversed])).toEqual(['order']);
    expect(await hinted({ ...p, spec: { ...p.spec, visibility: 'hidden' } }, [reversed])).toEqual([null]);
  });
});
