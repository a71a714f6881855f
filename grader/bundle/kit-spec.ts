// What a student kit may hold of an exercise: its spec minus anything that narrows an on-submit or hidden answer, and
// the public cases (expected values only for immediate parts). Hidden cases and reference code never enter it.
import type { PreparedExercise, PreparedPart } from '../engine/api.js';
import { feedbackOf, type ExerciseSpec, type PartSpec } from '../spec/model.js';
import { CHECKS } from '../checks/registry.js';
import { KIT_FORMAT, type KitCase, type KitExercise } from '../spec/kit.js';
import { wireToJson, type JsonWire } from '../model/wire-json.js';
import type { Wire } from '../model/wire.js';
import { seededNormal } from '../model/seeded-normal.js';
import { recipeOf } from '../engine/generated-inputs.js';

/**
 * An immediate part keeps its whole spec (its expected values ship anyway). An on-submit or hidden part keeps what a
 * student needs to answer (prompt, type, points) and what the form check needs (the kind's `kitFields`): no `why` (it
 * may say why the answer is what it is), no tolerance, no hints (a hint on a wrong option tells which are wrong).
 */
export function kitPart(part: PartSpec): PartSpec {
  const feedback = feedbackOf(part);
  if (feedback === 'immediate') return part;
  const kind = CHECKS.byKind(part.check.kind);
  const fields = Object.fromEntries(
    (kind.kitFields ?? []).filter((f) => f in part.check).map((f) => [f, (part.check as Record<string, unknown>)[f]]),
  );
  const { id, type, mode, points, prompt, visibility, shapes } = part;
  return {
    id,
    type,
    mode,
    points,
    prompt,
    // The sizes the prompt states: the form check needs them, and they narrow nothing the prompt does not say.
    ...(shapes ? { shapes } : {}),
    ...(visibility ? { visibility } : {}),
    // Written out, so the kit never recomputes it from a default that a newer grader might change.
    feedback: feedback === 'hidden' ? 'on-submit' : feedback,
    check: { kind: part.check.kind, ...fields } as PartSpec['check'],
  };
}

const sameBits = (a: Float32Array, b: Float32Array): boolean =>
  a.length === b.length &&
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/**
 * An input as the kit stores it: a tensor the reference drew with a seeded tf.randomNormal as its recipe (a few
 * numbers instead of megabytes of base64), once the kit's generator has been seen to give the very same bits.
 */
export function inputToJson(w: Wire): JsonWire {
  if (w.t === 'tensor' && w.dtype === 'float32') {
    const recipe = recipeOf(w.data as Float32Array);
    if (recipe && recipe.shape.join() === w.shape.join() && sameBits(seededNormal(recipe), w.data as Float32Array))
      return { t: 'normal', ...recipe };
  }
  if (w.t === 'array') return { t: 'array', items: w.items.map(inputToJson) };
  if (w.t === 'object') return { t: 'object', entries: w.entries.map(([k, v]) => [k, inputToJson(v)]) };
  return wireToJson(w);
}

/** Public cases only; expected values (a value part's IS the answer) and mistakes only for an immediate part. */
function kitCases(part: PreparedPart): KitCase[] {
  const immediate = feedbackOf(part.spec) === 'immediate';
  return part.cases
    .filter((c) => !c.hidden)
    .map((c) => ({
      label: c.label,
      args: c.args.map(inputToJson),
      ...(immediate ? { expected: wireToJson(c.expected) } : {}),
      ...(immediate && c.mistakes
        ? { mistakes: Object.fromEntries(Object.entries(c.mistakes).map(([k, v]) => [k, wireToJson(v)])) }
        : {}),
    }));
}

export function kitExerciseOf(ex: PreparedExercise): KitExercise {
  const spec: ExerciseSpec = { ...ex.spec, parts: ex.spec.parts.map(kitPart) };
  delete spec.$schema;
  return { format: KIT_FORMAT, spec, cases: Object.fromEntries(ex.parts.map((p) => [p.spec.id, kitCases(p)])) };
}
