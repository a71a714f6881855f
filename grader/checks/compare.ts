// Shared numeric comparison helpers: elementwise tolerance, allclose over flat arrays, log10 variant.
import { fmt } from '../model/wire.js';

export interface Tolerance {
  rtol: number;
  atol: number;
  /** Compare log10|a| with log10|e| (atol then counts decades). */
  log10?: boolean;
}

/** |a-e| <= atol + rtol*|e|. Non-finite values never pass, on either side: NaN == NaN would hide bugs. */
export function close(a: number, e: number, rtol: number, atol: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(e)) return false;
  return Math.abs(a - e) <= atol + rtol * Math.abs(e);
}

/**
 * Error of one element in the space the tolerance compares in; Infinity when not comparable. In log10 space signs must
 * match, two zeros (of any sign) match, and exactly one zero never does: a zero is infinitely many decades away.
 */
export function elementError(
  a: number,
  e: number,
  tol: Tolerance,
): { ok: boolean; abs: number; rel: number; excess: number } {
  if (!Number.isFinite(a) || !Number.isFinite(e)) return { ok: false, abs: Infinity, rel: Infinity, excess: Infinity };
  let x = a;
  let y = e;
  if (tol.log10) {
    if (a === 0 || e === 0) {
      const ok = a === 0 && e === 0;
      return ok ? { ok, abs: 0, rel: 0, excess: 0 } : { ok, abs: Infinity, rel: Infinity, excess: Infinity };
    }
    if (Math.sign(a) !== Math.sign(e)) return { ok: false, abs: Infinity, rel: Infinity, excess: Infinity };
    x = Math.log10(Math.abs(a));
    y = Math.log10(Math.abs(e));
  }
  const abs = Math.abs(x - y);
  const rel = abs === 0 ? 0 : y === 0 ? Infinity : abs / Math.abs(y);
  const allowed = tol.atol + tol.rtol * Math.abs(y);
  // "excess" ranks elements by how badly they miss their own allowance, which is what "worst" means.
  const excess = abs === 0 ? 0 : allowed === 0 ? Infinity : abs / allowed;
  return { ok: abs <= allowed, abs, rel, excess };
}

export interface AllcloseResult {
  pass: boolean;
  count: number;
  badCount: number;
  maxAbsError: number;
  maxRelError: number;
  /** Flat index of the element that misses its allowance the most (-1 when empty). */
  worst: number;
  worstIndex: number[] | undefined;
  /** Flat index of the first non-finite actual where the expected value is finite, -1 if none. */
  firstNonFinite: number;
  /** Flat index of the first non-finite expected value, -1 if none (a reference problem). */
  expectedNonFinite: number;
}

/** Elementwise comparison of equal-length flat arrays; shape only turns flat indices into multi-dim ones. */
export function allclose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  shape: number[],
  tol: Tolerance,
): AllcloseResult {
  if (actual.length !== expected.length)
    throw new Error(`allclose: length ${actual.length} vs ${expected.length} (caller must check shapes)`);
  const r: AllcloseResult = {
    pass: true,
    count: expected.length,
    badCount: 0,
    maxAbsError: 0,
    maxRelError: 0,
    worst: -1,
    worstIndex: undefined,
    firstNonFinite: -1,
    expectedNonFinite: -1,
  };
  let worstExcess = -1;
  for (let i = 0; i < expected.length; i++) {
    const a = Number(actual[i]);
    const e = Number(expected[i]);
    if (!Number.isFinite(e) && r.expectedNonFinite < 0) r.expectedNonFinite = i;
    if (Number.isFinite(e) && !Number.isFinite(a) && r.firstNonFinite < 0) r.firstNonFinite = i;
    const err = elementError(a, e, tol);
    if (!err.ok) {
      r.pass = false;
      r.badCount++;
    }
    r.maxAbsError = Math.max(r.maxAbsError, err.abs);
    r.maxRelError = Math.max(r.maxRelError, err.rel);
    if (err.excess > worstExcess) {
      worstExcess = err.excess;
      r.worst = i;
    }
  }
  if (r.worst >= 0) r.worstIndex = unravel(r.worst, shape);
  return r;
}

/** Flat (row-major) index to a multi-dim index; a shape that does not fit gives [flat]. */
export function unravel(flat: number, shape: number[]): number[] {
  if (shape.length === 0) return [];
  if (shape.reduce((p, d) => p * d, 1) <= flat) return [flat];
  const idx = new Array<number>(shape.length);
  let rest = flat;
  for (let k = shape.length - 1; k >= 0; k--) {
    idx[k] = rest % shape[k];
    rest = Math.floor(rest / shape[k]);
  }
  return idx;
}

/** Tolerance numbers as people write them: 1e-4 rather than 0.0001. */
export function fmtTol(x: number): string {
  if (x !== 0 && (Math.abs(x) < 1e-2 || Math.abs(x) >= 1e4)) return x.toExponential().replace('e+', 'e');
  return String(x);
}

/** "rtol 1e-4, atol 1e-5" or "log10: rtol 1e-2, atol 0.05 decades". */
export function describeTolerance(tol: Tolerance): string {
  const base = `rtol ${fmtTol(tol.rtol)}, atol ${fmtTol(tol.atol)}`;
  return tol.log10 ? `log10: ${base} decades` : base;
}

/** Two numbers formatted so that they visibly differ (more digits when 6 significant ones agree). */
export function fmtPair(e: number, a: number): [string, string] {
  const [fe, fa] = [fmt(e), fmt(a)];
  if (fe !== fa || Object.is(e, a)) return [fe, fa];
  return [String(e), String(a)];
}

/** A finite error metric for reports (JSON cannot hold Infinity/NaN); undefined otherwise. */
export function finiteOrUndefined(x: number): number | undefined {
  return Number.isFinite(x) ? x : undefined;
}
