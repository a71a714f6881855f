// The exercise author's hints: attached to the failing cases they are for (a wrong answer, matched the way the part's
// check compares answers, or a mistake the grader named), and checked against the reference before anyone is graded.
import { describeWire, fmt, type Wire } from '../model/wire.js';
import type { CaseInput, CheckResult } from '../model/outcome.js';
import type { Hint, PartSpec } from '../spec/model.js';
import type { PreparedPart } from './api.js';
import { CHECKS, type CheckContext, type CheckRegistry } from '../checks/registry.js';
import { feedbackFor } from '../checks/define.js';
import type { SpecProblem } from '../util/errors.js';

/** A hint's answer as the wire value a student's export would have been. */
export function hintWire(answer: NonNullable<Hint['answer']>): Wire {
  if (Array.isArray(answer)) return { t: 'array', items: answer.map((v) => ({ t: 'string', v })) };
  if (typeof answer === 'number') return { t: 'number', v: answer };
  if (typeof answer === 'boolean') return { t: 'boolean', v: answer };
  return { t: 'string', v: answer };
}

/** The part's check passes `actual` against `target`: the same comparison as grading (tolerance, equivalence, ids). */
async function same(
  part: PartSpec,
  target: Wire,
  c: CaseInput,
  ctx: CheckContext,
  checks: CheckRegistry,
): Promise<boolean | undefined> {
  try {
    return (await checks.run(part.check, [{ ...c, label: 'hint', expected: target }], ctx)).status === 'passed';
  } catch {
    // A mistake's own value the check cannot take as expected (ignoring eps divides a constant feature by zero): that
    // case says nothing either way, and the part's grade stands.
    return undefined;
  }
}

/** Whether case `i` shows the mistake a hint keys on (a wrong answer, or a reference mistake); undefined: cannot tell. */
async function shows(
  h: Hint,
  part: PreparedPart,
  i: number,
  c: CaseInput,
  ctx: CheckContext,
  checks: CheckRegistry,
): Promise<boolean | undefined> {
  if (h.answer !== undefined) {
    const own = checks.byKind(part.spec.check.kind).hintMatches;
    return own
      ? own(part.spec.check as never, hintWire(h.answer), c.actual)
      : same(part.spec, hintWire(h.answer), c, ctx, checks);
  }
  if (h.mistake === undefined) return false;
  if (checks.byKind(part.spec.check.kind).mistakes === 'predicate') {
    const recognize = Object.hasOwn(ctx.behaviors, h.mistake) ? ctx.behaviors[h.mistake] : undefined;
    try {
      return !!recognize && (await recognize(c.actual, c.args)).pass === true;
    } catch {
      return false; // a predicate that trips over a malformed value recognizes nothing
    }
  }
  const wrong = part.cases[i]?.mistakes?.[h.mistake];
  return wrong !== undefined && same(part.spec, wrong, c, ctx, checks);
}

/**
 * `result` with the part's hint on its failing cases: the first hint (in the spec's order) that explains every failing
 * case, since a common mistake is systematic (2k pieces for k layers happens to equal the teeth count 2^(k-1) at k = 4;
 * only the hint that fits all cases is the student's mistake), else a hint keyed on the diagnosis the cases carry.
 * Hidden parts get none.
 */
