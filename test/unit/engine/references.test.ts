// Running a reference: hidden cases are computed after the public ones, like them (expected values, the hints'
// mistakes), and flagged; a `hiddenCases` entry that is not for a call part is the reference author's error.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareCourse } from '../../../grader/engine/prepare.js';
import { TfgradeError } from '../../../grader/util/errors.js';

const SPEC = `id: toy
title: Toy
prompt: p
parts:
  - id: double
    type: '(x: number) => number'
    mode: call
    points: 1
    prompt: p
    check: { kind: numeric }
    hints:
      - { mistake: triple, say: three times is one time too many }
  - id: answer
    type: number
    mode: value
    points: 1
    prompt: p
    check: { kind: numeric }
`;

const PUBLIC = `
export function double(x: number): number { return 2 * x; }
export const answer = 3;
export const mistakes = { triple: (x: number) => 3 * x };
export const cases = { double: () => [{ label: 'double(1)', args: [1] }, { label: 'double(2)', args: [2] }] };
`;

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** A one-exercise course whose reference is PUBLIC plus `extra`, prepared on cpu without the cache. */
async function prepare(extra: string) {
  const root = mkdtempSync(join(tmpdir(), 'tfgrade-ref-'));
  roots.push(root);
  for (const d of ['exercises', 'reference', 'node_modules']) mkdirSync(join(root, d));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'toy', version: '0.0.0' }));
  writeFileSync(join(root, 'exercises', 'toy.yaml'), SPEC);
  writeFileSync(join(root, 'reference', 'toy.ts'), PUBLIC + extra);
  return prepareCourse({ root, ids: ['toy'], backend: 'cpu', studentCode: false, cwd: root, cache: false });
}

describe('hidden cases of a reference', () => {
  it("are computed after the public ones, with expected values and the hints' mistakes, and flagged hidden", async () => {
    const course = await prepare(
      `export const hiddenCases = { double: () => [{ label: 'double(7)', args: [7] }, { label: 'double(-4)', args: [-4] }] };`,
    );
    const [double, answer] = course.exercises[0].parts;
    expect(double.cases.map((c) => [c.label, c.hidden ?? false, c.expected, c.mistakes?.triple])).toEqual([
      ['double(1)', false, { t: 'number', v: 2 }, { t: 'number', v: 3 }],
      ['double(2)', false, { t: 'number', v: 4 }, { t: 'number', v: 6 }],
      ['double(7)', true, { t: 'number', v: 14 }, { t: 'number', v: 21 }],
      ['double(-4)', true, { t: 'number', v: -8 }, { t: 'number', v: -12 }],
    ]);
    expect(double.cases[2].args).toEqual([{ t: 'number', v: 7 }]);
    expect(answer.cases.some((c) => c.hidden)).toBe(false);
  });

  it('are optional: a reference without them has only its public cases', async () => {
    const course = await prepare('');
    expect(course.exercises[0].parts[0].cases.map((c) => c.hidden ?? false)).toEqual([false, false]);
  });

  it.each([
    [
      'on a value part',
      `export const hiddenCases = { answer: () => [{ label: 'a', args: [] }] };`,
      'parts[1] (answer)',
    ],
    ['on no part of the spec', `export const hiddenCases = { nope: () => [{ label: 'n', args: [1] }] };`, ''],
    ['not a function', `export const hiddenCases = { double: [{ label: 'd', args: [1] }] };`, 'parts[0] (double)'],
    ['returning no case', `export const hiddenCases = { double: () => [] };`, 'parts[0] (double)'],
    [
      'throwing in the reference',
      `export const hiddenCases = { double: () => [{ label: 'd', args: [{ toString() { throw new Error('x'); } }] }] };`,
      'parts[0] (double)',
    ],
  ])('%s: REFERENCE_INVALID at the part', async (_name, extra, path) => {
    let err: unknown;
    try {
      await prepare(extra);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TfgradeError);
    expect((err as TfgradeError).code).toBe('REFERENCE_INVALID');
    expect(((err as TfgradeError).problems ?? []).map((p) => p.path)).toEqual([path]);
  });
});
