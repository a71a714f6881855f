// `grade validate`: every spec against the schema and rules, then every reference computed against its spec.
import { prepareCourse } from '../engine/prepare.js';
import type { BackendRequest } from '../engine/backend-choice.js';
import type { Io } from '../util/io.js';

export async function validateCommand(io: Io, ids: string[], backend: BackendRequest): Promise<number> {
  // No cache: validation must really run each reference, not trust a result computed from older files.
  const course = await prepareCourse({ root: io.root, ids, backend, studentCode: false, cwd: io.cwd, cache: false });
  const parts = course.exercises.reduce((a, e) => a + e.parts.length, 0);
  const cases = course.exercises.reduce((a, e) => a + e.parts.reduce((b, p) => b + p.cases.length, 0), 0);
  io.stdout.write(`ok: ${course.exercises.length} exercises, ${parts} parts, ${cases} cases; every reference computed on ${course.backend.name}\n`);
  return 0;
}
