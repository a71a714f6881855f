// Baseline (not tfgrade): what a course hand-writes without a grader — import the student's file and the instructor's
// solution into the test process, call both on fixed-seed inputs, compare with plain expect and tolerances.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { expect } from 'vitest';

export type Mod = Record<string, any>;

/** The same backend tfgrade ran on in the benchmark, so both sides do the same arithmetic. */
export async function useWasm(): Promise<void> {
  if (tf.getBackend() !== 'wasm') {
    await tf.setBackend('wasm');
    await tf.ready();
  }
}

/** STUDENT_DIR is set by scripts/bench for each student's process. */
export async function student(id: string): Promise<Mod> {
  const dir = process.env.STUDENT_DIR;
  if (!dir) throw new Error('set STUDENT_DIR to the folder with the student files');
  return (await import(pathToFileURL(join(dir, `${id}.ts`)).href)) as Mod;
}

export async function reference(id: string): Promise<Mod> {
  return (await import(pathToFileURL(join(process.cwd(), 'reference', `${id}.ts`)).href)) as Mod;
}

/** Tensors become nested arrays, so expected and actual compare as plain data. */
export function plain(v: unknown): unknown {
  if (v instanceof tf.Tensor) return v.arraySync();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** Numbers written as arithmetic ('784*2048 + 2048', '2^-100', 'sqrt(2/128)'), the way students answer by hand. */
export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || !/^[\d\s.+\-*/^()eE,sqrt]*$/.test(v)) throw new Error(`not a number: ${String(v)}`);
  return Number(new Function('sqrt', `return (${v.replace(/\^/g, '**')});`)(Math.sqrt));
}

export interface Tol {
  rtol?: number;
  atol?: number;
  log10?: boolean;
}

/** Same shape, and every number within atol + rtol*|expected| (optionally compared as log10). */
export function expectClose(actual: unknown, expected: unknown, tol: Tol = {}, where = 'value'): void {
  const a = plain(actual);
  const e = plain(expected);
  const { rtol = 1e-6, atol = 1e-9, log10 = false } = tol;
  if (Array.isArray(e)) {
    expect(Array.isArray(a), `${where} should be an array`).toBe(true);
    expect((a as unknown[]).length, `${where} length`).toBe(e.length);
    e.forEach((x, i) => expectClose((a as unknown[])[i], x, tol, `${where}[${i}]`));
  } else if (e && typeof e === 'object') {
    for (const [k, x] of Object.entries(e)) expectClose((a as Record<string, unknown>)?.[k], x, tol, `${where}.${k}`);
  } else {
    const x = log10 ? Math.log10(num(a)) : num(a);
    const y = log10 ? Math.log10(num(e)) : num(e);
    expect(Math.abs(x - y), `${where}: ${x} vs ${y}`).toBeLessThanOrEqual(atol + rtol * Math.abs(y));
  }
}

/** Evaluates a formula answer ('2/(n_in*(1+alpha^2))') at given variables, the way a course would test one. */
export function formula(expr: unknown, vars: Record<string, number>): number {
  if (typeof expr !== 'string') throw new Error('the answer should be a formula string');
  const names = Object.keys(vars);
  const src = expr
    .replace(/\^/g, '**')
    .replace(/\bsqrt\b/g, 'Math.sqrt')
    .replace(/\blog\b/g, 'Math.log');
  return Number(new Function(...names, `return (${src});`)(...names.map((n) => vars[n])));
}

/** Random inputs from fixed non-zero seeds (tfjs treats seed 0 as unseeded). */
export const normal = (shape: number[], std: number, seed: number, mean = 0): tf.Tensor =>
  tf.randomNormal(shape, mean, std, 'float32', seed);
export const uniform = (shape: number[], lo: number, hi: number, seed: number): tf.Tensor =>
  tf.randomUniform(shape, lo, hi, 'float32', seed);
export { tf };
