// One esbuild build for a whole submission gives, exercise by exercise, exactly what a build of each file alone gives.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSolution, compileSolutions } from '../../../grader/sandbox/compile.js';

/** A job folder holding `files` (parent folders made as needed); '<folder>' makes a folder, undefined nothing. */
function job(files: Record<string, string | undefined>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tfgrade-compile-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    if (text === '<folder>') mkdirSync(join(dir, name));
    else if (text !== undefined) writeFileSync(join(dir, name), text);
  }
  return dir;
}

const alone = (dir: string, ids: string[]) => Promise.all(ids.map((id) => compileSolution(dir, id)));

const GOOD = {
  'p1.ts': "import * as tf from '@tensorflow/tfjs';\nexport const f = (x: tf.Tensor): tf.Tensor => x.mul(2);\n",
  'p2.ts': "import { half } from './lib/half';\nexport const g = (x: number): number => half(x) + 1;\n",
  'lib/half.ts': 'export const half = (x: number): number => x / 2;\n',
  'quiz.ts': 'export const answer: number = 3;\n',
};

describe('compileSolutions', () => {
  it('all files compile: one build, the same code and source map as a build each', async () => {
    const dir = job(GOOD);
    const ids = ['p1', 'p2', 'quiz'];
    const together = await compileSolutions(dir, ids);
    expect(together.every((c) => c.ok)).toBe(true);
    expect(together).toEqual(await alone(dir, ids));
    expect(together[1].ok && together[1].code).toContain('x / 2');
  });

  it.each([
    ['a syntax error in one file', { 'p2.ts': 'export const g = (x: number => x;\n' }],
    ['an import outside the submission', { 'p2.ts': "import { a } from '../elsewhere';\nexport const g = a;\n" }],
    ['a package other than tfjs', { 'p2.ts': "import fs from 'node:fs';\nexport const g = fs;\n" }],
    ['a missing file', { 'p2.ts': undefined }],
    ['a folder named like a solution', { 'p2.ts': '<folder>' }],
    ['a helper with an error, imported by one file', { 'lib/half.ts': 'export const half = ;\n' }],
  ])('%s: each exercise gets what its own build gives, the others still compile', async (_, change) => {
    const dir = job({ ...GOOD, ...change });
    const ids = ['p1', 'p2', 'quiz'];
    const together = await compileSolutions(dir, ids);
    expect(together).toEqual(await alone(dir, ids));
    expect(together.map((c) => c.ok)).toEqual([true, false, true]);
  });

  it('nothing readable, or one file: the same as a build each', async () => {
    const dir = job({ 'quiz.ts': GOOD['quiz.ts'] });
    expect(await compileSolutions(dir, ['p1', 'quiz'])).toEqual(await alone(dir, ['p1', 'quiz']));
    expect(await compileSolutions(dir, ['p1', 'p2'])).toEqual(await alone(dir, ['p1', 'p2']));
  });
});
