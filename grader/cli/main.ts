// The thin CLI: parse with yargs, call one command function, map errors to exit codes (only here).
import yargs, { type Argv } from 'yargs';
import { TfgradeError } from '../util/errors.js';
import { palette, useColor } from '../report/palette.js';
import { gradeCommand, type RunArgs } from '../commands/grade.js';
import { batchCommand } from '../commands/batch.js';
import { mergeCommand } from '../commands/merge.js';
import { gradescopeBundleCommand } from '../commands/gradescope-bundle.js';
import { packCommand } from '../commands/pack.js';
import { releaseCommand } from '../commands/release.js';
import { listCommand } from '../commands/list.js';
import { showCommand } from '../commands/show.js';
import { validateCommand } from '../commands/validate.js';
import { reviewCommand } from '../commands/review.js';
import { similarityCommand } from '../commands/similarity.js';
import { defaultIo, type Io } from '../util/io.js';
import { mark } from '../util/timings.js';
import { MIN_MEMORY_MB } from '../model/limits.js';
import type { ReportFormat } from '../report/formats.js';
import type { Reveal } from '../report/gradescope.js';
import type { BackendRequest } from '../engine/backend-choice.js';
import type { EarlyChild } from '../sandbox/early-child.js';
import type { Session } from '../sandbox/session.js';
import { COMMANDS, optionsOf, type CommandDef } from './options.js';

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
  format?: ReportFormat;
  json?: boolean;
  out?: string;
  backend?: BackendRequest;
  timeout?: number;
  memory?: number;
  sandbox?: 'auto' | 'basic';
  cache?: boolean;
  verbose?: boolean;
  watch?: boolean;
  'accept-suggested'?: boolean;
  'min-suggested'?: number;
  export?: string;
  import?: string;
  override?: string[];
  reason?: string;
  by?: string;
  threshold?: number;
  reveal?: Reveal;
  'reveal-scores'?: boolean;
  help?: boolean;
}

const EPILOG = `Examples:
  npx grade he-init                          grade solutions/he-init.ts
  npx grade he-init batchnorm p3 -s ~/hw1    grade another folder
  npx grade p3 --format json --out p3.json   machine-readable report, also saved to a file
  npx grade list                             every exercise and its points
  npx grade show p3                          read the exercise and what to export
  npx grade all                              grade the whole catalog
  npx grade pack                             zip solutions/ into submission.zip, ready to upload
  npx grade batch submissions/ --out reports TA: grade every student, write reports + gradebook
  npx grade review reports                   TA: decide the free-text answers, one at a time

Exit codes: 0 every part passed, 1 some part did not, 2 usage or spec error, 3 internal error.
Set NO_COLOR=1 to turn colors off. Docs: README.md in the course folder.`;

/** The parser alone (no side effects), so tests can check how arguments are read. Built from cli/options.ts. */
export function parser(argv: string[]): Argv {
  let y = yargs(argv)
    .scriptName('grade')
    .usage('Usage: grade [exercise..] [options]\n\nGrades your TensorFlow.js solutions (solutions/<id>.ts) against the course reference in a sandbox.');
  for (const cmd of COMMANDS) y = y.command(cmd.yargs, plain(cmd.doc), (b) => builder(b, cmd));
  return y
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

/** --help shows the docs' text without Markdown. */
const plain = (s: string): string => s.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '');

/** One command's positionals and options; an option it does not list is unknown to it (strict). */
function builder(y: Argv, cmd: CommandDef): Argv {
  let b = y;
  for (const [name, p] of Object.entries(cmd.positionals ?? {})) {
    b = b.positional(name, { type: 'string', describe: plain(p.doc), ...(p.array ? { array: true } : {}), ...(p.required ? { demandOption: true } : p.array ? { default: [] } : {}) });
  }
  for (const [name, o] of optionsOf(cmd)) {
    b = b.option(name, {
      type: o.type, describe: plain(o.doc + (o.defaultDoc ? ` (default: ${o.defaultDoc})` : '')),
      ...(o.alias ? { alias: o.alias } : {}), ...(o.array ? { array: true } : {}), ...(o.nargs ? { nargs: o.nargs } : {}), ...(o.choices ? { choices: [...o.choices] } : {}), ...(o.default !== undefined ? { default: o.default } : {}),
    });
  }
  return b.check((a) => {
    if (a.timeout !== undefined && !((a.timeout as number) > 0)) throw new Error('--timeout must be a positive number of seconds');
    if (a.memory !== undefined && !((a.memory as number) >= MIN_MEMORY_MB)) throw new Error(`--memory must be at least ${MIN_MEMORY_MB} (MB)`);
    if (cmd.name === 'review') checkReviewArgs(a);
    if (a.threshold !== undefined && !((a.threshold as number) > 0 && (a.threshold as number) <= 1)) throw new Error('--threshold is a fraction: more than 0, at most 1');
    return true;
  });
}

