// A part's calls travel in as few requests as its inputs allow: all of them when small, a few MB at a time when big.
import { describe, expect, it } from 'vitest';
import { batches } from '../../../grader/sandbox/runner.js';
import { wireBytes, type Wire } from '../../../grader/model/wire.js';

const num = (v: number): Wire => ({ t: 'number', v });
const tensor = (mb: number): Wire => ({ t: 'tensor', shape: [mb * 2 ** 18], dtype: 'float32', data: new Float32Array(mb * 2 ** 18) });
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
