// The thin CLI: parse with yargs, call one command function, map errors to exit codes (only here).
import yargs, { type Argv } from 'yargs';
import { TfgradeError } from '../util/errors.js';
import { palette, useColor } from '../report/palette.js';
import { gradeCommand, type RunArgs } from '../commands/grade.js';
import { batchCommand } from '../commands/batch.js';
import { mergeCommand } from '../commands/merge.js';
import { gradescopeBundleCommand } from '../commands/gradescope-bundle.js';
import { listCommand } from '../commands/list.js';
import { showCommand } from '../commands/show.js';
import { validateCommand } from '../commands/validate.js';
import { defaultIo, type Io } from '../util/io.js';
import { mark } from '../util/timings.js';

export const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export const FORMATS = ['text', 'json', 'gradescope', 'junit', 'lti'] as const;

/** What the parser yields (yargs' inferred type is lost across .command builders). */
export interface ParsedArgs {
  _: (string | number)[];
  exercises?: string[];
  id?: string;
  folder?: string;
  dirs?: string[];
  jobs?: number;
  resume?: boolean;
  force?: boolean;
  shard?: string;
  submission?: string;
  format: (typeof FORMATS)[number];
  json?: boolean;
  out?: string;
  backend: (typeof BACKENDS)[number];
  timeout?: number;
  memory?: number;
  sandbox: 'auto' | 'basic';
  cache: boolean;
  verbose?: boolean;
  help?: boolean;
}

const EPILOG = `Examples:
  npx grade he-init                          grade solutions/he-init.ts
  npx grade he-init batchnorm p3 -s ~/hw1    grade another folder
  npx grade p3 --format json --out p3.json   machine-readable report, also saved to a file
  npx grade list                             every exercise and its points
  npx grade show p3                          read the exercise and what to export
  npx grade all                              grade the whole catalog
  npx grade batch submissions/ --out reports TA: grade every student, write reports + gradebook

Exit codes: 0 every part passed, 1 some part did not, 2 usage or spec error, 3 internal error.
Set NO_COLOR=1 to turn colors off. Docs: README.md in the course folder.`;

