// Turns check results and sandbox failures into part reports, and rolls part statuses up to exercises and the report.
import type { PartSpec } from '../spec/model.js';
import { CHECKS, type CheckRegistry } from '../checks/registry.js';
import type { CheckResult, PartStatus, Reason } from '../model/outcome.js';
import type { ExerciseStatus, PartReport } from '../model/report.js';
import type { Failed } from '../sandbox/runner.js';
import { stripControl } from '../util/control-chars.js';
import { roundTo } from '../util/numbers.js';

const round = (x: number): number => roundTo(x, 6);

/** Every string of a part can quote student data (an answer, an error message): none may carry control sequences. */
function clean(p: PartReport): PartReport {
  return {
    ...p,
    message: stripControl(p.message),
    ...(p.warnings ? { warnings: p.warnings.map(stripControl) } : {}),
    ...(p.cases
      ? {
          cases: p.cases.map((c) => ({
            ...c,
            label: stripControl(c.label),
            ...(c.expected !== undefined ? { expected: stripControl(c.expected) } : {}),
            ...(c.actual !== undefined ? { actual: stripControl(c.actual) } : {}),
            ...(c.note !== undefined ? { note: stripControl(c.note) } : {}),
            ...(c.hint !== undefined ? { hint: stripControl(c.hint) } : {}),
          })),
        }
      : {}),
  };
}

export function partFromCheck(
  part: PartSpec,
  r: CheckResult,
  warnings: string[],
  durationMs: number,
  checks: CheckRegistry = CHECKS,
): PartReport {
  const hidden = part.visibility === 'hidden';
  const review = r.status === 'needs-review';
  const base: PartReport = {
    id: part.id,
    kind: part.check.kind,
    // needs-review parts score 0 until a human decides; the rubric's suggestion travels separately.
    score: review ? 0 : round(r.fraction * part.points),
    maxScore: part.points,
    status: r.status,
    reason: r.reason,
    message:
      hidden && r.status !== 'passed'
        ? `hidden test failed (${r.reason}); hidden tests do not show expected values`
        : r.message,
    visibility: hidden ? 'hidden' : 'visible',
    durationMs: round(durationMs),
  };
  if (review) base.suggestedScore = round(r.fraction * part.points);
  if (r.cases?.length) {
    base.cases = hidden
      ? r.cases.map((c) => ({ label: c.label, passed: c.passed }))
      : // A kind whose expected value IS the answer (an option id, a formula, a model essay) never shows it.
        checks.byKind(part.check.kind).answer
        ? r.cases.map(({ expected: _answer, ...c }) => c)
        : r.cases;
  }
  if (warnings.length) base.warnings = warnings;
  return clean(base);
}

export function partFromStatus(
  part: PartSpec,
  status: PartStatus,
  reason: Reason,
  message: string,
  warnings: string[] = [],
): PartReport {
  return clean({
    id: part.id,
    kind: part.check.kind,
    score: 0,
    maxScore: part.points,
    status,
    reason,
    message,
    visibility: part.visibility ?? 'visible',
    ...(warnings.length ? { warnings } : {}),
  });
}

/** A run that did not produce a value: the status and message of its part (the rest of the submission goes on). */
export function partFromOutcome(part: PartSpec, o: Failed, limitMs: number, during: string): PartReport {
  switch (o.kind) {
    case 'timeout':
      return partFromStatus(
        part,
        'timeout',
        'timeout',
        `${during} did not finish within ${limitMs / 1000} s (an infinite loop, or far too much work); the sandbox was restarted for the other parts`,
      );
    case 'died':
      return partFromStatus(part, 'error', o.reason, `${during}: ${o.detail}`);
    case 'failure': {
      const f = o.failure;
      const where = f.stack ? ` (at ${f.stack})` : '';
      switch (f.kind) {
        case 'missing-export':
          return partFromStatus(part, 'missing', 'missing-export', `${f.message}; export ${part.id}: ${part.type}`);
        case 'not-implemented':
          return partFromStatus(
            part,
            'failed',
            'not-implemented',
            `not implemented yet: replace the TODO in '${part.id}'`,
          );
        case 'wrong-type':
          return partFromStatus(part, 'failed', 'wrong-type', `${f.message} (expected ${part.type})`);
        case 'import-error':
          return partFromStatus(part, 'error', 'import-error', `the file failed while loading: ${f.message}${where}`);
        default:
          return partFromStatus(
            part,
            'error',
            f.kind,
            `${during} ${f.kind === 'threw' ? 'threw' : 'failed'}: ${f.message}${where}`,
          );
      }
    }
  }
}

export function rollUp(statuses: PartStatus[], score: number): ExerciseStatus {
  const all = (...ok: PartStatus[]) => statuses.length > 0 && statuses.every((s) => ok.includes(s));
  if (all('passed')) return 'passed';
  if (all('missing')) return 'missing';
  if (all('passed', 'needs-review')) return 'needs-review';
  if (all('passed', 'needs-review', 'recorded')) return 'recorded';
  if (all('timeout')) return 'timeout';
  if (all('error', 'timeout')) return 'error';
  return score > 0 ? 'partial' : 'failed';
}

/** Scores added up, rounded as stored scores are (float noise away). */
export const sumPoints = (xs: number[]): number => round(xs.reduce((a, b) => a + b, 0));

/** An exercise's parts with the score and status they add up to: whoever builds or rewrites parts rolls them up here. */
export function scoredParts(parts: PartReport[]): { parts: PartReport[]; score: number; status: ExerciseStatus } {
  const score = sumPoints(parts.map((p) => p.score));
  return {
    parts,
    score,
    status: rollUp(
      parts.map((p) => p.status),
      score,
    ),
  };
}
