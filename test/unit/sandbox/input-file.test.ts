// The inputs file: big input tensors go to it once and cross as references; the child's reader gets the same bytes.
import { afterEach, describe, expect, it } from 'vitest';
import { fstatSync, writeSync } from 'node:fs';
import { closeInputs, INPUT_REF_MIN_BYTES, inputsDescriptor, toInputWire } from '../../../grader/sandbox/input-file.js';
import { inputReader } from '../../../grader/runtime/inputs.js';
import type { InputRef } from '../../../grader/protocol/messages.js';
import type { Wire } from '../../../grader/model/wire.js';

type Tensor = Extract<Wire, { t: 'tensor' }>;
const big = INPUT_REF_MIN_BYTES / 4;
const tensor = (data: Tensor['data'], dtype: Tensor['dtype'] = 'float32'): Tensor => ({
  t: 'tensor',
  shape: [data.length],
  dtype,
  data,
});
const ramp = (n: number, k = 1) => Float32Array.from({ length: n }, (_, i) => i * k + 0.5);

afterEach(() => closeInputs());

describe.runIf(process.platform !== 'win32')('inputs file', () => {
  it.each([
    ['a float32 tensor of the threshold', tensor(ramp(big)), 'float32'],
    [
      'an int32 tensor',
      tensor(
        Int32Array.from({ length: big }, (_, i) => i - 7),
        'int32',
      ),
      'int32',
    ],
    [
      'a bool tensor (bytes)',
      tensor(
        Uint8Array.from({ length: 4 * big }, (_, i) => i % 2),
        'bool',
      ),
      'uint8',
    ],
  ])('%s becomes a reference the reader turns back into the same values', (_, w, array) => {
    const sent = toInputWire(w) as InputRef;
    expect(sent).toMatchObject({ t: 'input-ref', shape: w.shape, dtype: w.dtype, array, bytes: w.data.byteLength });
    const back = inputReader(inputsDescriptor())(sent);
    expect(back.constructor).toBe(w.data.constructor);
    expect(back).toEqual(w.data);
  });

  it.each([
    ['a tensor below the threshold', tensor(ramp(big - 1))],
    ['a number', { t: 'number', v: 3 } as Wire],
    ['a string', { t: 'string', v: 'x' } as Wire],
  ])('%s rides in the message unchanged', (_, w) => {
    expect(toInputWire(w)).toBe(w);
  });

  it('each array is written once: the same case for the next student is the same reference', () => {
    const w = tensor(ramp(big));
    const other = tensor(ramp(big, 2));
    const a = toInputWire(w) as InputRef;
    const b = toInputWire(other) as InputRef;
    expect(toInputWire(w)).toEqual(a);
    expect(b.offset).toBe(a.offset + a.bytes);
    expect(fstatSync(inputsDescriptor()!).size).toBe(a.bytes + b.bytes);
  });

  it('a view into a bigger buffer sends only its own bytes', () => {
    const whole = ramp(3 * big);
    const view = whole.subarray(big, 2 * big);
    const back = inputReader(inputsDescriptor())(toInputWire(tensor(view)) as InputRef);
    expect(back).toEqual(view);
  });

  it('tensors inside arrays and objects are replaced, the rest kept', () => {
    const t = tensor(ramp(big));
    const w: Wire = {
      t: 'object',
      entries: [
        ['weights', { t: 'array', items: [t, tensor(ramp(2))] }],
        ['alpha', { t: 'number', v: 0.1 }],
      ],
    };
    expect(toInputWire(w)).toEqual({
      t: 'object',
      entries: [
        ['weights', { t: 'array', items: [expect.objectContaining({ t: 'input-ref' }), tensor(ramp(2))] }],
        ['alpha', { t: 'number', v: 0.1 }],
      ],
    });
  });

  it('the descriptor children get is read-only', () => {
    expect(() => writeSync(inputsDescriptor()!, 'x')).toThrow(expect.objectContaining({ code: 'EBADF' }));
  });

  it('a reference past the end of the file is an error, not zeros', () => {
    const a = toInputWire(tensor(ramp(big))) as InputRef;
    expect(() => inputReader(inputsDescriptor())({ ...a, offset: a.offset + 4 })).toThrow(/ends before byte/);
  });
});