/** grade review does one thing per run: the interactive loop, or one of the non-interactive modes, well formed. */
function checkReviewArgs(a: Record<string, unknown>): void {
  const modes = ['accept-suggested', 'export', 'import', 'override'].filter((m) => a[m] !== undefined && a[m] !== false);
  if (modes.length > 1) throw new Error(`--${modes[0]} and --${modes[1]} do different things: run them one at a time`);
  const min = a['min-suggested'];
  if (min !== undefined && a['accept-suggested'] !== true) throw new Error('--min-suggested goes with --accept-suggested');
  if (min !== undefined && !((min as number) >= 0 && (min as number) <= 1)) throw new Error('--min-suggested is a fraction of the part\'s points, from 0 to 1');
  const override = a.override as unknown[] | undefined;
  if (override !== undefined && override.length !== 3) throw new Error('--override takes three values: <student> <exercise.part> <score>');
  if (a.reason !== undefined && override === undefined) throw new Error('--reason goes with --override');
}

export { defaultIo };

/** `early`: the sandbox bin/grade.js started before this module loaded (grader/cli/early.ts), for the engine to adopt. */
export async function main(argv: string[], io: Io, opts: { early?: EarlyChild<Session> } = {}): Promise<number> {
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
    const format = a.json === true ? 'json' : a.format ?? 'text';
    const cmd = String(a._[0] ?? '');
    if (cmd === 'list') return listCommand(io, format === 'json');
    if (cmd === 'show') return showCommand(io, String(a.id), format === 'json');
    if (cmd === 'validate') return await validateCommand(io, a.exercises ?? [], a.backend ?? 'auto');
    if (cmd === 'merge') return await mergeCommand(io, a.dirs ?? [], a.out);
    if (cmd === 'review') {
      return await reviewCommand({ out: String(a.out), acceptSuggested: a['accept-suggested'], minSuggested: a['min-suggested'], export: a.export, import: a.import, override: a.override, reason: a.reason, by: a.by }, io);
    }
    if (cmd === 'similarity') return await similarityCommand({ folder: String(a.folder), out: a.out, threshold: a.threshold, format: format === 'json' ? 'json' : 'text' }, io);
    if (cmd === 'gradescope-bundle') return await gradescopeBundleCommand(io, a.exercises ?? [], a.out, { reveal: a.reveal, revealScores: a['reveal-scores'] });
    if (cmd === 'pack') return await packCommand(io, a.out);
    if (cmd === 'release') return await releaseCommand({ out: a.out, exercises: a.exercises ?? [] }, io);
    const run: RunArgs = { backend: a.backend ?? 'auto', timeout: a.timeout, memory: a.memory, cache: a.cache ?? true, sandbox: a.sandbox };
    if (cmd === 'batch') {
      return await batchCommand({ ...run, folder: String(a.folder), exercises: a.exercises ?? [], out: a.out, jobs: a.jobs, resume: !!a.resume, force: !!a.force, shard: a.shard, format }, io);
    }
    const exercises = cmd === 'all' ? ['all'] : a.exercises ?? [];
    return await gradeCommand({ ...run, exercises, submission: a.submission, format, out: a.out, verbose: a.verbose, watch: a.watch, gradescope: { reveal: a.reveal, revealScores: a['reveal-scores'] } }, io, opts.early);
  } catch (e) {
    const err = e instanceof TfgradeError ? e : new TfgradeError('INTERNAL', `internal error (a bug in tfgrade, not in your code): ${(e as Error)?.stack ?? e}`);
    io.stderr.write(`${c.red(`error[${err.code}]`)} ${err.message}\n${err.hint ? `${c.dim('hint:')} ${err.hint}\n` : ''}`);
    return err.exitCode;
  }
}
