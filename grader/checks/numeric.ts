// numeric: a number (or mathjs string), or nested arrays/objects of them, within |a-e| <= atol + rtol*|e|.
import type { Wire } from '../model/wire.js';
import type { Reason } from '../model/outcome.js';
import { MathAnswerError, parseNumberAnswer } from '../math/restricted.js';
import { allclose, describeTolerance, elementError, finiteOrUndefined, fmtPair, type Tolerance } from './compare.js';
import { VALUE_DIAGNOSES, diagnose, sizesOf, valuesOf, type Values } from './diagnose.js';
import { bad, combine, getEntry, ok, referenceError, requireCases, whatIs, type Verdict } from './result.js';
import { Type } from '@sinclair/typebox';
import type { CaseInput, CheckResult } from '../model/outcome.js';
import { defineCheck, type KindSpec, Tol } from './define.js';

const fields = {
  ...Tol,
  log10: Type.Optional(Type.Boolean({ description: 'Compare log10 of magnitudes (quantities spanning decades).' })),
};
export type NumericSpec = KindSpec<'numeric', typeof fields>;

type Path = (string | number)[];
interface Leaf {
  path: Path;
  a: number;
  e: number;
}
class Problem {
  constructor(
    readonly reason: Reason,
    readonly message: string,
  ) {}
}

