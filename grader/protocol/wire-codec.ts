// Converts live values to Wire and back. Runs in the child on untrusted values, so it reads each
// property once through descriptors, never calls toJSON/valueOf, and uses primordials captured at load.
import { types } from 'node:util';
import type { Wire, WireDType } from '../model/wire.js';
import type { InputRef, InputWire } from './messages.js';

const isProxy = types.isProxy;
const isTypedArray = types.isTypedArray;
const isBigIntArray = (o: object) => types.isBigInt64Array(o) || types.isBigUint64Array(o);
const getDescriptor = Reflect.getOwnPropertyDescriptor;
const ownKeys = Reflect.ownKeys;
const getProto = Reflect.getPrototypeOf;
const apply = Reflect.apply;
const isArray = Array.isArray;
const ObjectProto = Object.prototype;
const F32 = Float32Array;
const I32 = Int32Array;
const U8 = Uint8Array;

export const MAX_ELEMENTS = 4_000_000;
const MAX_DEPTH = 32;

export class WireError extends Error {
  constructor(
    readonly kind: 'unserializable' | 'output-too-large',
    message: string,
  ) {
    super(message);
  }
}

/** The tfjs pieces the codec needs, captured before any student code can patch them. */
export interface TensorHooks {
  isTensor(v: unknown): boolean;
  read(t: unknown): { shape: number[]; dtype: string; data: ArrayLike<number> | Uint8Array };
}

// biome-ignore lint/complexity/noBannedTypes: tfjs's classes and typed-array constructors, only compared and called through
export function tensorHooks(tf: { Tensor: Function }): TensorHooks {
  const Tensor = tf.Tensor as unknown as { prototype: object };
  const proto = Tensor.prototype as Record<string, unknown>;
  // biome-ignore lint/complexity/noBannedTypes: tfjs's classes and typed-array constructors, only compared and called through
  const dataSync = proto.dataSync as Function;
  // biome-ignore lint/complexity/noBannedTypes: tfjs's classes and typed-array constructors, only compared and called through
  const shapeGet = (getDescriptor(proto, 'shape')?.get ?? null) as Function | null;
  const protoOf = ObjectProto.isPrototypeOf;
  return {
    isTensor: (v) => typeof v === 'object' && v !== null && !isProxy(v) && apply(protoOf, Tensor.prototype, [v]),
    read: (t) => {
      const rec = t as { shape: number[]; dtype: string; isDisposed?: boolean };
      const shape = shapeGet ? (apply(shapeGet, t, []) as number[]) : rec.shape;
      return { shape: [...shape], dtype: String(rec.dtype), data: apply(dataSync, t, []) as ArrayLike<number> };
    },
  };
}

export function toWire(value: unknown, hooks: TensorHooks): Wire {
  let budget = MAX_ELEMENTS;
  const seen = new Set<object>();
  const spend = (n: number) => {
    budget -= n;
    if (budget < 0) throw new WireError('output-too-large', `output has more than ${MAX_ELEMENTS} values`);
  };
  const walk = (v: unknown, depth: number, where: string): Wire => {
    if (depth > MAX_DEPTH) throw new WireError('unserializable', `output is nested deeper than ${MAX_DEPTH} levels`);
    switch (typeof v) {
      case 'number':
        spend(1);
        return { t: 'number', v };
      case 'string':
        spend(Math.ceil(v.length / 8) + 1);
        return { t: 'string', v };
      case 'boolean':
        return { t: 'boolean', v };
      case 'undefined':
        return { t: 'undefined' };
      case 'bigint':
        throw new WireError('unserializable', `${where} is a BigInt; return a number`);
      case 'function':
        throw new WireError('unserializable', `${where} is a function; return its result instead`);
      case 'symbol':
        throw new WireError('unserializable', `${where} is a Symbol`);
    }
    if (v === null) return { t: 'null' };
    const obj = v as object;
    if (isProxy(obj)) throw new WireError('unserializable', `${where} is a Proxy; return plain data or a tensor`);
    if (seen.has(obj)) throw new WireError('unserializable', `${where} refers back to itself (cyclic)`);
    seen.add(obj);
    try {
      if (hooks.isTensor(obj)) return tensorWire(hooks.read(obj), spend, where);
      if (isArray(obj)) return { t: 'array', items: arrayItems(obj, (x, i) => walk(x, depth + 1, `${where}[${i}]`)) };
      // dataSync() hands back a Float32Array; where a number[] is asked for, its numbers are what counts.
      if (isTypedArray(obj) && !isBigIntArray(obj)) return typedItems(obj as unknown as ArrayLike<number>, spend);
      const proto = getProto(obj);
      if (proto !== ObjectProto && proto !== null) {
        throw new WireError(
          'unserializable',
          `${where} is a ${className(obj)}; return a tensor, number, array or plain object`,
        );
      }
      const entries: [string, Wire][] = [];
      for (const key of ownKeys(obj)) {
        if (typeof key !== 'string') continue;
        const d = getDescriptor(obj, key);
        if (!d?.enumerable) continue;
        if (!('value' in d)) throw new WireError('unserializable', `${where}.${key} is a getter; return plain data`);
        // Keys cost like strings: a 40 MB key used to cross for the price of one number (he-init--huge-values).
        spend(Math.ceil(key.length / 8) + 1);
        entries[entries.length] = [key, walk(d.value, depth + 1, `${where}.${key}`)];
      }
      return { t: 'object', entries };
    } finally {
      seen.delete(obj);
    }
  };
  return walk(value, 0, 'the value');
}

