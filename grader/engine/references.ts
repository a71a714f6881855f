// Runs the instructor's reference in the trusted grader: builds each part's cases and expected values, once, cached on disk.
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import type { CaseDef, ReferenceExtras, Tf } from '../model/reference.js';
import type { Wire } from '../model/wire.js';
import { CHECKS, type BehaviorPredicate } from '../checks/registry.js';
import type { PreparedCase, PreparedExercise, PreparedPart } from './api.js';
import type { LoadedSpec } from '../spec/files.js';
import type { SpecProblem } from '../util/errors.js';
import { tensorHooks, toWire } from '../protocol/wire-codec.js';
import type { TfSource } from './tf-source.js';
import type { LoadedTf } from '../tf/loader.js';
import { readCache, writeCache, writeModule } from './cache.js';
import { bundleReference } from './reference-bundle.js';
import { mark } from '../util/timings.js';
import { recordingTf } from './generated-inputs.js';

/** Bump when the cached layout or the way expected values are computed changes. */
const CACHE_FORMAT = 4;

type RefModule = Record<string, unknown> & ReferenceExtras;

export class ReferenceProblems extends Error {
  constructor(readonly problems: SpecProblem[]) {
    super('reference problems');
  }
}

/** A problem in the reference, thrown at `path` (a part, or '' for the whole file) with how to fix it. */
type Fail = (path: string, message: string, fix: string) => never;

/** What computing the expected values needs: the grader's tfjs, the loaded reference and how to report its slips. */
interface RefRun {
  tf: LoadedTf['tf'];
  tfs: TfSource;
  mod: RefModule;
  behaviors: Record<string, BehaviorPredicate>;
  hooks: ReturnType<typeof tensorHooks>;
  fail: Fail;
}

export async function prepareExercise(
  root: string,
  loaded: LoadedSpec,
  tfs: TfSource,
  cwd: string,
  useCache: boolean,
): Promise<PreparedExercise> {
  const { spec } = loaded;
  const refFile = relative(cwd, join(root, 'reference', `${spec.id}.ts`));
  const fail: Fail = (path, message, fix) => {
    throw new ReferenceProblems([{ file: refFile, path, message, fix }]);
  };
  const code = await compileReference(root, loaded, cwd, fail, useCache);
  mark('reference: bundle');
  const name = `${spec.id}-${cacheKey(loaded, code, tfs)}`;
  // A kind that asks something of the reference (a behavior's predicate) needs the module even when values are cached.
  const needsModule = spec.parts.some((p) => CHECKS.byKind(p.check.kind).reference);
  const cached = useCache ? readCache<PreparedPart[]>(root, name) : undefined;
  mark('reference: cache read');
  if (cached && !needsModule) return { spec, file: loaded.file, parts: cached, behaviors: {}, cacheName: name };

  const { tf } = await tfs.load();
  mark('reference: grader tfjs load');
  const { mod, behaviors } = loadReference(root, name, code, tf);
  mark('reference: import module');
  if (cached) return { spec, file: loaded.file, parts: cached, behaviors, cacheName: name };

  const run: RefRun = { tf, tfs, mod, behaviors, hooks: tensorHooks(tf), fail };
  checkHiddenCaseKeys(spec, mod, fail);
  const parts: PreparedPart[] = [];
  for (const [i, part] of spec.parts.entries()) parts.push(await preparePart(part, `parts[${i}] (${part.id})`, run));
  mark('reference: compute');
  if (useCache) writeCache(root, name, parts);
  mark('reference: cache write');
  return { spec, file: loaded.file, parts, behaviors, cacheName: name };
}

/** The bundled reference, or a problem naming the file to write: a reference that does not compile grades nothing. */
async function compileReference(
  root: string,
  loaded: LoadedSpec,
  cwd: string,
  fail: Fail,
  useCache: boolean,
): Promise<string> {
  try {
    return await bundleReference(root, loaded.spec.id, useCache);
  } catch (e) {
    return fail(
      '',
      `cannot compile: ${(e as Error).message.split('\n').slice(0, 3).join(' ')}`,
      `write reference/${loaded.spec.id}.ts exporting every part of ${relative(cwd, loaded.file)}`,
    );
  }
}

/** Cached values stay valid while the spec, the bundled reference, the backend and the tfjs version all do. */
const cacheKey = (loaded: LoadedSpec, code: string, tfs: TfSource): string =>
  createHash('sha256')
    .update(`${CACHE_FORMAT}\0${loaded.text}\0${code}\0${tfs.backend}\0${tfs.tfjsVersion}`)
    .digest('hex')
    .slice(0, 20);

/** The reference module and its behaviors, bound to the grader's tfjs. */
function loadReference(
  root: string,
  name: string,
  code: string,
  tf: LoadedTf['tf'],
): { mod: RefModule; behaviors: Record<string, BehaviorPredicate> } {
  // CommonJS, loaded with require: it then shares the grader's tfjs without Node lexing tfjs for ESM named exports.
  // The file name holds the cache key, so a changed reference is a new path, never a stale entry of require's cache.
  const mod = createRequire(import.meta.url)(writeModule(root, name, code)) as RefModule;
  const behaviors: Record<string, BehaviorPredicate> = {};
  for (const [id, fn] of Object.entries(mod.behaviors ?? {}))
    behaviors[id] = (actual, args) => fn(tf as unknown as Tf, actual, args);
  return { mod, behaviors };
}