/** The parser alone (no side effects), so tests can check how arguments are read. */
export function parser(argv: string[]): Argv {
  return yargs(argv)
    .scriptName('grade')
    .usage('Usage: grade [exercise..] [options]\n\nGrades your TensorFlow.js solutions (solutions/<id>.ts) against the course reference in a sandbox.')
    .command('$0 [exercises..]', 'grade exercises (default: every solution file in the folder)', (y) =>
      y.positional('exercises', { type: 'string', array: true, default: [], describe: 'exercise ids, e.g. he-init p3' }))
    .command('list', 'list exercises with their points')
    .command('show <id>', 'print an exercise prompt and the exports it needs', (y) => y.positional('id', { type: 'string', demandOption: true }))
    .command('all', 'grade every exercise of the catalog')
    .command('validate [exercises..]', 'check every spec and reference (for course authors)', (y) =>
      y.positional('exercises', { type: 'string', array: true, default: [] }))
    .command('batch <folder>', 'grade every student submission in a folder (TAs)', (y) =>
      y.positional('folder', { type: 'string', demandOption: true, describe: 'per-student folders, a Canvas download or a Gradescope export' })
        .option('exercises', { alias: 'e', type: 'string', array: true, describe: 'exercise ids (default: all)' })
        .option('jobs', { alias: 'j', type: 'number', describe: 'submissions graded at once (default: number of cores)' })
        .option('resume', { type: 'boolean', describe: 'skip students whose report is already complete' })
        .option('force', { type: 'boolean', describe: 'overwrite existing reports' })
        .option('shard', { type: 'string', describe: 'i/n: grade only the i-th of n deterministic slices (1-based)' }))
    .command('merge <dirs..>', 'combine the report folders of several shards', (y) =>
      y.positional('dirs', { type: 'string', array: true, demandOption: true }))
    .command('gradescope-bundle', 'write the Gradescope autograder zip', (y) =>
      y.option('exercises', { alias: 'e', type: 'string', array: true, describe: 'exercise ids (default: all)' }))
    .option('submission', { alias: 's', type: 'string', describe: 'folder with <id>.ts files (default: solutions/)' })
    .option('format', { alias: 'f', choices: FORMATS, default: 'text' as const, describe: 'report format on stdout' })
    .option('json', { type: 'boolean', describe: 'same as --format json' })
    .option('out', { alias: 'o', type: 'string', describe: 'grade: also write the report to this file (atomically); batch/merge/bundle: output folder or file' })
    .option('backend', { alias: 'b', choices: BACKENDS, default: 'auto' as const, describe: 'TensorFlow.js backend: auto = tensorflow, else wasm, else cpu' })
    .option('timeout', { alias: 't', type: 'number', describe: 'per-part time limit in seconds (default 10)' })
    .option('memory', { type: 'number', describe: 'sandbox memory limit in MB (default 1536)' })
    .option('sandbox', { choices: ['auto', 'basic'] as const, default: 'auto' as const, describe: 'auto = bubblewrap when usable; basic = Node permission model and rlimits only' })
    .option('cache', { type: 'boolean', default: true, describe: 'reuse cached reference results (--no-cache recomputes)' })
    .option('verbose', { alias: 'v', type: 'boolean', describe: 'show every case, not only failures' })
    .check((a) => {
      if (a.timeout !== undefined && !(a.timeout > 0)) throw new Error('--timeout must be a positive number of seconds');
      if (a.memory !== undefined && !(a.memory >= 256)) throw new Error('--memory must be at least 256 (MB)');
      return true;
    })
    .strict()
    .epilog(EPILOG)
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      throw err instanceof TfgradeError ? err : new TfgradeError('USAGE', msg ?? err?.message ?? 'invalid arguments', 'run `grade --help`');
    });
}

export { defaultIo };

export async function main(argv: string[], io: Io): Promise<number> {
  mark('process start');
  const c = palette(useColor(io.stderr, io.env));
  try {
    let helped = false;
    const a = (await parser(argv).showHelpOnFail(false).parseAsync(argv, {}, (_err, _args, output) => {
      if (output) {
        helped = true;
        io.stdout.write(output + '\n');
      }
    })) as unknown as ParsedArgs;
    mark('parse args');
    if (helped || a.help) return 0;
    const format = a.json === true ? 'json' : a.format;
    const cmd = String(a._[0] ?? '');
    if (cmd === 'list') return listCommand(io, format === 'json');
    if (cmd === 'show') return showCommand(io, String(a.id), format === 'json');
    if (cmd === 'validate') return await validateCommand(io, a.exercises ?? [], a.backend);
    if (cmd === 'merge') return await mergeCommand(io, a.dirs ?? [], a.out);
    if (cmd === 'gradescope-bundle') return await gradescopeBundleCommand(io, a.exercises ?? [], a.out);
    const run: RunArgs = { backend: a.backend, timeout: a.timeout, memory: a.memory, cache: a.cache, sandbox: a.sandbox };
    if (cmd === 'batch') {
      return await batchCommand({ ...run, folder: String(a.folder), exercises: a.exercises ?? [], out: a.out, jobs: a.jobs, resume: !!a.resume, force: !!a.force, shard: a.shard, format }, io);
    }
    const exercises = cmd === 'all' ? ['all'] : a.exercises ?? [];
    return await gradeCommand({ ...run, exercises, submission: a.submission, format, out: a.out, verbose: a.verbose }, io);
  } catch (e) {
    const err = e instanceof TfgradeError ? e : new TfgradeError('INTERNAL', `internal error (a bug in tfgrade, not in your code): ${(e as Error)?.stack ?? e}`);
    io.stderr.write(`${c.red(`error[${err.code}]`)} ${err.message}\n${err.hint ? `${c.dim('hint:')} ${err.hint}\n` : ''}`);
    return err.exitCode;
  }
}
