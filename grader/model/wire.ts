// Wire values: the only shape data takes across the sandbox boundary, in the cache and into checks.
import { createHash } from 'node:crypto';
export type WireDType = 'float32' | 'int32' | 'bool' | 'complex64' | 'string';

export type Wire =
  | { t: 'tensor'; shape: number[]; dtype: WireDType; data: Float32Array | Int32Array | Uint8Array }
  | { t: 'number'; v: number }
  | { t: 'string'; v: string }
  | { t: 'boolean'; v: boolean }
  | { t: 'null' }
  | { t: 'undefined' }
  | { t: 'array'; items: Wire[] }
  | { t: 'object'; entries: [string, Wire][] };

/** A short human rendering of a wire value for reports (tensors abbreviated). */
export function describeWire(w: Wire, maxItems = 8): string {
  switch (w.t) {
    case 'tensor': {
      const head = Array.from(w.data.slice(0, maxItems), (x) => fmt(Number(x)));
      const more = w.data.length > maxItems ? `, … (${w.data.length} values)` : '';
      return `Tensor ${w.dtype} [${w.shape.join(', ')}] [${head.join(', ')}${more}]`;
    }
    case 'number':
      return fmt(w.v);
    case 'string':
      return JSON.stringify(w.v.length > 80 ? `${w.v.slice(0, 77)}…` : w.v);
    case 'boolean':
      return String(w.v);
    case 'null':
      return 'null';
    case 'undefined':
      return 'undefined';
    case 'array': {
      const items = w.items.slice(0, maxItems).map((x) => describeWire(x, maxItems));
      return `[${items.join(', ')}${w.items.length > maxItems ? `, … (${w.items.length} items)` : ''}]`;
    }
    case 'object':
      return `{ ${w.entries
        .slice(0, maxItems)
        .map(([k, v]) => `${k}: ${describeWire(v, maxItems)}`)
        .join(', ')} }`;
  }
}

export function fmt(x: number): string {
  if (Object.is(x, -0)) return '-0';
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e6)) return x.toExponential(4);
  return String(Number(x.toPrecision(6)));
}

/** Roughly what a wire value weighs in a message: tensor data, 8 bytes a number, 2 a character. */
export function wireBytes(w: Wire): number {
  switch (w.t) {
    case 'tensor':
      return w.data.byteLength;
    case 'string':
      return 2 * w.v.length;
    case 'array':
      return w.items.reduce((n, x) => n + wireBytes(x), 8);
    case 'object':
      return w.entries.reduce((n, [k, v]) => n + 2 * k.length + wireBytes(v), 8);
    default:
      return 8;
  }
}

/** Plain JS value of a wire value (tensors become nested arrays); used by reports and predicates. */
export function toPlain(w: Wire): unknown {
  switch (w.t) {
    case 'tensor':
      return nest(Array.from(w.data as ArrayLike<number>), w.shape);
    case 'number':
    case 'string':
    case 'boolean':
      return w.v;
    case 'null':
      return null;
    case 'undefined':
      return undefined;
    case 'array':
      return w.items.map(toPlain);
    case 'object':
      return Object.fromEntries(w.entries.map(([k, v]) => [k, toPlain(v)]));
  }
}

function nest(flat: number[], shape: number[]): unknown {
  if (shape.length === 0) return flat[0];
  if (shape.length === 1) return flat;
  const step = flat.length / shape[0];
  return Array.from({ length: shape[0] }, (_, i) => nest(flat.slice(i * step, (i + 1) * step), shape.slice(1)));
}

// biome-ignore lint/complexity/noBannedTypes: tfjs's classes and typed-array constructors, only compared and called through
const DTYPE_ARRAYS: Record<string, Function> = { float32: Float32Array, int32: Int32Array, bool: Uint8Array };

/** Structural check of a value that claims to be a Wire (it arrives from the sandbox, so it is untrusted). */
export function isWire(x: unknown, depth = 0): x is Wire {
  if (depth > 40 || typeof x !== 'object' || x === null) return false;
  const w = x as Record<string, unknown>;
  switch (w.t) {
    case 'tensor': {
      const shape = w.shape;
      if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) return false;
      const ctor = DTYPE_ARRAYS[w.dtype as string];
      return (
        !!ctor &&
        w.data instanceof ctor &&
        (w.data as ArrayLike<number>).length === shape.reduce((a: number, b: number) => a * b, 1)
      );
    }
    case 'number':
      return typeof w.v === 'number';
    case 'string':
      return typeof w.v === 'string';
    case 'boolean':
      return typeof w.v === 'boolean';
    case 'null':
    case 'undefined':
      return true;
    case 'array':
      return Array.isArray(w.items) && w.items.every((i) => isWire(i, depth + 1));
    case 'object':
      return (
        Array.isArray(w.entries) &&
        w.entries.every(
          (e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && isWire(e[1], depth + 1),
        )
      );
    default:
      return false;
  }
}

/** A short, stable hash of wire values (tensors by dtype, shape and bytes): what a human decision was made on. */
export function wireHash(values: Wire[]): string {
  const h = createHash('sha256');
  const walk = (w: Wire): void => {
    h.update(`${w.t}:`);
    switch (w.t) {
      case 'tensor':
        h.update(`${w.dtype}[${w.shape.join(',')}]`);
        h.update(new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength));
        break;
      case 'number':
        h.update(Object.is(w.v, -0) ? '-0' : String(w.v));
        break;
      case 'string':
        h.update(`${w.v.length}:${w.v}`);
        break;
      case 'boolean':
        h.update(String(w.v));
        break;
      case 'array':
        h.update(`${w.items.length}(`);
        w.items.forEach(walk);
        h.update(')');
        break;
      case 'object':
        h.update(`${w.entries.length}{`);
        for (const [k, v] of w.entries) {
          h.update(`${k.length}:${k}=`);
          walk(v);
        }
        h.update('}');
        break;
      default:
        break;
    }
    h.update(';');
  };
  values.forEach(walk);
  return h.digest('hex').slice(0, 16);
}