export async function withHints(
  part: PreparedPart,
  cases: CaseInput[],
  result: CheckResult,
  ctx: CheckContext,
  checks: CheckRegistry = CHECKS,
): Promise<CheckResult> {
  const hints = part.spec.hints;
  if (!hints || part.spec.visibility === 'hidden' || !result.cases) return result;
  // A case's detail is found again by its label and how its value reads (details may be capped and reordered).
  const key = (label: string, actual: string | undefined) => `${label}\0${actual}`;
  const failing = new Set(result.cases.filter((d) => !d.passed).map((d) => key(d.label, d.actual)));
  const failingCases = [...cases.entries()].filter(([, c]) => failing.has(key(c.label, describeWire(c.actual))));
  let chosen: string | undefined;
  for (const h of hints) {
    if (h.diagnosis !== undefined || failingCases.length === 0) continue;
    let all = true;
    let seen = 0;
    for (const [i, c] of failingCases) {
      const s = await shows(h, part, i, c, ctx, checks);
      if (s === false) all = false;
      if (s === true) seen++;
      if (!all) break;
    }
    if (all && seen > 0) {
      chosen = h.say;
      break;
    }
  }
  const details = result.cases.map((d) => {
    if (d.passed) return d;
    const hint = chosen ?? hints.find((h) => h.diagnosis !== undefined && h.diagnosis === d.diagnosis?.code)?.say;
    return hint ? { ...d, hint } : d;
  });
  return { ...result, cases: details };
}

/**
 * Problems with a part's hints that only the reference shows: a hint whose "wrong" answer is the right one, or a hint
 * text that spells out the right answer of a part whose answer is never shown (an option id, a formula, a number).
 */
export async function hintProblems(
  part: PreparedPart,
  ctx: CheckContext,
  at: string,
  checks: CheckRegistry = CHECKS,
): Promise<Omit<SpecProblem, 'file'>[]> {
  const out: Omit<SpecProblem, 'file'>[] = [];
  const { spec } = part;
  const kind = checks.byKind(spec.check.kind);
  for (const [j, h] of (spec.hints ?? []).entries()) {
    const path = `${at}.hints[${j}]`;
    const expected = part.cases[0]?.expected;
    const right = async (answer: Wire) =>
      kind.hintMatches
        ? kind.hintMatches(spec.check as never, answer, expected!)
        : (await checks.run(spec.check, [{ label: 'hint', args: [], expected: expected!, actual: answer }], ctx))
            .status === 'passed';
    if (h.answer !== undefined && expected && (await right(hintWire(h.answer)))) {
      out.push({
        path: `${path}.answer`,
        message: `${JSON.stringify(h.answer)} is a right answer of this part, not a mistake`,
        fix: 'key the hint on a wrong answer',
      });
    }
    if (h.mistake !== undefined && kind.mistakes === 'output') {
      const right = await Promise.all(
        part.cases.map(
          async (c) =>
            c.mistakes?.[h.mistake!] !== undefined &&
            (await checks.run(spec.check, [{ ...c, actual: c.mistakes[h.mistake!] }], ctx)).status === 'passed',
        ),
      );
      if (right.every(Boolean))
        out.push({
          path: `${path}.mistake`,
          message: `the reference's mistake '${h.mistake}' gives the right value on every case`,
          fix: 'make it the wrong version of the export, or add a case where it differs',
        });
    }
    // What a report never shows (an answer kind's expected value), or what a kit checks only on submission.
    if (
      spec.mode === 'value' &&
      expected &&
      (kind.answer || feedbackFor(kind, spec.mode) === 'on-submit') &&
      reveals(h.say, expected)
    ) {
      out.push({
        path: `${path}.say`,
        message: 'the hint gives the right answer away',
        fix: 'say why the mistake is one, not what the answer is',
      });
    }
  }
  return out;
}

/** The right answer as it would be written: option ids, a formula (spaces aside), a number in its usual forms. */
function reveals(say: string, expected: Wire): boolean {
  const words = (w: Wire): string[] =>
    w.t === 'string'
      ? [w.v]
      : w.t === 'number'
        ? [fmt(w.v), String(w.v)]
        : w.t === 'array'
          ? w.items.flatMap(words)
          : [];
  const plain = say.replace(/\s+/g, '');
  return words(expected).some((x) => {
    const compact = x.replace(/\s+/g, '');
    if (compact.length < 2) return false;
    if (/^[a-z0-9-]+$/i.test(compact))
      return new RegExp(`(?<![\\w-])${compact.replace(/[-]/g, '\\-')}(?![\\w-])`, 'i').test(say);
    return plain.includes(compact);
  });
}
