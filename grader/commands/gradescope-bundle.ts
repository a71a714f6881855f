// `grade gradescope-bundle`: writes the Gradescope autograder zip (setup.sh, run_autograder, the grader, specs, references).
import { resolve } from 'node:path';
import { shown, type Io } from '../util/io.js';
import { checkIds } from '../engine/prepare.js';
import { listSpecFiles, loadSpecs } from '../spec/load.js';
import { bundleEntries, zipBundle } from '../bundle/contents.js';
import type { RevealSetting } from '../bundle/scripts.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { isKit } from '../spec/kit.js';
import { TfgradeError } from '../util/errors.js';

export async function gradescopeBundleCommand(
  { exercises, out, reveal = {} }: { exercises: string[]; out?: string; reveal?: RevealSetting },
  io: Io,
): Promise<number> {
  if (isKit(io.root))
    throw new TfgradeError(
      'USAGE',
      'this is a student kit: it has no references to bundle',
      'run `grade gradescope-bundle` in the course folder',
    );
  const known = [...listSpecFiles(io.root, io.cwd).keys()];
  const ids =
    exercises.length === 0 || (exercises.length === 1 && exercises[0] === 'all') ? known : checkIds(known, exercises);
  // A broken spec must fail here, at the instructor's desk, not in Gradescope's image build.
  loadSpecs(io.root, io.cwd, ids);
  const entries = await bundleEntries(io.root, ids, reveal);
  const zip = zipBundle(entries);
  const file = resolve(io.cwd, out ?? 'autograder.zip');
  writeFileAtomic(file, zip);
  io.stdout.write(
    `wrote ${shown(io, file)}: ${entries.length} files, ${(zip.length / 1024).toFixed(0)} KB, exercises ${ids.join(', ')}\n`,
  );
  io.stdout.write(
    `on-submit parts: results shown ${reveal.reveal === 'after_published' ? 'once grades are published' : 'after the due date'}${reveal.revealScores ? ', scores at once' : ', scores with them'}\n`,
  );
  io.stdout.write(
    'upload it as the autograder of a Gradescope programming assignment; students submit <exercise>.ts files\n',
  );
  return 0;
}
