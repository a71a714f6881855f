// A part's declared type (`number[]`, `{ w1: number[][]; b2: number }`, `'wide' | 'deep'`, `(k: number) => number`),
// read as a small TypeScript type grammar, and whether a student's value has that form, with what to fix.
import type { Wire } from '../model/wire.js';
import { MathAnswerError, parseNumberAnswer } from '../math/restricted.js';
import { getEntry, tensorProblem, whatIs } from './result.js';

export type DeclaredType =
  | { k: 'number' }
  | { k: 'string' }
  | { k: 'boolean' }
  | { k: 'any' }
  | { k: 'literal'; v: string }
  | { k: 'array'; of: DeclaredType }
  | { k: 'tensor'; rank?: number }
  | { k: 'object'; fields: [string, DeclaredType][] }
  | { k: 'union'; of: DeclaredType[] }
  | { k: 'function'; returns: DeclaredType };

/** What a kind's grade accepts beyond the TypeScript type (checks/define.ts `form`). */
export interface FormOptions {
  /** A number may be a string mathjs evaluates ('sqrt(2/128)'): numeric answers. */
  numberStrings?: boolean;
  /** A number array may be a tensor of the same rank: a behavior predicate reads tensors as nested arrays. */
  tensorsForArrays?: boolean;
  /** Sizes the prompt fixes, by field of an object type (`w1: [2, 3]`, `b2: []`; `a.b` below a field). */
  shapes?: Record<string, number[]>;
}

const TOKENS = /\s*(=>|[A-Za-z_][\w.]*|'[^']*'|"[^"]*"|\[\]|[{}()[\]:;,|?<>])/y;

