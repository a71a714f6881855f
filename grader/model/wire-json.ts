// Wire values as plain JSON, for a student kit's public cases: tensors as base64 bytes, non-finite numbers spelled out.
import type { Wire, WireDType } from './wire.js';
import { isWire } from './wire.js';
import { TfgradeError } from '../util/errors.js';
import { seededNormal, type NormalRecipe } from './seeded-normal.js';

/** The JSON form: like Wire, but tensor data is base64 and a non-finite or negative-zero number is a string. */
export type JsonWire =
  | { t: 'tensor'; shape: number[]; dtype: WireDType; b64: string }
  | { t: 'number'; v: number | 'NaN' | 'Infinity' | '-Infinity' | '-0' }
  | { t: 'string'; v: string }
  | { t: 'boolean'; v: boolean }
  | { t: 'null' }
  | { t: 'undefined' }
  | { t: 'array'; items: JsonWire[] }
  | { t: 'object'; entries: [string, JsonWire][] }
  /** A float32 tensor a reference drew with tf.randomNormal: its recipe, regenerated bit for bit (seeded-normal.ts). */
  | ({ t: 'normal' } & NormalRecipe);

export function wireToJson(w: Wire): JsonWire {
  switch (w.t) {
    case 'tensor':
      return {
        t: 'tensor',
        shape: w.shape,
        dtype: w.dtype,
        b64: Buffer.from(w.data.buffer, w.data.byteOffset, w.data.byteLength).toString('base64'),
      };
    case 'number':
      // JSON has no NaN, Infinity or -0: written as strings so the kit's expected values are exactly the course's.
      return { t: 'number', v: Object.is(w.v, -0) ? '-0' : Number.isFinite(w.v) ? w.v : (String(w.v) as 'NaN') };
    case 'array':
      return { t: 'array', items: w.items.map(wireToJson) };
    case 'object':
      return { t: 'object', entries: w.entries.map(([k, v]) => [k, wireToJson(v)]) };
    default:
      return w;
  }
}

const ARRAYS = { float32: Float32Array, int32: Int32Array, bool: Uint8Array } as const;

export function wireFromJson(j: JsonWire): Wire {
  switch (j.t) {
    case 'tensor': {
      const bytes = Buffer.from(j.b64, 'base64');
      // A fresh, aligned buffer: the typed array must own its bytes (Buffer's pool is shared and may be unaligned).
      const copy = new Uint8Array(bytes.byteLength);
      copy.set(bytes);
      const Ctor = ARRAYS[j.dtype as keyof typeof ARRAYS];
      if (!Ctor)
        throw new TfgradeError(
          'KIT_INVALID',
          `a kit tensor has dtype ${j.dtype}`,
          'rebuild the kit with `grade release`',
        );
      const w: Wire = { t: 'tensor', shape: j.shape, dtype: j.dtype, data: new Ctor(copy.buffer) };
      if (!isWire(w))
        throw new TfgradeError(
          'KIT_INVALID',
          'a kit tensor does not match its shape',
          'rebuild the kit with `grade release`',
        );
      return w;
    }
    case 'normal': {
      const ok =
        Array.isArray(j.shape) &&
        j.shape.every((n) => Number.isInteger(n) && n >= 0) &&
        [j.mean, j.stdDev, j.seed].every(Number.isFinite);
      if (!ok)
        throw new TfgradeError(
          'KIT_INVALID',
          'a kit tensor has an invalid recipe',
          'rebuild the kit with `grade release`',
        );
      return { t: 'tensor', shape: j.shape, dtype: 'float32', data: seededNormal(j) };
    }
    case 'number':
      return { t: 'number', v: typeof j.v === 'number' ? j.v : j.v === '-0' ? -0 : Number(j.v) };
    case 'array':
      return { t: 'array', items: j.items.map(wireFromJson) };
    case 'object':
      return { t: 'object', entries: j.entries.map(([k, v]) => [k, wireFromJson(v)]) };
    default:
      return j;
  }
}
