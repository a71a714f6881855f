// Every byte of a whole-catalog student kit, searched for every secret of the course: reference code, the expected
// values of on-submit and hidden parts, hidden cases, and hashes of short answers, in each encoding a kit could use.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { prepareCourse } from '../../grader/engine/prepare.js';
import type { Course } from '../../grader/engine/api.js';
import { CHECKS } from '../../grader/checks/registry.js';
import { feedbackOf } from '../../grader/spec/model.js';
import type { Wire } from '../../grader/model/wire.js';
import type { KitExercise } from '../../grader/spec/kit.js';
import { parseNumberAnswer } from '../../grader/math/restricted.js';
import { checkContext } from '../../grader/engine/grade.js';
import { elementError } from '../../grader/checks/compare.js';
import {
  exerciseNumbers,
  inputVectors,
  questionData,
  sigOf,
  significant,
  spansOf,
  textNumbers,
  type ExerciseNumbers,
  type Shown,
} from '../helpers/kit-numbers.js';

const tmp = mkdtempSync(join(tmpdir(), 'tfgrade-leak-'));
const kit = join(tmp, 'kit');
let files: { path: string; bytes: Buffer }[] = [];
let course: Course;

beforeAll(async () => {
  const r = await runCli(['release', '--out', kit]);
  expect(r.code, r.stderr).toBe(0);
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  files = walk(kit).map((f) => ({ path: relative(kit, f), bytes: readFileSync(f) }));
  indexNumbers();
  // The values the release computed (auto picks wasm for references: the same backend here, so the same bytes).
  course = await prepareCourse({ root: ROOT, ids: [], backend: 'wasm', studentCode: false, cwd: ROOT });
}, 240_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const BUILT = (p: string): boolean => p.startsWith('dist/') || p.startsWith('bin/');

/** Every number token of the course-made files (all but the build), with the files holding it: "0.5086" inside "10.50861" is another number. */
let numberTokens = new Map<string, string[]>();
function indexNumbers(): void {
  numberTokens = new Map();
  for (const f of files.filter((x) => !BUILT(x.path))) {
    for (const t of new Set(f.bytes.toString('latin1').match(/-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/g) ?? []))
      numberTokens.set(t, [...(numberTokens.get(t) ?? []), f.path]);
  }
}

/**
 * Files holding a needle, as their kit paths; a number's spelling as a whole number token. The built grader (bin/,
 * dist/) is the course's own build, byte for byte (a test below), made from grader/ and node_modules only: its
 * numbers are library constants (tfjs's erf coefficients, yaml's 65540). A course number there would have to come
 * from the build, which never reads exercises/ or reference/.
 */
const holding = (needle: Buffer | string): string[] => {
  if (typeof needle === 'string' && /^-?[\d.e+-]+$/.test(needle)) return numberTokens.get(needle) ?? [];
  const n = typeof needle === 'string' ? Buffer.from(needle) : needle;
  return files.filter((f) => f.bytes.includes(n)).map((f) => f.path);
};

function leaves(w: Wire, out: (number | string | boolean)[] = []): (number | string | boolean)[] {
  if (w.t === 'number' || w.t === 'string' || w.t === 'boolean') out.push(w.v);
  if (w.t === 'array') w.items.forEach((x) => leaves(x, out));
  if (w.t === 'object') w.entries.forEach(([, x]) => leaves(x, out));
  if (w.t === 'tensor') Array.from(w.data.slice(0, 8) as ArrayLike<number>).forEach((x) => out.push(x));
  return out;
}

/** A number's spellings a kit could carry: full precision and rounded (4 to 8 digits), when distinctive enough. */
function spellings(x: number): string[] {
  if (!Number.isFinite(x)) return [];
  const all = new Set([String(x), ...[4, 5, 6, 7, 8].map((p) => String(Number(x.toPrecision(p))))]);
  // Fewer than 4 significant digits (0.5, 12, 1e-3) occur in any program: they are checked structurally below.
  return [...all].filter((s) => significant(s) >= 4);
}

const hashes = (s: string): string[] =>
  ['sha256', 'sha1', 'md5'].flatMap((h) => {
    const d = createHash(h).update(s).digest();
    return [d.toString('hex'), d.toString('base64').replace(/=+$/, '')];
  });

/**
 * Float32 bytes of a tensor's first values, raw and in base64 at each of the three alignments; none when those bytes
 * are in a public tensor (`known`) already, as a grid's first points or a sawtooth's first teeth may be.
 */
function tensorNeedles(w: Wire, known?: Buffer): (Buffer | string)[] {
  if (w.t !== 'tensor' || w.data.length < 4) return [];
  const bytes = Buffer.from(w.data.buffer, w.data.byteOffset, w.data.byteLength);
  const head = bytes.subarray(0, Math.min(bytes.length, 48));
  if (known?.includes(head.subarray(0, 16))) return [];
  return [
    head.subarray(0, 16),
    ...[0, 1, 2].map((k) =>
      head
        .subarray(k, k + 36)
        .toString('base64')
        .slice(4, 40),
    ),
  ];
}

const options = (part: { check: unknown }): string[] =>
  ((part.check as { options?: { id: string }[] }).options ?? []).map((o) => o.id);

const secretParts = () =>
  course.exercises.flatMap((ex) =>
    ex.parts
      .filter((p) => feedbackOf(p.spec) !== 'immediate')
      .map((p) => ({ at: `${ex.spec.id}.${p.spec.id}`, part: p, ex })),
  );

describe('a student kit leaks nothing', () => {
  it('holds no reference code: no distinctive line of any reference/*.ts', () => {
    const grader = readdirSync(join(ROOT, 'grader'), { recursive: true, encoding: 'utf8' })
      .filter((n) => n.endsWith('.ts'))
      .map((n) => readFileSync(join(ROOT, 'grader', n), 'utf8'))
      .join('\n');
    const starters = readdirSync(join(ROOT, 'solutions'))
      .map((n) => readFileSync(join(ROOT, 'solutions', n), 'utf8'))
      .join('\n');
    let searched = 0;
    for (const name of readdirSync(join(ROOT, 'reference'))) {
      const lines = readFileSync(join(ROOT, 'reference', name), 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter(
          (l) =>
            l.length >= 24 &&
            !/^(\/\/|\*|\/\*\*|import |export (function|const|type|interface) )/.test(l) &&
            !grader.includes(l) &&
            !starters.includes(l),
        );
      for (const l of lines) expect(holding(l), `${name}: ${l}`).toEqual([]);
      searched += lines.length;
    }
    expect(searched).toBeGreaterThan(200);
  });

  it('an on-submit or hidden part carries only its prompt and the fields its form check needs', () => {
    for (const { at, part, ex } of secretParts()) {
      const kitFile = JSON.parse(readFileSync(join(kit, 'kit', `${ex.spec.id}.json`), 'utf8'));
      const spec = kitFile.spec.parts.find((p: { id: string }) => p.id === part.spec.id);
      expect(
        Object.keys(spec).every((k) =>
          ['id', 'type', 'shapes', 'mode', 'points', 'prompt', 'visibility', 'feedback', 'check'].includes(k),
        ),
        at,
      ).toBe(true);
      const allowed = ['kind', ...(CHECKS.byKind(part.spec.check.kind).kitFields ?? [])];
      expect(
        Object.keys(spec.check).filter((k) => !allowed.includes(k)),
        at,
      ).toEqual([]);
      for (const c of kitFile.cases[part.spec.id]) expect([c.expected, c.mistakes], at).toEqual([undefined, undefined]);
      if (part.spec.check.why) expect(holding(part.spec.check.why), at).toEqual([]);
    }
  });

  it('no expected value of an on-submit or hidden part, in any spelling or as a hash', () => {
    let searched = 0;
    for (const { at, part } of secretParts()) {
      for (const c of part.cases) {
        for (const v of leaves(c.expected)) {
          // An option id must be in the kit (students pick from them): what must not be is an id next to a verdict.
          const isOption = typeof v === 'string' && options(part.spec).includes(v);
          const needles =
            typeof v === 'number'
              ? spellings(v)
              : typeof v === 'string' && isOption
                ? [`"${v}":true`, `"answer":"${v}"`, `"expected":"${v}"`, `"correct":"${v}"`, `"v":"${v}"`]
                : typeof v === 'string' && v.length >= 3
                  ? [JSON.stringify(v)]
                  : [];
          for (const n of needles) expect(holding(n), `${at}: ${n}`).toEqual([]);
          for (const h of hashes(String(v))) expect(holding(h), `${at}: hash of ${v}`).toEqual([]);
          searched += needles.length;
        }
        for (const h of hashes(JSON.stringify(c.expected)))
          expect(holding(h), `${at}: hash of the whole value`).toEqual([]);
        for (const n of tensorNeedles(c.expected)) expect(holding(n), `${at}: tensor bytes`).toEqual([]);
      }
    }
    expect(searched).toBeGreaterThan(10);
  });

  it('no hidden case: neither its inputs nor its expected values', () => {
    let hidden = 0;
    for (const ex of course.exercises) {
      // A value a public case of the exercise also has (as an input, expected value or mistake's value) is public already.
      const known = new Set(
        ex.parts
          .filter((p) => feedbackOf(p.spec) === 'immediate')
          .flatMap((p) => p.cases.filter((x) => !x.hidden))
          .flatMap((x) =>
            [...x.args, x.expected, ...Object.values(x.mistakes ?? {})].flatMap((w) =>
              leaves(w).flatMap((v) => (typeof v === 'number' ? spellings(v) : [])),
            ),
          ),
      );
      const publicBytes = Buffer.concat(
        ex.parts
          .filter((p) => feedbackOf(p.spec) === 'immediate')
          .flatMap((p) => p.cases.filter((x) => !x.hidden))
          .flatMap((x) => [...x.args, x.expected, ...Object.values(x.mistakes ?? {})])
          .flatMap((w) => (w.t === 'tensor' ? [Buffer.from(w.data.buffer, w.data.byteOffset, w.data.byteLength)] : [])),
      );
      for (const p of ex.parts) {
        for (const c of p.cases.filter((x) => x.hidden)) {
          hidden++;
          // A label says what the inputs are ("depth 7, n 12, seeds 91, 92"); a short one ("n 2") is in any program.
          if (c.label.length >= 16) expect(holding(c.label), c.label).toEqual([]);
          for (const [w, input] of [...c.args.map((a) => [a, true] as const), [c.expected, false] as const]) {
            for (const n of tensorNeedles(w, publicBytes))
              expect(holding(n), `${ex.spec.id}.${p.spec.id} ${c.label}: tensor bytes`).toEqual([]);
            // An integer input is a size or a count (784, 2048) that prompts state; a computed value never is.
            const secret = (v: number) => !(input && Number.isInteger(v));
            for (const v of leaves(w))
              if (typeof v === 'number' && secret(v))
                for (const s of spellings(v).filter((x) => !known.has(x)))
                  expect(holding(s), `${ex.spec.id}.${p.spec.id} ${c.label}: ${s}`).toEqual([]);
          }
        }
      }
    }
    expect(hidden).toBeGreaterThan(20);
  });

  /**
   * The rule for short answers (0.125, 4, 0.5, 10), which a spelling search cannot tell from the numbers every program
   * has. Each numeric answer `a` of an on-submit or hidden value part is compared by value (within its part's own
   * tolerance, or as a rounding of it: "0.0884" for 0.08839) with the numbers the kit shows:
   * - a *common* answer (at most 2 significant digits: 4, 0.5, 10, 0.01) with what its own exercise shows as a result:
   *   the public cases' expected values and mistakes' values, the examples its texts write out (`'sqrt(2/128)'`,
   *   evaluated), and the plain number arguments of its public cases (a public call at the answer, `factor(10)` for
   *   millionAt = 10, prints the answer's neighbourhood) unless the question states that number (a call at p6's
   *   slope alpha = 0.01 shows only what its prompt says). A 4 in a shape [4, 2] or a given of the question ("z = 5",
   *   "slope 0.01") is not a result: these numbers are everywhere, and the question states its givens.
   * - any other answer (0.125, 7.49, 1628170) with every number its own exercise shows (every text token, every
   *   public input and output), and with every number of 4 or more digits anywhere in the kit.
   * An expression answer is graded, by its own check, against every code span and quoted string of the kit's texts.
   * Derived leaks: a public input must not hold the question's own data (a list like {2, 2, 6, 6} in the exercise's
   * prompts): its outputs are a step of the answer (ẑ of the worked batch gives its variance and ẑ(5)).
   */
  it('no on-submit answer, however short, is a number, example or expression the kit shows', async () => {
    const kits = new Map(
      course.exercises.map((ex) => [
        ex.spec.id,
        JSON.parse(readFileSync(join(kit, 'kit', `${ex.spec.id}.json`), 'utf8')) as KitExercise,
      ]),
    );
    const starter = (id: string) => files.find((f) => f.path === `solutions/${id}.ts`)?.bytes.toString('utf8') ?? '';
    const everywhere: Shown[] = files
      .filter((f) => !BUILT(f.path))
      .flatMap((f) => textNumbers(f.bytes.toString('latin1'), f.path))
      .filter((n) => sigOf(n) >= 4);
    const numbersOf = new Map<string, ExerciseNumbers>(
      course.exercises.map((e) => [e.spec.id, exerciseNumbers(kits.get(e.spec.id)!, starter(e.spec.id))]),
    );
    const texts = files
      .filter((f) => f.path === 'README.md' || f.path.startsWith('solutions/'))
      .map((f) => f.bytes.toString('utf8'));
    const allSpans = [...new Set([...texts.flatMap(spansOf), ...[...numbersOf.values()].flatMap((n) => n.spans)])];
    const leaks: string[] = [];
    let compared = 0;
    for (const { at, part, ex } of secretParts().filter((s) => s.part.spec.mode === 'value')) {
      const shown = numbersOf.get(ex.spec.id)!;
      const check = part.spec.check as { kind: string; rtol?: number; atol?: number };
      const expected = part.cases[0].expected;
      if (check.kind === 'expression') {
        for (const span of allSpans) {
          const r = await CHECKS.run(
            check,
            [{ label: 'span', args: [], expected, actual: { t: 'string', v: span } }],
            checkContext(ex, part.spec.id),
          );
          if (r.status === 'passed') leaks.push(`${at}: the kit writes '${span}', a right answer`);
          compared++;
        }
      }
      if (check.kind !== 'numeric') continue;
      for (const leaf of leaves(expected)) {
        const a = typeof leaf === 'number' ? leaf : typeof leaf === 'string' ? parseNumberAnswer(leaf) : NaN;
        if (!Number.isFinite(a)) continue;
        // The part's own comparison (its tolerance, in log10 space where it grades there), or a rounding of the answer.
        const tol = {
          rtol: check.rtol ?? 1e-6,
          atol: check.atol ?? 1e-9,
          log10: (check as { log10?: boolean }).log10 ?? false,
        };
        const rounded = Array.from({ length: 22 }, (_, p) => (p >= 3 ? Number(a.toPrecision(p)) : NaN));
        const rounds = (n: Shown) => rounded[Math.min(sigOf(n), 21)] === n.x;
        const near = (n: Shown) => elementError(n.x, a, tol).ok || rounds(n);
        const common = significant(String(a)) <= 2;
        // A call at a number the question states (p6's slope alpha = 0.01) shows nothing the question did not say.
        const givens = new Set(
          [ex.spec.prompt, ...ex.spec.parts.map((p) => p.prompt)].flatMap((t) => textNumbers(t, '')).map((n) => n.x),
        );
        const candidates = common
          ? [...shown.outputs, ...shown.examples, ...shown.scalars.filter((n) => !givens.has(n.x))]
          : [...shown.all, ...everywhere];
        for (const n of candidates)
          if (common || n.where.startsWith(ex.spec.id) ? near(n) : rounds(n))
            leaks.push(`${at} = ${a}: ${n.where} shows ${n.spelling}`);
        compared += candidates.length;
      }
    }
    for (const ex of course.exercises.filter((e) =>
      e.parts.some((p) => p.spec.mode === 'value' && feedbackOf(p.spec) !== 'immediate'),
    )) {
      const data = [
        ex.spec.prompt,
        ...ex.spec.parts.filter((p) => feedbackOf(p) !== 'immediate').map((p) => p.prompt),
      ].flatMap(questionData);
      const sorted = (v: number[]) => JSON.stringify([...v].sort((x, y) => x - y));
      for (const q of data)
        for (const { v, where } of inputVectors(kits.get(ex.spec.id)!))
          if (sorted(v) === sorted(q)) leaks.push(`${where}: a public input is the question's data {${q.join(', ')}}`);
    }
    expect(leaks.slice(0, 40)).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
  }, 180_000);

  it("its built grader is the course's build, byte for byte (so no course data rides in it)", () => {
    const built = files.filter((f) => BUILT(f.path));
    expect(built.length).toBeGreaterThan(5);
    for (const f of built) expect(f.bytes.equals(readFileSync(join(ROOT, f.path))), f.path).toBe(true);
  });

  it('the public cases of immediate parts are in it (the test searches where secrets would be)', () => {
    const p3 = course.exercises.find((e) => e.spec.id === 'p3')!;
    const jac = p3.parts.find((p) => p.spec.id === 'residualJacobian')!.cases.find((c) => !c.hidden)!;
    expect(tensorNeedles(jac.expected).some((n) => holding(n).includes('kit/p3.json'))).toBe(true);
  });
});
