// The grader's reading of the child's answers (nothing trusted), and how a part's calls are split into requests.
import { describe, expect, it } from 'vitest';
import { batches, judgeAnswer } from '../../../grader/sandbox/answers.js';
import type { Answer } from '../../../grader/sandbox/session.js';
import { wireBytes, type Wire } from '../../../grader/model/wire.js';

const num = (v: number): Wire => ({ t: 'number', v });
const tensor = (mb: number): Wire => ({
  t: 'tensor',
  shape: [mb * 2 ** 18],
  dtype: 'float32',
  data: new Float32Array(mb * 2 ** 18),
});
const sizes = (b: Wire[][][]) => b.map((x) => x.length);

describe('wireBytes', () => {
  it.each<[string, Wire, number]>([
    ['a number', num(1), 8],
    ['a string', { t: 'string', v: 'abcd' }, 8],
    ['a 1 MB tensor', tensor(1), 2 ** 20],
    ['an array of two numbers', { t: 'array', items: [num(1), num(2)] }, 24],
    ['an object', { t: 'object', entries: [['ab', num(1)]] }, 20],
  ])('%s', (_, w, bytes) => expect(wireBytes(w)).toBe(bytes));
});

describe('batches', () => {
  it('sends small calls all in one request, in order', () => {
    const calls = Array.from({ length: 20 }, (_, i) => [num(i)]);
    const b = batches(calls);
    expect(sizes(b)).toEqual([20]);
    expect(b.flat()).toEqual(calls);
  });

  it('splits big inputs at about 8 MB a request; a bigger call goes alone', () => {
    expect(sizes(batches([[tensor(3)], [tensor(3)], [tensor(3)], [tensor(3)]]))).toEqual([2, 2]);
    expect(sizes(batches([[tensor(1)], [tensor(20)], [tensor(1)]]))).toEqual([1, 1, 1]);
  });

  it('has nothing to send for a part with no calls', () => expect(batches([])).toEqual([]));
});

describe('judgeAnswer', () => {
  const result = (extra: object): Answer => ({
    kind: 'ok',
    msg: { type: 'result', id: 1, values: [], leakedTensors: 0, ms: 1, ...extra } as never,
  });
  const threw = { kind: 'threw', message: 'boom' };
  it.each<[string, Answer, number, { stop?: string; at: number; values: number; kill: boolean }]>([
    ['every call answered', result({ values: [num(1), num(2)] }), 2, { at: 2, values: 2, kill: false }],
    [
      'the second call threw',
      result({ values: [num(1)], failure: threw }),
      3,
      { stop: 'failure', at: 1, values: 1, kill: false },
    ],
    [
      'a caught allocation failure: the child is not reused',
      result({ failure: { kind: 'out-of-memory', message: 'x' } }),
      1,
      { stop: 'failure', at: 0, values: 0, kill: true },
    ],
    [
      'too few values and no failure (forged)',
      result({ values: [num(1)] }),
      2,
      { stop: 'failure', at: 1, values: 0, kill: false },
    ],
    [
      'as many values as calls, yet a failure (forged)',
      result({ values: [num(1)], failure: threw }),
      1,
      { stop: 'failure', at: 0, values: 0, kill: false },
    ],
    [
      'a value that is not a wire value',
      result({ values: [{ t: 'tensor', data: 'no' }] }),
      1,
      { stop: 'failure', at: 0, values: 0, kill: false },
    ],
    [
      'a timeout during the call the child announced last',
      { kind: 'timeout', started: true, call: 4 },
      6,
      { stop: 'timeout', at: 4, values: 0, kill: true },
    ],
    [
      'an announced call past the last one (forged)',
      { kind: 'died', reason: 'crashed', detail: 'x', started: true, call: 99 },
      3,
      { stop: 'died', at: 2, values: 0, kill: true },
    ],
    [
      'a module that loaded',
      { kind: 'ok', msg: { type: 'loaded', id: 1, ok: true, exports: [] } },
      0,
      { at: 0, values: 0, kill: false },
    ],
    [
      'a pong where a result was due',
      { kind: 'ok', msg: { type: 'pong', id: 1 } },
      1,
      { stop: 'died', at: 0, values: 0, kill: false },
    ],
  ])('%s', (_, answer, expected, want) => {
    const { ran, kill } = judgeAnswer(answer, expected);
    expect({ stop: ran.stop?.kind, at: ran.at, values: ran.values.length, kill }).toEqual({ stop: undefined, ...want });
  });

  it('strips control sequences from a failure message and caps it', () => {
    const { ran } = judgeAnswer(result({ failure: { kind: 'threw', message: `\u001b[2Jgone${'x'.repeat(5000)}` } }), 1);
    const f = ran.stop?.kind === 'failure' ? ran.stop.failure : undefined;
    expect(f?.message).not.toContain('\u001b');
    expect(f?.message.length).toBeLessThanOrEqual(1000);
  });
});
