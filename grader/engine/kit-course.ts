// A student kit's prepared exercises: read from the kit's public cases, never computed (the kit has no reference).
import type { PreparedCase, PreparedExercise } from './api.js';
import type { KitCase } from '../spec/kit.js';
import type { LoadedSpec } from '../spec/files.js';
import { wireFromJson } from '../model/wire-json.js';
import type { Wire } from '../model/wire.js';

/** What an on-submit or hidden part's case holds where a course holds the expected value: nothing to compare with. */
export const NO_EXPECTED: Wire = { t: 'undefined' };

function preparedCase(c: KitCase): PreparedCase {
  return {
    label: c.label,
    args: c.args.map(wireFromJson),
    expected: c.expected ? wireFromJson(c.expected) : NO_EXPECTED,
    ...(c.mistakes
      ? { mistakes: Object.fromEntries(Object.entries(c.mistakes).map(([k, v]) => [k, wireFromJson(v)])) }
      : {}),
  };
}

/** `loaded`: from loadSpecs in a kit, which read and checked the kit file (a large one is parsed once). */
export function kitExercise({ kit, file }: LoadedSpec): PreparedExercise {
  if (!kit) throw new Error(`${file} was loaded as a course spec, not a kit file`);
  return {
    spec: kit.spec,
    file,
    kit: true,
    behaviors: {},
    parts: kit.spec.parts.map((p) => ({ spec: p, cases: (kit.cases[p.id] ?? []).map(preparedCase) })),
  };
}
