// On-submit and hidden parts: a student kit checks the answer's form (never its value) and records the part; the course
// runs the same form check first, so an answer the kit records is never refused for its form after submission.
import type { PartSpec } from '../spec/model.js';
import type { KitFeedback } from '../spec/model.js';
import type { PartReport } from '../model/report.js';
import { describeWire, type Wire } from '../model/wire.js';
import type { CaseInput, CheckResult } from '../model/outcome.js';
import type { CheckContext } from '../checks/registry.js';
import { firstMalformed } from '../checks/form.js';
import type { PreparedPart } from './api.js';
import { hiddenLabel } from './hidden-cases.js';
import { withHints } from './hints.js';
import { partFromCheck, partFromStatus } from './score.js';

/**
 * The kit holds no expected value for these parts, so the only honest feedback is "well-formed, graded later" or
 * what is malformed: a student fixes a typo in an option id before submitting, not after the grades are out.
 */
export function formOnly(
  part: PartSpec,
  feedback: Exclude<KitFeedback, 'immediate'>,
  values: Wire[],
  labels: string[],
): PartReport {
  // The same check the course runs before grading the part (engine/grade.ts): a value the kit records is never refused
  // there for its form, and one the kit refuses is refused there with the same message.
  const malformed = firstMalformed(part, values, labels);
  if (malformed) return partFromStatus(part, 'failed', 'invalid-answer', malformed.message);
  const later =
    feedback === 'hidden'
      ? 'a hidden part, graded after you submit'
      : 'checked only for its form here, graded after you submit';
  return partFromStatus(part, 'recorded', 'recorded', `answer recorded: ${later}`);
}

/**
 * The course's side: a malformed value fails the part (invalid-answer) with the kit's message, before its check runs,
 * and keeps the author's hint for the mistake (a w1 laid out [3, 2]); a hidden case is named by its number only.
 */
export async function malformedInCourse(
  part: PreparedPart,
  values: Wire[],
  ctx: CheckContext,
  durationMs: number,
): Promise<PartReport | undefined> {
  let hidden = 0;
  const labels = part.cases.map((c) => (c.hidden ? hiddenLabel(++hidden) : c.label));
  const bad = firstMalformed(part.spec, values, labels);
  if (!bad) return undefined;
  const c = part.cases[bad.index];
  const input: CaseInput = { label: labels[bad.index], args: c.args, expected: c.expected, actual: values[bad.index] };
  const result: CheckResult = {
    fraction: 0,
    status: 'failed',
    reason: 'invalid-answer',
    message: bad.message,
    cases: [{ label: input.label, passed: false, actual: describeWire(input.actual) }],
  };
  return partFromCheck(
    part.spec,
    c.hidden ? result : await withHints({ ...part, cases: [c] }, [input], result, ctx),
    [],
    durationMs,
  );
}
