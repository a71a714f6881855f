// Unit test for quiz-xor: the reference net classifies XOR on tfjs; the predicate rejects AND nets and malformed fields.
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { Ajv } from 'ajv';
import { ExerciseSpec, type PartSpec } from '../../../grader/spec/model.js';
import type { Wire } from '../../../grader/model/wire.js';
import * as ref from '../../../reference/quiz-xor.js';
import * as starter from '../../../solutions/quiz-xor.js';
import * as andNet from '../../fixtures/submissions/quiz-xor--wrong-xor-net-and/quiz-xor.js';
import * as badShape from '../../fixtures/submissions/quiz-xor--wrong-shape-w1/quiz-xor.js';

const spec = YAML.parse(readFileSync(new URL('../../../exercises/quiz-xor.yaml', import.meta.url), 'utf8'));

/** Plain JS to a Wire value, as the sandbox would send a student's export (numbers as float64 'number' wires). */
function toWire(v: unknown): Wire {
  if (v === null) return { t: 'null' };
  if (v === undefined) return { t: 'undefined' };
  if (typeof v === 'number') return { t: 'number', v };
  if (typeof v === 'string') return { t: 'string', v };
  if (typeof v === 'boolean') return { t: 'boolean', v };
  if (Array.isArray(v)) return { t: 'array', items: v.map(toWire) };
  return { t: 'object', entries: Object.entries(v as object).map(([k, x]) => [k, toWire(x)]) };
}
const run = async (net: unknown) => ref.behaviors!.classifiesXor(tf, toWire(net), []);

describe('quiz-xor', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('has a valid spec whose parts are the curriculum exports, in order', () => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(ExerciseSpec);
    expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
    expect(spec.parts.map((p: PartSpec) => p.id)).toEqual(['answer', 'xorNet']);
    for (const p of spec.parts as PartSpec[]) {
      expect(Object.keys(ref)).toContain(p.id);
      expect(Object.keys(starter)).toContain(p.id);
    }
    const answer: PartSpec = spec.parts[0];
    if (answer.check.kind !== 'choice') throw new Error('answer must be a choice');
    expect(answer.check.options.map((o) => o.id).sort()).toEqual(
      ['not-linearly-separable', 'needs-more-neurons', 'needs-sigmoid', 'xor-has-no-gradient'].sort(),
    );
    expect(ref.answer).toBe('not-linearly-separable');
    const net: PartSpec = spec.parts[1];
    if (net.check.kind !== 'behavior') throw new Error('xorNet must be a behavior check');
    expect(Object.keys(ref.behaviors!)).toContain(net.check.predicate);
  });

  it('the reference net really computes XOR on the four songs (checked independently of the predicate)', () => {
    const { w1, b1, w2, b2 } = ref.xorNet;
    for (const [x1, x2] of [
      [1, 1],
      [1, -1],
      [-1, 1],
      [-1, -1],
    ]) {
      const h = [0, 1, 2].map((j) => Math.max(0, x1 * w1[0][j] + x2 * w1[1][j] + b1[j]));
      const y = h[0] * w2[0] + h[1] * w2[1] + h[2] * w2[2] + b2;
      expect(y > 0, `(${x1}, ${x2}) → ${y}`).toBe(x1 * x2 < 0);
    }
  });

  it('the predicate passes the reference net, also when sent as tensors', async () => {
    const r = await run(ref.xorNet);
    expect(r.pass, r.message).toBe(true);
    const t = (data: number[], shape: number[]): Wire => ({
      t: 'tensor',
      shape,
      dtype: 'float32',
      data: Float32Array.from(data),
    });
    const asTensors: Wire = {
      t: 'object',
      entries: [
        ['w1', t(ref.xorNet.w1.flat(), [2, 3])],
        ['b1', t(ref.xorNet.b1, [3])],
        ['w2', t(ref.xorNet.w2, [3])],
        ['b2', t([ref.xorNet.b2], [])],
      ],
    };
    const r2 = await ref.behaviors!.classifiesXor(tf, asTensors, []);
    expect(r2.pass, r2.message).toBe(true);
  });

  it('an AND net fails, and the message names the misclassified songs', async () => {
    const r = await run(andNet.xorNet);
    expect(r.pass).toBe(false);
    expect(r.message).toMatch(/3 of 4/);
    expect(r.message).toContain('(1, 1)');
    expect(r.message).toContain('(1, -1)');
    expect(r.message).toContain('(-1, 1)');
    expect(andNet.answer).toBe(ref.answer);
  });

  it('w1 given as [3, 2] fails with a message naming w1 and its shape', async () => {
    const r = await run(badShape.xorNet);
    expect(r.pass).toBe(false);
    expect(r.message).toMatch(/w1.*\[3, 2\].*\[2, 3\]/);
  });

  it('rejects malformed answers with a message that says what is wrong', async () => {
    const good = ref.xorNet;
    const cases: [unknown, RegExp][] = [
      [null, /object/],
      [[1, 2, 3], /object/],
      [{ ...good, b1: undefined }, /b1 is missing/],
      [{ ...good, b1: [0, 0] }, /b1 has shape \[2\]/],
      [{ ...good, w2: [[1], [1], [0]] }, /w2 has shape \[3, 1\]/],
      [{ ...good, b2: [-1] }, /b2 has shape \[1\]; expected a scalar/],
      [{ ...good, b2: NaN }, /b2 contains the non-finite number NaN/],
      [
        {
          ...good,
          w1: [
            [1, -1, Infinity],
            [-1, 1, 0],
          ],
        },
        /w1 contains the non-finite number Infinity/,
      ],
      [
        {
          ...good,
          w1: [
            [1, -1, 0],
            [-1, 1],
          ],
        },
        /w1 is ragged/,
      ],
      [{ ...good, w2: [1, '1', 0] }, /w2 contains string/],
      [{ ...good, w2: [1e39, 1e39, 0] }, /too large for float32/],
    ];
    for (const [net, msg] of cases) {
      const r = await run(net);
      expect(r.pass, JSON.stringify(net)).toBe(false);
      expect(r.message, JSON.stringify(net)).toMatch(msg);
    }
  });

  it('treats an output of exactly 0 as "skip" (y > 0 means add)', async () => {
    // relu(x1 − x2) + relu(x2 − x1) with b2 = 0: 0 on same-sign songs, 2 on the others.
    const r = await run({
      w1: [
        [1, -1, 0],
        [-1, 1, 0],
      ],
      b1: [0, 0, 0],
      w2: [1, 1, 0],
      b2: 0,
    });
    expect(r.pass, r.message).toBe(true);
    const flipped = await run({ ...ref.xorNet, w2: [-1, -1, 0], b2: 1 });
    expect(flipped.pass).toBe(false);
  });
});