/** Hidden cases are for call parts only: one keyed on another part, or on no part, is the reference author's slip. */
function checkHiddenCaseKeys(spec: LoadedSpec['spec'], mod: RefModule, fail: Fail): void {
  for (const id of Object.keys(mod.hiddenCases ?? {})) {
    const i = spec.parts.findIndex((p) => p.id === id);
    if (i < 0)
      fail(
        '',
        `hiddenCases.${id} names no part of ${spec.id}`,
        `key hiddenCases by a call part's id (${
          spec.parts
            .filter((p) => p.mode === 'call')
            .map((p) => p.id)
            .join(', ') || 'this exercise has none'
        })`,
      );
    if (spec.parts[i].mode !== 'call')
      fail(
        `parts[${i}] (${id})`,
        `hiddenCases.${id}: '${id}' is a value part; hidden cases are for call parts`,
        `remove hiddenCases.${id}`,
      );
  }
}

/** One part's cases with their expected values (and each named mistake's output), after checking the reference has what the part needs. */
async function preparePart(part: PreparedPart['spec'], at: string, run: RefRun): Promise<PreparedPart> {
  const { mod, behaviors, fail } = run;
  if (!(part.id in mod)) fail(at, `the reference does not export '${part.id}'`, `export ${part.id}: ${part.type}`);
  const missing = CHECKS.byKind(part.check.kind).reference?.(part.check, { behaviors });
  if (missing) fail(at, missing.message, missing.fix);
  const mistakes = mistakeFunctions(part, mod, behaviors, (message, fix) => fail(at, message, fix));
  if (part.mode === 'value')
    return { spec: part, cases: [{ label: part.id, args: [], expected: toWire(mod[part.id], run.hooks) }] };
  // Public cases first, then the hidden ones (computed the same way, flagged): a kit keeps only the first.
  const cases: PreparedCase[] = [];
  for (const set of ['cases', 'hiddenCases'] as const) cases.push(...(await caseSet(part, at, set, mistakes, run)));
  return { spec: part, cases };
}

/** The cases of one set (public or hidden) of a call part, each run on the reference and on every named mistake. */
async function caseSet(
  part: PreparedPart['spec'],
  at: string,
  set: 'cases' | 'hiddenCases',
  mistakes: [string, Fn][],
  run: RefRun,
): Promise<PreparedCase[]> {
  const { tf, tfs, mod, hooks, fail } = run;
  const makeCases = mod[set]?.[part.id];
  if (set === 'hiddenCases' && makeCases === undefined) return [];
  if (typeof makeCases !== 'function')
    fail(at, `no ${set} for call part '${part.id}'`, `add ${set}.${part.id} = (tf) => [{ label, args }]`);
  const defs = tf.tidy(
    () => (makeCases as (tf: Tf) => CaseDef[])(recordingTf(tf as unknown as Tf)) as never,
  ) as CaseDef[];
  if (!Array.isArray(defs) || defs.length === 0)
    fail(at, `${set}.${part.id} returned no cases`, 'return at least one case');
  const cases: PreparedCase[] = [];
  for (const def of defs) {
    try {
      const expected =
        def.expected !== undefined
          ? toWire(def.expected, hooks)
          : await tfs.withCpuFallback(() => callReference(tf, mod[part.id] as Fn, def, hooks));
      const wrong: Record<string, Wire> = {};
      for (const [name, fn] of mistakes)
        wrong[name] = await tfs.withCpuFallback(() => callReference(tf, fn, def, hooks));
      cases.push({
        label: def.label,
        args: def.args.map((a) => toWire(a, hooks)),
        expected,
        ...(mistakes.length ? { mistakes: wrong } : {}),
        ...(set === 'hiddenCases' ? { hidden: true } : {}),
      });
    } catch (e) {
      fail(
        at,
        `the reference failed on ${set === 'hiddenCases' ? 'hidden ' : ''}case '${def.label}': ${(e as Error).message}`,
        'fix the reference or the case',
      );
    }
  }
  tf.dispose(defs.map((d) => d.args) as never);
  return cases;
}

type Fn = (...a: unknown[]) => unknown;

/**
 * The reference's mistakes that the part's hints name, as functions to call on each case ('output' kinds); a predicate
 * kind's mistakes are behaviors, checked to exist. A name the reference lacks is its author's error.
 */
function mistakeFunctions(
  part: PreparedPart['spec'],
  mod: RefModule,
  behaviors: Record<string, unknown>,
  fail: (message: string, fix: string) => never,
): [string, Fn][] {
  const how = CHECKS.byKind(part.check.kind).mistakes;
  const out: [string, Fn][] = [];
  for (const name of new Set((part.hints ?? []).flatMap((h) => (h.mistake ? [h.mistake] : [])))) {
    if (how === 'predicate') {
      if (!Object.hasOwn(behaviors, name))
        fail(
          `the hint's mistake '${name}' is not in the reference's behaviors`,
          `add behaviors.${name}: a predicate that passes on that mistake`,
        );
      continue;
    }
    const fn = mod.mistakes && Object.hasOwn(mod.mistakes, name) ? mod.mistakes[name] : undefined;
    if (typeof fn !== 'function')
      fail(
        `the hint's mistake '${name}' is not in the reference's mistakes`,
        `export mistakes.${name}: the wrong version of ${part.id}`,
      );
    out.push([name, fn as Fn]);
  }
  return out;
}

function callReference(tf: LoadedTf['tf'], fn: Fn, def: CaseDef, hooks: ReturnType<typeof tensorHooks>): Wire {
  // tidy keeps the returned tensors alive; they are read, then freed (tidy must not walk a Wire's big typed arrays).
  const out = tf.tidy(() => fn(...def.args) as never);
  try {
    return toWire(out, hooks);
  } finally {
    tf.dispose(out);
  }
}