/** The declared type, or undefined for a type this grammar does not read (then nothing is checked beyond the kind). */
export function parseDeclared(text: string): DeclaredType | undefined {
  const toks: string[] = [];
  TOKENS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKENS.lastIndex < text.length && (m = TOKENS.exec(text))) toks.push(m[1]);
  if (toks.join('').replace(/\s/g, '') !== text.replace(/\s/g, '')) return undefined;
  let i = 0;
  const eat = (t: string): boolean => {
    if (toks[i] !== t) return false;
    i++;
    return true;
  };
  const need = (t: string): void => {
    if (!eat(t)) throw new Error(`expected ${t}`);
  };
  const union = (): DeclaredType => {
    const of = [postfix()];
    while (eat('|')) of.push(postfix());
    return of.length === 1 ? of[0] : { k: 'union', of };
  };
  const postfix = (): DeclaredType => {
    let t = primary();
    while (eat('[]')) t = { k: 'array', of: t };
    return t;
  };
  const primary = (): DeclaredType => {
    const t = toks[i++];
    if (t === undefined) throw new Error('unexpected end');
    if (t === 'number' || t === 'string' || t === 'boolean') return { k: t };
    if (/^['"]/.test(t)) return { k: 'literal', v: t.slice(1, -1) };
    if (t === 'tf.Tensor') return { k: 'tensor' };
    const rank = /^tf\.Tensor([1-6])D$/.exec(t);
    if (rank) return { k: 'tensor', rank: Number(rank[1]) };
    if (t === '{') {
      const fields: [string, DeclaredType][] = [];
      while (!eat('}')) {
        const key = toks[i++];
        need(':');
        fields.push([key, union()]);
        eat(';') || eat(',');
      }
      return { k: 'object', fields };
    }
    if (t === '(') {
      // A parenthesized type, or a signature's parameters (skipped: the grader makes the arguments) and return type.
      let depth = 1;
      const start = i;
      for (; depth > 0 && i < toks.length; i++) depth += toks[i] === '(' ? 1 : toks[i] === ')' ? -1 : 0;
      if (eat('=>')) return { k: 'function', returns: union() };
      const inner = parseDeclared(toks.slice(start, i - 1).join(' '));
      if (!inner) throw new Error('unreadable');
      return inner;
    }
    return { k: 'any' };
  };
  try {
    const t = union();
    return i === toks.length ? t : undefined;
  } catch {
    return undefined;
  }
}

const shapeText = (s: number[]): string => (s.length === 0 ? 'a single number' : `shape [${s.join(', ')}]`);

/**
 * Shape of a nested array of numbers (a tensor inside it counts by its shape: a kind with `tensorsForArrays` takes one
 * for a row), or undefined when it is ragged or holds something else.
 */
function arrayShape(w: Wire): number[] | undefined {
  if (w.t === 'number') return [];
  if (w.t === 'tensor') return w.shape;
  if (w.t !== 'array') return undefined;
  if (w.items.length === 0) return [0];
  const inner = w.items.map(arrayShape);
  if (inner.some((s) => s === undefined || JSON.stringify(s) !== JSON.stringify(inner[0]))) return undefined;
  return [w.items.length, ...inner[0]!];
}

const rankOf = (t: DeclaredType): number => (t.k === 'array' ? 1 + rankOf(t.of) : 0);
const leafOf = (t: DeclaredType): DeclaredType => (t.k === 'array' ? leafOf(t.of) : t);

/**
 * Whether `w` has the declared form: undefined if so, else what is wrong at `path` and how to fix it. `key` is the
 * field whose size `opts.shapes` may fix.
 */
export function typeProblem(
  t: DeclaredType,
  w: Wire,
  path: string,
  opts: FormOptions = {},
  key = '',
): string | undefined {
  const want = opts.shapes?.[key];
  const sized = (shape: number[]): string | undefined =>
    want && JSON.stringify(shape) !== JSON.stringify(want)
      ? `${path} has ${shapeText(shape)}; it must have ${shapeText(want)}`
      : undefined;
  switch (t.k) {
    case 'any':
      return undefined;
    case 'function':
      return typeProblem(t.returns, w, path, opts, key);
    case 'boolean':
      return w.t === 'boolean' ? undefined : `${path} must be true or false, not ${whatIs(w)}`;
    case 'string':
      return w.t === 'string' ? undefined : `${path} must be a string, not ${whatIs(w)}`;
    case 'literal':
      return w.t === 'string' && w.v === t.v ? undefined : `${path} must be the string '${t.v}', not ${whatIs(w)}`;
    case 'number': {
      if (w.t === 'number') return Number.isFinite(w.v) ? sized([]) : `${path} is ${w.v}: an answer is a finite number`;
      if (w.t === 'string' && opts.numberStrings) {
        try {
          parseNumberAnswer(w.v);
          return sized([]);
        } catch (err) {
          if (err instanceof MathAnswerError)
            return `${path}: could not read ${JSON.stringify(w.v.slice(0, 60))} as a number: ${err.message}`;
          throw err;
        }
      }
      const quoted = w.t === 'string' ? ` (write ${w.v.slice(0, 20)} without quotes)` : '';
      return `${path} must be a number, not ${whatIs(w)}${quoted}`;
    }
    case 'tensor': {
      if (w.t !== 'tensor') return `${path} must be a tf.Tensor${t.rank ? ` of rank ${t.rank}` : ''}, not ${whatIs(w)}`;
      const bad = tensorProblem(w);
      if (bad) return `${path} is a malformed tensor: ${bad}`;
      if (t.rank !== undefined && w.shape.length !== t.rank)
        return `${path} must be a rank-${t.rank} tensor (tf.Tensor${t.rank}D), not one of shape [${w.shape.join(', ')}]`;
      return sized(w.shape);
    }
    case 'array': {
      const rank = rankOf(t);
      const numeric = leafOf(t).k === 'number';
      if (w.t === 'tensor' && numeric && opts.tensorsForArrays) {
        if (tensorProblem(w)) return `${path} is a malformed tensor: ${tensorProblem(w)}`;
        return w.shape.length === rank
          ? sized(w.shape)
          : `${path} has shape [${w.shape.join(', ')}]; it must have rank ${rank} (${`number${'[]'.repeat(rank)}`})`;
      }
      if (w.t !== 'array') return `${path} must be an array (${describeType(t)}), not ${whatIs(w)}`;
      for (const [i, item] of w.items.entries()) {
        const p = typeProblem(t.of, item, `${path}[${i}]`, { ...opts, shapes: undefined });
        if (p) return p;
      }
      if (numeric) {
        const shape = arrayShape(w);
        if (!shape) return `${path} is ragged: its rows must all have the same length`;
        return sized(shape);
      }
      return undefined;
    }
    case 'object': {
      if (w.t !== 'object')
        return `${path} must be an object { ${t.fields.map(([k]) => k).join(', ')} }, not ${whatIs(w)}`;
      // Every field's problem at once: a student fixes them all before the next try.
      const problems = t.fields
        .map(([k, ft]) => {
          const v = getEntry(w, k);
          return v === undefined || v.t === 'undefined'
            ? `${path}.${k} is missing (${describeType(ft)})`
            : typeProblem(ft, v, `${path}.${k}`, opts, key ? `${key}.${k}` : k);
        })
        .filter((p) => p !== undefined);
      return problems.length ? problems.join('; ') : undefined;
    }
    case 'union': {
      const problems = t.of.map((x) => typeProblem(x, w, path, opts, key));
      if (problems.some((p) => p === undefined)) return undefined;
      // One branch of the value's own kind explains best (a string that fails to parse as a number, not "not a boolean").
      const near = t.of.findIndex((x) => (x.k === 'literal' ? 'string' : x.k) === w.t);
      return near >= 0 && t.of.every((x) => x.k !== 'literal')
        ? problems[near]
        : `${path} must be ${describeType(t)}, not ${whatIs(w)}`;
    }
  }
}

export function describeType(t: DeclaredType): string {
  switch (t.k) {
    case 'literal':
      return `'${t.v}'`;
    case 'array':
      return `${t.of.k === 'union' ? `(${describeType(t.of)})` : describeType(t.of)}[]`;
    case 'tensor':
      return t.rank ? `tf.Tensor${t.rank}D` : 'tf.Tensor';
    case 'object':
      return `{ ${t.fields.map(([k, v]) => `${k}: ${describeType(v)}`).join('; ')} }`;
    case 'union':
      return t.of.map(describeType).join(' | ');
    case 'function':
      return `a function returning ${describeType(t.returns)}`;
    default:
      return t.k;
  }
}
