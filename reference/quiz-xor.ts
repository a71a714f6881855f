// Reference for quiz-xor: a hand-built 2→3→1 ReLU net for XOR, and the predicate that runs a student's net on tfjs.
import type * as tf from '@tensorflow/tfjs';
import type { ReferenceExtras } from '../grader/model/reference.js';
import type { Wire } from '../grader/model/wire.js';

export const answer: string = 'not-linearly-separable';

/** Unit 1 fires for (+1, −1), unit 2 for (−1, +1), each with height 2; unit 3 is unused. y = h1 + h2 − 1. */
export const xorNet: { w1: number[][]; b1: number[]; w2: number[]; b2: number } = {
  w1: [
    [1, -1, 0],
    [-1, 1, 0],
  ],
  b1: [0, 0, 0],
  w2: [1, 1, 0],
  b2: -1,
};

/** The four songs: centred (tempo, mood); "add" exactly when the signs differ. */
const POINTS: [number, number][] = [
  [1, 1],
  [1, -1],
  [-1, 1],
  [-1, -1],
];

/** Plain JS of an untrusted wire value (tensors become nested arrays); local so the reference imports only types. */
function plain(w: Wire): unknown {
  switch (w.t) {
    case 'tensor': {
      const flat = Array.from(w.data as ArrayLike<number>, Number);
      const nest = (off: number, dims: number[]): unknown => {
        if (dims.length === 0) return flat[off];
        const step = dims.slice(1).reduce((a, b) => a * b, 1);
        return Array.from({ length: dims[0] }, (_, i) => nest(off + i * step, dims.slice(1)));
      };
      return nest(0, w.shape);
    }
    case 'number':
    case 'string':
    case 'boolean':
      return w.v;
    case 'null':
      return null;
    case 'undefined':
      return undefined;
    case 'array':
      return w.items.map(plain);
    case 'object':
      return Object.fromEntries(w.entries.map(([k, v]) => [k, plain(v)]));
  }
}

/** Shape of a nested array of finite numbers, or a description of why it is not one. */
function shapeOf(v: unknown): { shape: number[] } | { problem: string } {
  if (typeof v === 'number')
    return Number.isFinite(v) ? { shape: [] } : { problem: `contains the non-finite number ${v}` };
  if (!Array.isArray(v)) return { problem: `contains ${v === null ? 'null' : typeof v}, not a number` };
  if (v.length === 0) return { shape: [0] };
  const inner = v.map(shapeOf);
  const bad = inner.find((s): s is { problem: string } => 'problem' in s);
  if (bad) return bad;
  const first = JSON.stringify((inner[0] as { shape: number[] }).shape);
  if (inner.some((s) => JSON.stringify((s as { shape: number[] }).shape) !== first))
    return { problem: 'is ragged (rows of different lengths)' };
  return { shape: [v.length, ...(inner[0] as { shape: number[] }).shape] };
}

const fmtShape = (s: number[]): string => (s.length === 0 ? 'a scalar' : `shape [${s.join(', ')}]`);

/** Validates one field against its expected shape; returns an error sentence or null. */
function fieldProblem(obj: Record<string, unknown>, key: string, want: number[], meaning: string): string | null {
  if (!(key in obj) || obj[key] === undefined) return `xorNet.${key} is missing (expected ${meaning}).`;
  const s = shapeOf(obj[key]);
  if ('problem' in s) return `xorNet.${key} ${s.problem} (expected ${meaning}).`;
  if (JSON.stringify(s.shape) !== JSON.stringify(want)) {
    return `xorNet.${key} has ${fmtShape(s.shape)}; expected ${fmtShape(want)}: ${meaning}.`;
  }
  return null;
}

