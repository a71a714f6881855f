// Every number a student kit shows of one exercise, by where it is shown: the leak test compares on-submit answers with them.
import { parseNumberAnswer } from '../../grader/math/restricted.js';
import { wireFromJson, type JsonWire } from '../../grader/model/wire-json.js';
import type { Wire } from '../../grader/model/wire.js';
import type { KitExercise } from '../../grader/spec/kit.js';

/** A number as the kit shows it: its value and its spelling (a text's "0.0884" has 3 significant digits). */
export interface Shown {
  x: number;
  spelling: string;
  where: string;
  sig?: number;
}

/** Significant digits of a shown number, computed once (a kit shows hundreds of thousands of numbers). */
export const sigOf = (n: Shown): number => (n.sig ??= significant(n.spelling));

/** The numbers of one exercise's kit file and starter, by role. */
export interface ExerciseNumbers {
  /** Expected values (and mistakes' values) of public cases: what running a case prints. */
  outputs: Shown[];
  /** Plain number arguments of public cases: a public call at the answer shows the answer's neighbourhood. */
  scalars: Shown[];
  /** Expressions written out in the texts (`'sqrt(2/128)'`, `2^-100`), evaluated. */
  examples: Shown[];
  /** Every number of the exercise: the above, every token of every text, every value of every public input. */
  all: Shown[];
  /** The texts' quoted and code spans, for expression answers. */
  spans: string[];
}

/** A number token not glued to a word ("x2", "tf.Tensor2D" and hex digits are not numbers). */
const TOKEN = /(?<![\w.])-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?![\w])/g;

export const textNumbers = (text: string, where: string): Shown[] =>
  (text.match(TOKEN) ?? []).map((s) => ({ x: Number(s), spelling: s, where })).filter((n) => Number.isFinite(n.x));

/** Code spans and quoted strings of a text: where a prompt writes an example answer. */
export const spansOf = (text: string): string[] =>
  [...text.matchAll(/`([^`\n]{1,80})`|'([^'\n]{1,80})'|"([^"\n]{1,80})"/g)]
    .map((m) => (m[1] ?? m[2] ?? m[3]).trim())
    // Only what could be a formula of numbers and variables: prose quotes and option texts are not.
    .filter((x) => /[\d\w]/.test(x) && /^[\w\s.+\-*/^(),]+$/.test(x));

/** Significant digits of a spelling: 1000 and 0.0012 have 1 and 2, 0.70711 has 5. */
export const significant = (s: string): number =>
  s.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length || 1;

function leaves(w: Wire, where: string, out: Shown[] = []): Shown[] {
  if (w.t === 'number') out.push({ x: w.v, spelling: String(w.v), where });
  if (w.t === 'array') w.items.forEach((x) => leaves(x, where, out));
  if (w.t === 'object') w.entries.forEach(([, x]) => leaves(x, where, out));
  // float32 values print at their shortest float32 spelling (what a report shows of them).
  if (w.t === 'tensor')
    Array.from(w.data as ArrayLike<number>, Number).forEach((x) =>
      out.push({ x, spelling: String(Math.fround(x) === x ? Number(x.toPrecision(8)) : x), where }),
    );
  return out;
}

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
  return out;
}

export function exerciseNumbers(kit: KitExercise, starter: string): ExerciseNumbers {
  const id = kit.spec.id;
  const texts = [...strings(kit.spec), ...Object.values(kit.cases).flatMap((cs) => cs.map((c) => c.label)), starter];
  const outputs: Shown[] = [];
  const scalars: Shown[] = [];
  const inputs: Shown[] = [];
  for (const [part, cases] of Object.entries(kit.cases)) {
    for (const c of cases) {
      const at = `${id}.${part} ${c.label}`;
      if (c.expected) leaves(wireFromJson(c.expected), `${at}: expected`, outputs);
      for (const [m, v] of Object.entries(c.mistakes ?? {}))
        leaves(wireFromJson(v as JsonWire), `${at}: mistake ${m}`, outputs);
      for (const a of c.args.map(wireFromJson)) {
        if (a.t === 'number') scalars.push({ x: a.v, spelling: String(a.v), where: `${at}: argument` });
        leaves(a, `${at}: input`, inputs);
      }
    }
  }
  const spans = [...new Set(texts.flatMap(spansOf))];
  const examples: Shown[] = [];
  for (const s of spans) {
    try {
      examples.push({ x: parseNumberAnswer(s), spelling: s, where: `${id}: example '${s}'` });
    } catch {
      // not an expression of numbers alone
    }
  }
  const all = [...outputs, ...scalars, ...inputs, ...examples, ...texts.flatMap((t) => textNumbers(t, `${id}: text`))];
  return { outputs, scalars, examples, all, spans };
}

/** Lists of at least 3 numbers a text writes in braces or brackets ("{2, 2, 6, 6}"): the data a question is about. */
export const questionData = (text: string): number[][] =>
  [...text.matchAll(/[{[]\s*(-?[\d.]+(?:\s*,\s*-?[\d.]+){2,})\s*[}\]]/g)].map((m) => m[1].split(',').map(Number));

/** Every row, column and vector of a public input (a tensor's rows and columns, an array of numbers). */
export function inputVectors(kit: KitExercise): { v: number[]; where: string }[] {
  const out: { v: number[]; where: string }[] = [];
  for (const [part, cases] of Object.entries(kit.cases)) {
    for (const c of cases) {
      for (const a of c.args.map(wireFromJson)) {
        const where = `${kit.spec.id}.${part} ${c.label}`;
        if (a.t === 'array' && a.items.every((x) => x.t === 'number'))
          out.push({ v: a.items.map((x) => (x as { v: number }).v), where });
        if (a.t === 'tensor' && a.shape.length <= 2) {
          const [r, k] = a.shape.length === 2 ? a.shape : [1, a.shape[0] ?? 1];
          const d = Array.from(a.data as ArrayLike<number>, Number);
          for (let i = 0; i < r; i++) out.push({ v: d.slice(i * k, (i + 1) * k), where });
          for (let j = 0; j < k; j++) out.push({ v: Array.from({ length: r }, (_, i) => d[i * k + j]), where });
        }
      }
    }
  }
  return out;
}