function typedItems(a: ArrayLike<number>, spend: (n: number) => void): Wire {
  const n = a.length;
  spend(n);
  const items: Wire[] = new Array(n);
  for (let i = 0; i < n; i++) items[i] = { t: 'number', v: Number(a[i]) };
  return { t: 'array', items };
}

function arrayItems(arr: unknown[], f: (x: unknown, i: number) => Wire): Wire[] {
  const lenD = getDescriptor(arr, 'length');
  const n = typeof lenD?.value === 'number' ? lenD.value : 0;
  if (n > MAX_ELEMENTS) throw new WireError('output-too-large', `an array has ${n} items`);
  const out: Wire[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const d = getDescriptor(arr, String(i));
    if (d && !('value' in d)) throw new WireError('unserializable', `item ${i} is a getter`);
    out[i] = f(d ? d.value : undefined, i);
  }
  return out;
}

function tensorWire(
  t: { shape: number[]; dtype: string; data: ArrayLike<number> | Uint8Array },
  spend: (n: number) => void,
  where: string,
): Wire {
  spend(t.data.length);
  const dtype = t.dtype as WireDType;
  if (dtype === 'float32') return { t: 'tensor', shape: t.shape, dtype, data: F32.from(t.data as ArrayLike<number>) };
  if (dtype === 'int32') return { t: 'tensor', shape: t.shape, dtype, data: I32.from(t.data as ArrayLike<number>) };
  if (dtype === 'bool') return { t: 'tensor', shape: t.shape, dtype, data: U8.from(t.data as ArrayLike<number>) };
  throw new WireError('unserializable', `${where} is a ${dtype} tensor; return float32 or int32`);
}

function className(o: object): string {
  try {
    const c = (getProto(o) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
    return typeof c === 'string' ? c : 'non-plain object';
  } catch {
    return 'non-plain object';
  }
}

/** The bytes of an input in the inputs file, as the typed array its tensor is made from (the child's, see serve.ts). */
export type InputReader = (r: InputRef) => Extract<Wire, { t: 'tensor' }>['data'];

/** Wire -> live values (tensors created with the given tf). Used for case args on both sides. */
export function fromWire(
  w: InputWire,
  // biome-ignore lint/complexity/noBannedTypes: tfjs's classes and typed-array constructors, only compared and called through
  tf: { tensor: Function },
  readInput?: InputReader,
): unknown {
  switch (w.t) {
    case 'input-ref':
      if (!readInput) throw new Error('an input in the inputs file, but no inputs file');
      return fromWire({ t: 'tensor', shape: w.shape, dtype: w.dtype, data: readInput(w) }, tf);
    case 'tensor':
      return tf.tensor(w.dtype === 'bool' ? Array.from(w.data) : w.data, w.shape, w.dtype);
    case 'number':
    case 'string':
    case 'boolean':
      return w.v;
    case 'null':
      return null;
    case 'undefined':
      return undefined;
    case 'array':
      return w.items.map((x) => fromWire(x, tf, readInput));
    case 'object':
      return Object.fromEntries(w.entries.map(([k, v]) => [k, fromWire(v, tf, readInput)]));
  }
}
