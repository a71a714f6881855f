// Adding a check kind is one file (test/fixtures/kinds/whole-number.ts) plus one line (the list below): the spec
// schema, spec rules, grading, what a report may show and `grade show` all follow from the definition.
import { describe, expect, it } from 'vitest';
import { CHECKS, checkRegistry } from '../../../grader/checks/registry.js';
import { feedbackFor } from '../../../grader/checks/define.js';
import { parseSpec } from '../../../grader/spec/load.js';
import { partFromCheck } from '../../../grader/engine/score.js';
import type { PartSpec } from '../../../grader/spec/model.js';
import wholeNumber from '../../fixtures/kinds/whole-number.js';
import { ctx, num, one } from './helpers.js';

const checks = checkRegistry([...CHECKS.kinds, wholeNumber]);

const spec = (max: number, extra = '') => `id: toy
title: Toy
prompt: Count the layers.
parts:
  - id: layers
    type: number
    mode: value
    points: 2
    prompt: How many?
    check: { kind: whole-number, max: ${max}${extra} }
`;

describe('a new check kind from one file and one line', () => {
  it('specs may use it: the schema knows its fields, its rules run, a typo is still an error', () => {
    const ok = parseSpec(spec(10), 'toy.yaml', 'exercises/toy.yaml', checks);
    expect(ok.problems).toEqual([]);
    expect(ok.spec?.parts[0].check).toEqual({ kind: 'whole-number', max: 10 });
    expect(parseSpec(spec(0), 'toy.yaml', 'exercises/toy.yaml', checks).problems).toEqual([
      {
        file: 'exercises/toy.yaml',
        path: 'parts[0].check.max',
        message: 'max must be at least 1',
        fix: 'set max: 1 or more',
      },
    ]);
    expect(
      parseSpec(spec(10, ', maxx: 3'), 'toy.yaml', 'exercises/toy.yaml', checks).problems.map((p) => p.path),
    ).toEqual(['parts[0].check.maxx']);
    // The course's own registry does not know it: the kinds a course uses are exactly its list.
    expect(parseSpec(spec(10), 'toy.yaml', 'exercises/toy.yaml').problems[0].message).toBe('unknown check kind');
  });

  it('grades through the registry, and a report never shows the expected value of an answer kind', async () => {
    const part = parseSpec(spec(10), 'toy.yaml', 'exercises/toy.yaml', checks).spec!.parts[0] as PartSpec;
    const wrong = await checks.run(part.check, one(num(3), num(4)), ctx);
    expect(wrong).toMatchObject({ status: 'failed', reason: 'wrong-value' });
    expect((await checks.run(part.check, one(num(3), num(3)), ctx)).status).toBe('passed');
    const report = partFromCheck(part, wrong, [], 1, checks);
    expect(report.cases?.[0]).not.toHaveProperty('expected');
    expect(report.cases?.[0].actual).toBe('4');
  });

  it('says how `grade show` prints it and what a student kit may tell before submission', () => {
    const kind = checks.byKind('whole-number');
    expect(kind.show?.({ kind: 'whole-number', max: 7 } as never)).toEqual(['a whole number from 0 to 7']);
    expect([kind.answer, feedbackFor(kind, 'value')]).toEqual([true, 'on-submit']);
  });

  it('the built-in answer kinds (never shown) and their feedback defaults', () => {
    const table = Object.fromEntries(
      CHECKS.kinds.map((k) => [
        k.kind,
        `${k.answer ? 'answer' : 'shown'}, ${feedbackFor(k, 'value')} / ${feedbackFor(k, 'call')}`,
      ]),
    );
    expect(table).toEqual({
      behavior: 'shown, on-submit / on-submit',
      boolean: 'answer, on-submit / on-submit',
      choice: 'answer, on-submit / on-submit',
      expression: 'answer, on-submit / on-submit',
      'free-text': 'answer, on-submit / on-submit',
      'multi-choice': 'answer, on-submit / on-submit',
      // A numeric value is an answer to check on submission; a numeric function is code a student can test at once.
      numeric: 'shown, on-submit / immediate',
      statistical: 'shown, immediate / immediate',
      tensor: 'shown, immediate / immediate',
    });
  });
});
