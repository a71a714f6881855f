// Loads every exercise spec (YAML or JSON), validates it with ajv and the cross-field rules, and collects all problems.
import { readFileSync } from 'node:fs';
import { basename, extname, relative } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { specValidator } from './validator.js';
import YAML from 'yaml';
import { specSchemasOf, type ExerciseSpec, type PartSpec } from './model.js';
import type { RuleProblem } from '../checks/define.js';
import { CHECKS, type CheckRegistry } from '../checks/registry.js';
import { TfgradeError, formatProblems, type SpecProblem } from '../util/errors.js';
import { explainAjvError } from './explain-errors.js';
import { isKit } from './kit.js';
import { listSpecFiles, loadKitSpecs, type LoadedSpec } from './files.js';
import { plural } from '../util/plural.js';

// Callers that load specs find where they are here too; the engine imports files.js alone (this module is the heavy half).
export { listSpecFiles, type LoadedSpec };

/** The course's kinds use the validator compiled once (at build time in the bundle); another list compiles its own. */
const validators = new WeakMap<CheckRegistry, ValidateFunction>();
function validate(data: unknown, checks: CheckRegistry): ErrorObject[] {
  let validator = checks === CHECKS ? specValidator() : validators.get(checks);
  if (!validator)
    validators.set(
      checks,
      (validator = new Ajv({ strict: true, allErrors: true }).compile(specSchemasOf(checks).ExerciseSpec)),
    );
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

/**
 * Reads and validates the specs of `ids` (all when omitted); throws one SPEC_INVALID error listing every problem.
 * Grading reads only the exercises it grades (YAML and ajv cost time per file); `grade validate` reads them all.
 */
export function loadSpecs(root: string, cwd = process.cwd(), ids?: string[]): LoadedSpec[] {
  if (isKit(root)) return loadKitSpecs(root, cwd, ids);
  const files = listSpecFiles(root, cwd);
  const problems: SpecProblem[] = [];
  const specs: LoadedSpec[] = [];
  const seen = new Map<string, string>();
  for (const [stem, file] of files) {
    if (ids && !ids.includes(stem)) continue;
    const shown = relative(cwd, file) || file;
    const text = readFileSync(file, 'utf8');
    const found = parseSpec(text, basename(file), shown);
    problems.push(...found.problems);
    if (!found.spec) continue;
    const spec = found.spec;
    const other = seen.get(spec.id);
    if (other)
      problems.push({
        file: shown,
        path: 'id',
        message: `id '${spec.id}' is already used by ${other}`,
        fix: 'give each exercise a unique id',
      });
    seen.set(spec.id, shown);
    specs.push({ spec, file, text });
  }
  if (problems.length) throw specError(problems);
  return specs;
}

export function specError(problems: SpecProblem[]): TfgradeError {
  const files = new Set(problems.map((p) => p.file)).size;
  return new TfgradeError(
    'SPEC_INVALID',
    `${plural(problems.length, 'problem')} in ${plural(files, 'exercise file')}:\n${formatProblems(problems)}`,
    'fix the files above, then run `grade validate`',
    problems,
  );
}

/** Parse + schema + rules for one file; pure, so tests can feed it text (and a list of check kinds of their own). */
export function parseSpec(
  text: string,
  name: string,
  shown: string,
  checks: CheckRegistry = CHECKS,
): { spec?: ExerciseSpec; problems: SpecProblem[] } {
  let data: unknown;
  try {
    // logLevel 'error': the yaml package would otherwise print its warnings (e.g. an ambiguous alias in a mangled
    // spec) straight to stderr via process.emitWarning, outside the problem list (found by test/fuzz).
    data = extname(name) === '.json' ? JSON.parse(text) : YAML.parse(text, { prettyErrors: true, logLevel: 'error' });
  } catch (e) {
    return {
      problems: [
        {
          file: shown,
          path: '',
          message: `cannot parse: ${(e as Error).message.split('\n')[0]}`,
          fix: 'fix the syntax at the position shown',
        },
      ],
    };
  }
  const errors = relevantErrors(validate(data, checks), data, checks.names);
  if (errors.length) return { problems: errors.map((e) => ({ file: shown, ...explainAjvError(e) })) };
  const spec = data as ExerciseSpec;
  const problems = ruleProblems(spec, basename(name, extname(name)), checks).map((p) => ({ file: shown, ...p }));
  return problems.length ? { problems } : { spec, problems };
}

/** A check is a union: keep only the errors of the branch its `kind` selects, so one typo gives one message. */
function relevantErrors(errors: ErrorObject[], data: unknown, KINDS: readonly string[]): ErrorObject[] {
  const parts = (data as { parts?: unknown })?.parts;
  const branchOf = (partIndex: number): number => {
    const kind = Array.isArray(parts) ? (parts[partIndex] as { check?: { kind?: unknown } })?.check?.kind : undefined;
    return KINDS.indexOf(kind as string);
  };
  const out: ErrorObject[] = [];
  for (const e of errors) {
    const m = /^\/parts\/(\d+)\/check/.exec(e.instancePath);
    const branch = /\/check\/anyOf\/(\d+)\//.exec(e.schemaPath);
    if (m && e.keyword === 'anyOf' && e.instancePath.endsWith('/check')) {
      if (branchOf(Number(m[1])) < 0) out.push({ ...e, keyword: 'kind', params: { allowed: KINDS } });
      continue;
    }
    if (m && branch && Number(branch[1]) !== branchOf(Number(m[1]))) continue;
    out.push(e);
  }
  return out;
}

/** The rules the schema cannot state: the id matches the file, part ids are unique, and each kind's own rules. */
function ruleProblems(spec: ExerciseSpec, stem: string, checks: CheckRegistry): Omit<SpecProblem, 'file'>[] {
  const problems: Omit<SpecProblem, 'file'>[] = [];
  if (spec.id !== stem)
    problems.push({
      path: 'id',
      message: `id '${spec.id}' does not match the file name '${stem}'`,
      fix: `rename the file to ${spec.id}.yaml or set id: ${stem}`,
    });
  const ids = new Set<string>();
  spec.parts.forEach((p, i) => {
    const at = `parts[${i}]`;
    if (ids.has(p.id))
      problems.push({
        path: `${at}.id`,
        message: `part id '${p.id}' appears twice`,
        fix: 'part ids are export names and must be unique',
      });
    ids.add(p.id);
    for (const r of checks.byKind(p.check.kind).rules?.(p.check, p) ?? [])
      problems.push({ ...r, path: `${at}.${r.path}` });
    if (p.feedback === 'immediate' && checks.byKind(p.check.kind).reference) {
      problems.push({
        path: `${at}.feedback`,
        message: `a ${p.check.kind} part cannot be immediate: its check runs reference code, which never leaves the course folder`,
        fix: 'remove feedback (it defaults to on-submit)',
      });
    }
    problems.push(...hintProblems(p, checks).map((r) => ({ ...r, path: `${at}.${r.path}` })));
  });
  return problems;
}

/** A hint keys on one thing the part's kind can recognize. (A hidden part may keep its hints: reports never show them.) */
function hintProblems(p: PartSpec, checks: CheckRegistry): RuleProblem[] {
  const kind = checks.byKind(p.check.kind);
  const out: RuleProblem[] = [];
  (p.hints ?? []).forEach((h, j) => {
    const at = `hints[${j}]`;
    if ([h.answer, h.diagnosis, h.mistake].filter((k) => k !== undefined).length !== 1)
      out.push({
        path: at,
        message: 'a hint keys on exactly one of answer, diagnosis and mistake',
        fix: 'keep answer: <a wrong answer>, diagnosis: <code> or mistake: <a reference function>',
      });
    // A wrong version of an export needs cases to run on; a predicate recognizes a mistake in any value.
    else if (
      h.mistake !== undefined &&
      !(kind.mistakes === 'predicate' || (kind.mistakes === 'output' && p.mode === 'call'))
    )
      out.push({
        path: `${at}.mistake`,
        message: `a ${p.check.kind} ${p.mode} part cannot key hints on a reference mistake`,
        fix: p.mode === 'value' ? 'key it on the wrong answer itself' : 'key it on a diagnosis',
      });
    else if (h.answer !== undefined && !(kind.hintsByAnswer && p.mode === 'value'))
      out.push({
        path: `${at}.answer`,
        message: `a ${p.check.kind} ${p.mode} part cannot key hints on an answer`,
        fix: kind.diagnoses ? 'key it on a diagnosis instead' : 'remove it',
      });
    else if (h.diagnosis !== undefined && !kind.diagnoses?.includes(h.diagnosis))
      out.push({
        path: `${at}.diagnosis`,
        message: `a ${p.check.kind} check never names '${h.diagnosis}'`,
        fix: kind.diagnoses ? `use one of: ${kind.diagnoses.join(', ')}` : 'key it on a wrong answer instead',
      });
  });
  return out;
}