/** The net's four outputs, or the problems that keep it from running (shapes, non-numbers). */
function run(t: typeof tf, actual: Wire): { outputs: number[] } | { problem: string } {
  const net = plain(actual);
  if (net === null || typeof net !== 'object' || Array.isArray(net))
    return { problem: 'xorNet must be an object { w1, b1, w2, b2 }.' };
  const obj = net as Record<string, unknown>;
  const problems = [
    fieldProblem(obj, 'w1', [2, 3], '2 rows (one per input) of 3 numbers (one per hidden unit)'),
    fieldProblem(obj, 'b1', [3], '3 numbers, one per hidden unit'),
    fieldProblem(obj, 'w2', [3], '3 numbers, one per hidden unit'),
    fieldProblem(obj, 'b2', [], 'a single number'),
  ].filter((p): p is string => p !== null);
  if (problems.length > 0) return { problem: problems.join(' ') };
  const outputs = t.tidy(() => {
    const x = t.tensor2d(POINTS, [4, 2], 'float32');
    const h = t.relu(
      t.add(
        t.matMul(x, t.tensor2d(obj.w1 as number[][], [2, 3], 'float32')),
        t.tensor1d(obj.b1 as number[], 'float32'),
      ),
    );
    const y = t.add(
      t.matMul(h, t.tensor2d(obj.w2 as number[], [3, 1], 'float32')),
      t.scalar(obj.b2 as number, 'float32'),
    );
    return y.reshape([4]).arraySync() as number[];
  });
  return { outputs };
}

const classifiesXor = (t: typeof tf, actual: Wire): { pass: boolean; message: string } => {
  const r = run(t, actual);
  if ('problem' in r) return { pass: false, message: r.problem };
  const { outputs } = r;
  const wrong: string[] = [];
  for (let i = 0; i < POINTS.length; i++) {
    const [x1, x2] = POINTS[i];
    const y = outputs[i];
    const add = x1 * x2 < 0;
    const where = `(${x1}, ${x2})`;
    if (!Number.isFinite(y)) wrong.push(`${where} gave ${y} (weights too large for float32)`);
    else if (y > 0 !== add)
      wrong.push(`${where} gave y = ${Number(y.toPrecision(4))}, should be ${add ? '> 0 (add)' : '≤ 0 (skip)'}`);
  }
  const all = POINTS.map(([a, b], i) => `(${a}, ${b}) → ${Number(outputs[i].toPrecision(4))}`).join(', ');
  if (wrong.length > 0) {
    return { pass: false, message: `${wrong.length} of 4 songs misclassified: ${wrong.join('; ')}. Outputs: ${all}.` };
  }
  return { pass: true, message: `All four songs classified: ${all}.` };
};

/** Recognizers of common wrong nets, named by hints in exercises/quiz-xor.yaml: each passes when the mistake is there. */
const w1Transposed = (actual: Wire): { pass: boolean; message: string } => {
  const net = plain(actual) as Record<string, unknown> | null;
  const s = net && typeof net === 'object' ? shapeOf(net.w1) : undefined;
  const pass = !!s && 'shape' in s && JSON.stringify(s.shape) === '[3,2]';
  return { pass, message: pass ? 'w1 is laid out as [hidden, input]' : 'w1 is not [3, 2]' };
};
const biasShapes = (actual: Wire): { pass: boolean; message: string } => {
  const net = plain(actual) as Record<string, unknown> | null;
  const b1 = net && typeof net === 'object' ? shapeOf(net.b1) : undefined;
  const pass =
    !!net &&
    typeof net === 'object' &&
    (!(b1 && 'shape' in b1 && JSON.stringify(b1.shape) === '[3]') || typeof net.b2 !== 'number');
  return { pass, message: pass ? 'b1 is not 3 numbers or b2 is not a number' : 'the biases have their shapes' };
};
const computesAnd = (t: typeof tf, actual: Wire): { pass: boolean; message: string } => {
  const r = run(t, actual);
  const pass = 'outputs' in r && r.outputs.every((y, i) => y > 0 === (POINTS[i][0] > 0 && POINTS[i][1] > 0));
  return { pass, message: pass ? 'the net computes AND' : 'not AND' };
};

export const behaviors: ReferenceExtras['behaviors'] = {
  classifiesXor: (t, actual) => classifiesXor(t, actual),
  w1Transposed: (_t, actual) => w1Transposed(actual),
  biasShapes: (_t, actual) => biasShapes(actual),
  computesAnd: (t, actual) => computesAnd(t, actual),
};
