// An answer's form, without its value: the kind's own form check, then everything the part's declared type (and its
// `shapes`) says. A student kit runs it on on-submit parts; the course runs the same before grading them, so both agree.
import type { Wire } from '../model/wire.js';
import { CHECKS, type CheckRegistry } from './registry.js';
import { parseDeclared, typeProblem } from './declared-type.js';

/** What of a part the form check reads: all of it ships in a student kit. */
export interface FormPart {
  id: string;
  type: string;
  shapes?: Record<string, number[]>;
  check: { kind: string };
}

/** Undefined when `value` has the form of an answer to `part`, else what is wrong and what to fix. */
export function formProblem(part: FormPart, value: Wire, checks: CheckRegistry = CHECKS): string | undefined {
  if (value.t === 'null' || value.t === 'undefined') return `got ${value.t}`;
  const kind = checks.byKind(part.check.kind);
  const own = kind.wellFormed?.(part.check as never, value);
  if (own) return own;
  const declared = parseDeclared(part.type);
  return declared ? typeProblem(declared, value, part.id, { ...kind.form, shapes: part.shapes }) : undefined;
}

/** The first malformed value of a part's cases (index and message), as both the kit and the course report it. */
export function firstMalformed(
  part: FormPart,
  values: Wire[],
  labels: string[],
  checks: CheckRegistry = CHECKS,
): { index: number; message: string } | undefined {
  for (const [i, v] of values.entries()) {
    const problem = formProblem(part, v, checks);
    if (problem) {
      const where = values.length > 1 ? ` on ${labels[i] ?? `case ${i + 1}`}` : '';
      return { index: i, message: `not an answer of the declared form${where}: ${problem} (expected ${part.type})` };
    }
  }
  return undefined;
}
