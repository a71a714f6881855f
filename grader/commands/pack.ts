// `grade pack`: zips the student's solutions/<id>.ts into submission.zip, and says what would likely lose points.
import { existsSync, lstatSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readRegular } from '../uploads/copy-tree.js';
import { zipBundle } from '../bundle/contents.js';
import { listSpecFiles, loadSpecs } from '../spec/load.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { TfgradeError, suggest } from '../util/errors.js';
import { shown, type Io } from '../util/io.js';
import { readNames } from '../util/names.js';
import { checkSolution, type PackProblem } from './pack-checks.js';
import { gradePacked, untouchedProblem } from './pack-grade.js';
import { MAX_SOLUTION_BYTES } from '../model/limits.js';
import { isKit, readManifest, sha256 } from '../spec/kit.js';
import { plural } from '../util/plural.js';
import { maxScoreOf } from '../spec/model.js';

interface Sorted {
  ids: string[];
  leftOut: { name: string; why: string }[];
  problems: (PackProblem & { name: string })[];
}

/** Which files of solutions/ are packed: regular `<id>.ts` of the course's exercises; everything else is listed. */
function sortFiles(dir: string, known: string[]): Sorted {
  const out: Sorted = { ids: [], leftOut: [], problems: [] };
  const { names, invalid } = readNames(dir);
  for (const name of invalid) out.leftOut.push({ name, why: 'its name is not valid UTF-8' });
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const id = name.endsWith('.ts') ? name.slice(0, -3) : '';
    const st = lstatSync(join(dir, name));
    if (!known.includes(id)) {
      // `he-init-1.ts`, `he-init (1).ts`: a copy of a solution file, most likely; else the closest exercise id.
      const stem = id.replace(/(-\d+| \(\d+\)| copy)$/, '');
      const close = known.includes(stem) ? [stem] : id ? suggest(id, known, 1) : [];
      const why = st.isDirectory()
        ? 'a folder'
        : id
          ? `not an exercise of this course${close.length ? `: did you mean ${close[0]}.ts?` : ''}`
          : 'not a solution file';
      out.leftOut.push({ name, why });
    } else if (st.isSymbolicLink() || !st.isFile()) {
      // The grader never follows a link nor reads a special file: packing it would send nothing.
      out.problems.push({
        name,
        what: `is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}: left out of the zip`,
        fix: `replace it with the file itself (cp --dereference, or save it again)`,
      });
    } else if (st.size > MAX_SOLUTION_BYTES) {
      out.problems.push({
        name,
        what: 'is larger than 1 MB: left out of the zip (the grader skips such files)',
        fix: 'remove generated data or large constants from it',
      });
    } else {
      out.ids.push(id);
    }
  }
  return out;
}

export async function packCommand({ out }: { out?: string }, io: Io): Promise<number> {
  const dir = join(io.root, 'solutions');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new TfgradeError(
      'SUBMISSION_NOT_FOUND',
      `no solutions folder at ${shown(io, dir)}`,
      `run \`grade pack\` in ${isKit(io.root) ? 'the kit' : 'your course folder'}: it packs the files of its solutions/`,
    );
  }
  const known = [...listSpecFiles(io.root, io.cwd).keys()];
  const { ids, leftOut, problems } = sortFiles(dir, known);
  const hint = 'solution files are named after an exercise, e.g. solutions/he-init.ts (`grade list` lists them)';
  if (!ids.length) {
    for (const l of leftOut) io.stderr.write(`note: ${shown(io, join(dir, l.name))}: ${l.why}\n`);
    throw new TfgradeError('USAGE', `no solution file to pack in ${shown(io, dir)}`, hint);
  }
  // The zip is written whatever the checks say, before the files are graded: a student near a deadline must still get
  // a zip (exit 1 says it has problems).
  const specs = new Map(loadSpecs(io.root, io.cwd, ids).map((l) => [l.spec.id, l.spec]));
  const packed = new Set(ids.map((id) => `${id}.ts`));
  const entries: { path: string; data: Uint8Array }[] = [];
  const starters = isKit(io.root) ? (readManifest(io.root, io.cwd).starters ?? {}) : {};
  const skip = new Set<string>();
  for (const id of ids) {
    const data = readRegular(join(dir, `${id}.ts`), MAX_SOLUTION_BYTES);
    if (typeof data === 'string')
      throw new TfgradeError('USAGE', `solutions/${id}.ts changed while it was packed`, 'run `grade pack` again');
    entries.push({ path: `solutions/${id}.ts`, data });
    // A kit knows its starters; in a course folder, solutions/ holds the starters themselves, so nothing is compared.
    const spec = specs.get(id)!;
    if (starters[id] !== undefined && starters[id] === sha256(data)) {
      problems.push({
        name: `${id}.ts`,
        ...untouchedProblem(id, maxScoreOf(spec)),
      });
      skip.add(id);
      continue;
    }
    const found = await checkSolution(dir, spec, packed);
    if (found.some((p) => p.compileError)) skip.add(id);
    for (const p of found) problems.push({ name: `${id}.ts`, what: p.what, fix: p.fix });
  }
  const target = resolve(io.cwd, out ?? 'submission.zip');
  // --out may name a folder (an existing one, or one written with a trailing slash): the zip goes inside it.
  const folder = /[/\\]$/.test(out ?? '') || (existsSync(target) && statSync(target).isDirectory());
  const file = folder ? join(target, 'submission.zip') : target;
  writeFileAtomic(file, zipBundle(entries));

  // Then the files are graded as `grade` grades them: a starter or a file that does not compile has said so already.
  const graded = await gradePacked(
    io,
    dir,
    ids.filter((id) => !skip.has(id)),
  );
  problems.push(...graded.problems);
  const notGraded = graded.note !== undefined;
  if (notGraded) io.stderr.write(`note: ${graded.note}\n`);
  for (const l of leftOut) io.stderr.write(`note: left out ${shown(io, join(dir, l.name))} (${l.why})\n`);
  problems.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const p of problems) io.stderr.write(`warning: ${shown(io, join(dir, p.name))} ${p.what}\n  fix: ${p.fix}\n`);
  const n = problems.length;
  const files = `${plural(ids.length, 'solution')} (${ids.join(', ')})`;
  io.stdout.write(
    `wrote ${shown(io, file)}: ${files}; ${n ? `${plural(n, 'warning')}: fix ${n === 1 ? 'it' : 'them'} and pack again, or submit it as it is` : notGraded ? 'each compiles and exports every part' : 'nothing in them is likely to lose points'}\n`,
  );
  return n ? 1 : 0;
}
