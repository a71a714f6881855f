// `grade validate`: every spec against the schema and rules, then every reference computed against its spec.
import { prepareCourse } from '../engine/prepare.js';
import type { BackendRequest } from '../engine/backend-choice.js';
import type { Io } from '../util/io.js';
import { isKit, kitProblems } from '../spec/kit.js';
import { listSpecFiles } from '../spec/files.js';
import { TfgradeError } from '../util/errors.js';

export async function validateCommand(
  { exercises: ids, backend }: { exercises: string[]; backend: BackendRequest },
  io: Io,
): Promise<number> {
  // A student kit has no reference to run: it checks that its files are the ones the course wrote.
  if (isKit(io.root)) {
    const problems = kitProblems(io.root, io.cwd);
    if (problems.length)
      throw new TfgradeError('KIT_INVALID', problems.join('\n'), 'get a fresh copy of the kit from your course');
    io.stdout.write(`ok: ${listSpecFiles(io.root, io.cwd).size} exercises, every kit file as the course wrote it\n`);
    return 0;
  }
  // No cache: validation must really run each reference, not trust a result computed from older files.
  const course = await prepareCourse({ root: io.root, ids, backend, studentCode: false, cwd: io.cwd, cache: false });
  const parts = course.exercises.reduce((a, e) => a + e.parts.length, 0);
  const cases = course.exercises.reduce((a, e) => a + e.parts.reduce((b, p) => b + p.cases.length, 0), 0);
  io.stdout.write(
    `ok: ${course.exercises.length} exercises, ${parts} parts, ${cases} cases; every reference computed on ${course.backend.name}\n`,
  );
  return 0;
}