/** "plain[3]", "[2][0]", or "" for the value itself. */
function pathStr(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
const at = (path: Path): string => (path.length === 0 ? '' : ` at ${pathStr(path)}`);

/** The reference may state a number as a mathjs string ('2^-100'); it is trusted, so failure is a reference bug. */
function expectedNumber(w: Wire, path: Path): number {
  if (w.t === 'number') return w.v;
  if (w.t === 'string') {
    try {
      return parseNumberAnswer(w.v);
    } catch (err) {
      throw referenceError(
        `numeric expected value${at(path)} ${JSON.stringify(w.v)} is not a number: ${(err as Error).message}`,
      );
    }
  }
  throw referenceError(`numeric expected value${at(path)} is ${w.t}; numeric checks take numbers, arrays and objects`);
}

function actualNumber(w: Wire, path: Path): number {
  if (w.t === 'number') return w.v;
  if (w.t === 'string') {
    try {
      return parseNumberAnswer(w.v);
    } catch (err) {
      if (err instanceof MathAnswerError)
        throw new Problem(
          'invalid-answer',
          `could not read ${JSON.stringify(w.v.slice(0, 60))}${at(path)} as a number: ${err.message}`,
        );
      throw err;
    }
  }
  throw new Problem('wrong-type', `expected a number${at(path)}, got ${whatIs(w)}${tensorHint(w)}`);
}

const tensorHint = (w: Wire): string =>
  w.t === 'tensor' ? '; return plain numbers (e.g. from await t.array() or t.arraySync())' : '';

/** Walk expected and actual together; structural mismatches stop at the first one found. */
function collect(e: Wire, a: Wire, path: Path, leaves: Leaf[]): void {
  if (e.t === 'array') {
    if (a.t !== 'array')
      throw new Problem(
        'wrong-type',
        `expected an array of ${e.items.length} numbers${at(path)}, got ${whatIs(a)}${tensorHint(a)}`,
      );
    if (a.items.length !== e.items.length)
      throw new Problem('wrong-shape', `expected ${e.items.length} values${at(path)}, got ${a.items.length}`);
    for (const [i, item] of e.items.entries()) collect(item, a.items[i], [...path, i], leaves);
    return;
  }
  if (e.t === 'object') {
    if (a.t !== 'object')
      throw new Problem(
        'wrong-type',
        `expected an object with keys ${e.entries.map(([k]) => k).join(', ')}${at(path)}, got ${whatIs(a)}`,
      );
    for (const [key, item] of e.entries) {
      const got = getEntry(a, key);
      if (got === undefined)
        throw new Problem(
          'wrong-type',
          `missing key '${key}'${at(path)}; expected keys ${e.entries.map(([k]) => k).join(', ')}`,
        );
      collect(item, got, [...path, key], leaves);
    }
    return;
  }
  const ev = expectedNumber(e, path);
  leaves.push({ path, e: ev, a: actualNumber(a, path) });
}

/** Without an expected value to walk beside: every leaf is a finite number (or a string that reads as one). */
function numbersOf(a: Wire, path: Path): string | undefined {
  if (a.t === 'array') return a.items.map((x, i) => numbersOf(x, [...path, i])).find((m) => m !== undefined);
  if (a.t === 'object') return a.entries.map(([k, x]) => numbersOf(x, [...path, k])).find((m) => m !== undefined);
  const v = actualNumber(a, path);
  return Number.isFinite(v) ? undefined : `got ${v}${at(path)}: an answer is a finite number`;
}

function check(spec: NumericSpec, cases: CaseInput[]): CheckResult {
  requireCases(cases, spec.kind);
  const tol: Tolerance = { rtol: spec.rtol ?? 1e-6, atol: spec.atol ?? 1e-9, log10: spec.log10 ?? false };
  const tolerance = describeTolerance(tol);
  const verdicts = cases.map((c): Verdict => {
    const leaves: Leaf[] = [];
    const named = (a: Values, e: Values) =>
      diagnose(a, e, { close: (x, y) => elementError(x, y, tol).ok, sizes: sizesOf(c.args) });
    try {
      collect(c.expected, c.actual, [], leaves);
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      // A list one element short (an off-by-one) or of another shape: the same catalog, on the plain numbers.
      const [a, e] = [valuesOf(c.actual), valuesOf(c.expected)];
      const diagnosis = err.reason === 'wrong-shape' && a && e ? named(a, e) : undefined;
      return bad(err.reason, err.message, { tolerance, ...(diagnosis ? { diagnosis } : {}) });
    }
    const bad1 = leaves.find((l) => !Number.isFinite(l.e));
    if (bad1)
      throw referenceError(`numeric expected value${at(bad1.path)} is ${bad1.e}; expected values must be finite`);
    const r = allclose(
      leaves.map((l) => l.a),
      leaves.map((l) => l.e),
      [leaves.length],
      tol,
    );
    const worst = r.worst >= 0 ? leaves[r.worst].path : undefined;
    const detail = {
      tolerance,
      maxAbsError: finiteOrUndefined(r.maxAbsError),
      maxRelError: finiteOrUndefined(r.maxRelError),
      // Pure index paths stay numeric (multi-dim index); paths through objects read as "plain[3]".
      worstIndex:
        worst && worst.length > 0
          ? worst.every((p) => typeof p === 'number')
            ? (worst as number[])
            : pathStr(worst)
          : undefined,
    };
    if (r.firstNonFinite >= 0) {
      const l = leaves[r.firstNonFinite];
      return bad('not-finite', `got ${l.a}${at(l.path)} where ${fmtPair(l.e, l.a)[0]} was expected`, detail);
    }
    if (r.pass)
      return ok(
        leaves.length === 1 ? `correct (${tolerance})` : `all ${leaves.length} values match (${tolerance})`,
        detail,
      );
    const l = leaves[r.worst];
    const [fe, fa] = fmtPair(l.e, l.a);
    const zeroNote = tol.log10 && (l.a === 0) !== (l.e === 0) ? '; in log10 space zero only matches zero' : '';
    const signNote =
      tol.log10 && l.a !== 0 && l.e !== 0 && Math.sign(l.a) !== Math.sign(l.e) ? '; the signs differ' : '';
    const head = leaves.length === 1 ? '' : `${r.badCount} of ${leaves.length} values are off; worst${at(l.path)}: `;
    const shape = valuesOf(c.expected)?.shape ?? [leaves.length];
    const diagnosis = named({ data: leaves.map((x) => x.a), shape }, { data: leaves.map((x) => x.e), shape });
    return bad('wrong-value', `${head}expected ${fe}, got ${fa} (${tolerance})${zeroNote}${signNote}`, {
      ...detail,
      ...(diagnosis ? { diagnosis } : {}),
    });
  });
  return combine(cases, verdicts);
}

export default defineCheck({
  kind: 'numeric',
  description: 'A number, a mathjs string, or arrays/objects of numbers, within |a-e| <= atol + rtol*|e|.',
  fields,
  answer: false,
  mistakes: 'output',
  diagnoses: VALUE_DIAGNOSES,
  hintsByAnswer: true,
  feedback: { value: 'on-submit', call: 'immediate' },
  form: { numberStrings: true },
  wellFormed: (_spec, a) => {
    try {
      return numbersOf(a, []);
    } catch (err) {
      if (err instanceof Problem) return err.message;
      throw err;
    }
  },
  grade: check,
});
