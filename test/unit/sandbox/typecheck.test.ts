// Type-checking solutions against their parts' declared types: where each error is reported, which part it names, and
// that the compiler reads nothing outside the submission and node_modules.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contractSource, typeCheck, type ContractExercise } from '../../../grader/sandbox/typecheck.js';
import { ROOT } from '../../helpers/cli.js';

const P3: ContractExercise['parts'] = [
  { id: 'residualJacobian', type: '(x: tf.Tensor1D, w1: tf.Tensor2D, w2: tf.Tensor2D) => tf.Tensor2D', mode: 'call' },
  { id: 'vanishes', type: 'boolean', mode: 'value' },
];
const ok = `import * as tf from '@tensorflow/tfjs';
export function residualJacobian(x: tf.Tensor1D, w1: tf.Tensor2D, w2: tf.Tensor2D): tf.Tensor2D {
  return tf.eye(x.shape[0]) as tf.Tensor2D;
}
`;

/** [exercise id (one file each, all in one program), source, expected [line, col, code, part] of each diagnostic]. */
const CASES: [string, string, [number, number, number, string | undefined][]][] = [
  ['clean', `${ok}export const vanishes: boolean = false;\n`, []],
  ['starter-null', `${ok}export const vanishes: boolean | null = null;\n`, []],
  [
    'body-error',
    `${ok}export function helper(s: string): number { const total: string = s.length; return 0; }\nexport const vanishes = false;\n`,
    [[5, 51, 2322, undefined]],
  ],
  [
    'string-from-number',
    `${ok}export const vanishes: boolean = false;\nconst plain = 'abc';\nconst total: string = plain.length;\n`,
    [[7, 7, 2322, undefined]],
  ],
  [
    'returns-number',
    `import * as tf from '@tensorflow/tfjs';\nexport function residualJacobian(x: tf.Tensor1D, w1: tf.Tensor2D, w2: tf.Tensor2D): tf.Tensor2D {\n  return 3;\n}\nexport const vanishes = false;\n`,
    [[3, 3, 2322, 'residualJacobian']],
  ],
  [
    'wrong-signature',
    `export function residualJacobian(x: number): number { return x; }\nexport const vanishes = false;\n`,
    [[1, 17, 2322, 'residualJacobian']],
  ],
  ['wrong-value-type', `${ok}export const vanishes: string = 'no';\n`, [[5, 14, 2322, 'vanishes']]],
  // A missing export is the grader's missing-export status; the type-checker does not say it twice.
  ['missing-export', `${ok}`, []],
  // The course's own files are out of reach: an absolute import finds nothing, so no message can quote their types.
  [
    'reads-reference',
    `${ok}import { vanishes as v } from '${ROOT}reference/p3';\nexport const vanishes: boolean = v;\n`,
    [[5, 31, 2307, undefined]],
  ],
];

const dir = mkdtempSync(join(tmpdir(), 'tfgrade-typecheck-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('typeCheck', () => {
  for (const [id, src] of CASES) writeFileSync(join(dir, `${id}.ts`), src);
  const result = typeCheck(
    dir,
    join(ROOT, 'node_modules'),
    CASES.map(([id]) => ({ id, parts: P3 })),
  );

  it.each(CASES)('%s', (id, _src, want) => {
    const got = result.get(id)!;
    expect(got.map((d) => [d.line, d.col, d.code, d.part])).toEqual(want);
    for (const d of got) expect(d.file).toBe(`${id}.ts`);
    expect(JSON.stringify(got)).not.toContain('reference/p3.ts');
  });

  it('names the part and its declared type when an export does not match', () => {
    expect(result.get('wrong-value-type')![0].message).toMatch(/^vanishes does not match its declared type boolean: /);
  });

  it('skips a file that is not there', () => {
    expect(typeCheck(dir, join(ROOT, 'node_modules'), [{ id: 'absent', parts: P3 }]).has('absent')).toBe(false);
  });
});

describe('contractSource', () => {
  it('assigns each export to its declared type, a value part also to null', () => {
    expect(contractSource({ id: 'p3', parts: P3 }).split('\n').slice(0, 4)).toEqual([
      "import type * as tf from '@tensorflow/tfjs';",
      "import * as S from './p3';",
      'export const residualJacobian: (x: tf.Tensor1D, w1: tf.Tensor2D, w2: tf.Tensor2D) => tf.Tensor2D = S.residualJacobian;',
      'export const vanishes: (boolean) | null = S.vanishes;',
    ]);
  });
});

// What a check kind accepts beyond the declared type (its `form`) is no type error: a behavior check takes tensors for
// number arrays, a numeric check a string such as '1e-3' for a number. Anything else still is one.
const XOR: ContractExercise['parts'] = [
  {
    id: 'xorNet',
    type: '{ w1: number[][]; b1: number[]; w2: number[]; b2: number }',
    mode: 'value',
    form: { tensorsForArrays: true },
  },
  { id: 'predict', type: '(x: number[][]) => number[]', mode: 'call', form: { tensorsForArrays: true } },
  { id: 'rate', type: 'number', mode: 'value', form: { numberStrings: true } },
  { id: 'flag', type: 'boolean', mode: 'value' },
];
const XOR_CASES: [string, string, [number, string][]][] = [
  [
    'xor-tensors',
    `import * as tf from '@tensorflow/tfjs';
export const xorNet = { w1: tf.tensor2d([[1, 1], [1, 1]]), b1: tf.tensor1d([0, -1]), w2: [1, -2], b2: 0 };
export const predict = (x: number[][]) => tf.tensor1d(x.map((r) => r[0]));
export const rate = '1e-3';
export const flag = true;
`,
    [],
  ],
  [
    'xor-arrays',
    `export const xorNet = { w1: [[1, 1], [1, 1]], b1: [0, -1], w2: [1, -2], b2: 0 };
export const predict = (x: number[][]): number[] => x.map((r) => r[0]);
export const rate = 0.001;
export const flag = false;
`,
    [],
  ],
  [
    'xor-still-wrong',
    `import * as tf from '@tensorflow/tfjs';
export const xorNet = { w1: 'ones', b1: [0, -1], w2: [1, -2], b2: tf.scalar(0) };
export const predict = (x: number[][]) => x.length > 0;
export const rate = true;
export const flag = tf.scalar(1);
`,
    [
      [2, 'xorNet'],
      [3, 'predict'],
      [4, 'rate'],
      [5, 'flag'],
    ],
  ],
];

describe('typeCheck with the kinds’ forms', () => {
  for (const [id, src] of XOR_CASES) writeFileSync(join(dir, `${id}.ts`), src);
  const result = typeCheck(
    dir,
    join(ROOT, 'node_modules'),
    XOR_CASES.map(([id]) => ({ id, parts: XOR })),
  );
  it.each(XOR_CASES)('%s', (id, _src, want) => {
    expect(result.get(id)!.map((d) => [d.line, d.part])).toEqual(want);
  });
});
