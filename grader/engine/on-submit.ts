// A student kit's on-submit and hidden parts: the answer's form is checked (never its value) and the part is recorded.
import type { PartSpec } from '../spec/model.js';
import type { KitFeedback } from '../spec/model.js';
import type { PartReport } from '../model/report.js';
import type { Wire } from '../model/wire.js';
import { CHECKS } from '../checks/registry.js';
import { partFromStatus } from './score.js';

/**
 * The kit holds no expected value for these parts, so the only honest feedback is "well-formed, graded later" or
 * what is malformed: a student fixes a typo in an option id before submitting, not after the grades are out.
 */
export function formOnly(part: PartSpec, feedback: Exclude<KitFeedback, 'immediate'>, values: Wire[], labels: string[]): PartReport {
  const kind = CHECKS.byKind(part.check.kind);
  for (const [i, v] of values.entries()) {
    const problem = v.t === 'null' || v.t === 'undefined' ? `got ${v.t}` : kind.wellFormed?.(part.check as never, v);
    if (problem) {
      const where = values.length > 1 ? ` on ${labels[i] ?? `case ${i + 1}`}` : '';
      return partFromStatus(part, 'failed', 'invalid-answer', `not an answer yet${where}: ${problem} (expected ${part.type})`);
    }
  }
  const later = feedback === 'hidden' ? 'a hidden part, graded after you submit' : 'checked only for its form here, graded after you submit';
  return partFromStatus(part, 'recorded', 'recorded', `answer recorded: ${later}`);
}
