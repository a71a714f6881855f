// `grade release --out <dir>`: writes a student kit (the grader, specs without answers, public cases, starters).
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { prepareCourse } from '../engine/prepare.js';
import { kitEntries } from '../bundle/kit.js';
import { feedbackOf } from '../spec/model.js';
import { isKit } from '../spec/kit.js';
import { TfgradeError } from '../util/errors.js';
import { shown, type Io } from '../util/io.js';

export interface ReleaseArgs {
  out?: string;
  exercises: string[];
}

export async function releaseCommand(args: ReleaseArgs, io: Io): Promise<number> {
  if (!args.out)
    throw new TfgradeError(
      'USAGE',
      'grade release needs --out <dir>',
      'e.g. `grade release --out ../week3-kit --exercises p3 p4`',
    );
  if (isKit(io.root))
    throw new TfgradeError(
      'USAGE',
      'this is a student kit: a kit is released from the course folder',
      'run `grade release` in the course folder',
    );
  const out = resolve(io.cwd, args.out);
  // Refused before anything runs, and nothing written: a release over an older kit would mix two assignments.
  if (existsSync(out) && readdirSync(out).length > 0) {
    throw new TfgradeError('USAGE', `${shown(io, out)} is not empty`, 'give --out a new or empty folder');
  }
  // Every reference runs here, at the instructor's desk: the kit only ever reads their precomputed public results.
  // Not from the cache: running the case factories is what notes which inputs are seeded draws (a recipe ships
  // instead of their floats: engine/generated-inputs.ts).
  const course = await prepareCourse({
    root: io.root,
    ids: args.exercises,
    backend: 'auto',
    studentCode: false,
    cwd: io.cwd,
    cache: false,
  });
  const entries = kitEntries(io.root, course);
  // Written beside --out, then renamed: an interrupted release leaves no half kit where students might copy it.
  const staging = `${out}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const e of entries) {
      const file = join(staging, e.path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, e.data);
      if (e.executable) chmodSync(file, 0o755);
    }
    if (existsSync(out)) rmSync(out, { recursive: true });
    renameSync(staging, out);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  const count = (f: string) =>
    course.exercises.reduce((n, ex) => n + ex.spec.parts.filter((p) => feedbackOf(p) === f).length, 0);
  io.stdout.write(
    `wrote ${shown(io, out)}: ${entries.length} files, exercises ${course.exercises.map((e) => e.spec.id).join(', ')}\n`,
  );
  io.stdout.write(
    `parts: ${count('immediate')} checked on public cases, ${count('on-submit')} checked for form only, ${count('hidden')} hidden\n`,
  );
  io.stdout.write(`students: unpack it, then \`npm ci\` and \`npx grade <id>\` (its README.md says the rest)\n`);
  return 0;
}
