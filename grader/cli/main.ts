// The thin CLI: parse with yargs, call one command function, map errors to exit codes (only here).
import { relative } from 'node:path';
import yargs, { type Argv } from 'yargs';
import { TfgradeError, missingDependency } from '../util/errors.js';
import { showControl } from '../util/control-chars.js';
import { palette, useColor } from '../report/palette.js';
import { defaultIo, type Io } from '../util/io.js';
import { mark } from '../util/timings.js';
import { MIN_MEMORY_MB } from '../model/limits.js';
import { optionsOf, type CommandDef } from './options.js';
import { COMMANDS } from './commands.js';
import { isKit } from '../spec/kit.js';

const KIT_EPILOG = `Examples:
  npx grade list                 every exercise and its points
  npx grade show p3              read the exercise and what to export
  npx grade p3                   check solutions/p3.ts: code on the public cases, answers for form
  npx grade p3 --watch           check it again on every save
  npx grade all                  check every exercise
  npx grade pack                 write submission.zip; say what would likely lose points

Exit codes: 0 nothing failed, 1 some part failed, 2 usage error, 3 internal error.
Set NO_COLOR=1 to turn colors off. Docs: README.md in this folder.`;

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
  npx grade publish reports --roster export.csv   Canvas import file from the course's gradebook export

Exit codes: 0 every part passed, 1 some part did not, 2 usage or spec error, 3 internal error.
Set NO_COLOR=1 to turn colors off. Docs: README.md in the course folder.`;

/**
 * The parser, built from the commands table; `onCommand` receives the command a command line selects and its parsed
 * arguments (tests leave it out to check how arguments are read, with no side effects).
 */
export function parser(
  argv: string[],
  onCommand: (cmd: CommandDef, args: Record<string, unknown>) => void = () => {},
  kit = false,
): Argv {
  let y = yargs(argv)
    .scriptName('grade')
    .usage(
      kit
        ? 'Usage: grade [exercise..] [options]\n\nChecks your TensorFlow.js solutions (solutions/<id>.ts) in a sandbox: code parts on the public cases that ship here, answers for their form.'
        : 'Usage: grade [exercise..] [options]\n\nGrades your TensorFlow.js solutions (solutions/<id>.ts) against the course reference in a sandbox.',
    );
  for (const cmd of COMMANDS) {
    if (kit && cmd.audience === 'course') {
      // Not in the kit's --help; called anyway, it is named (rather than read as an exercise id), whatever follows it.
      const refuse = (): never => {
        throw new TfgradeError(
          'USAGE',
          `this is a student kit: \`grade ${cmd.name}\` is for the course folder`,
          'run `grade --help` for what a kit does',
        );
      };
      y = y.command(`${cmd.name} [rest..]`, false, (b) => b.strict(false).check(refuse), refuse);
      continue;
    }
    const doc = kit && cmd.kitDoc ? cmd.kitDoc : cmd.doc;
    y = y.command(
      cmd.yargs,
      plain(doc),
      (b) => builder(b, cmd, kit),
      (args) => onCommand(cmd, args),
    );
  }
  return y
    .strict()
    .epilog(kit ? KIT_EPILOG : EPILOG)
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      throw err instanceof TfgradeError
        ? err
        : new TfgradeError('USAGE', msg ?? err?.message ?? 'invalid arguments', 'run `grade --help`');
    });
}

/** --help shows the docs' text without Markdown. */
const plain = (s: string): string => s.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '');

/** One command's positionals and options; an option it does not list is unknown to it (strict). */
function builder(y: Argv, cmd: CommandDef, kit: boolean): Argv {
  let b = y;
  for (const [name, p] of Object.entries(cmd.positionals ?? {})) {
    b = b.positional(name, {
      type: 'string',
      describe: plain(p.doc),
      ...(p.array ? { array: true } : {}),
      ...(p.required ? { demandOption: true } : p.array ? { default: [] } : {}),
    });
  }
  for (const [name, o] of optionsOf(cmd)) {
    const doc = kit && typeof o.kit === 'string' ? o.kit : o.doc;
    b = b.option(name, {
      type: o.type,
      describe: plain(doc + (o.defaultDoc ? ` (default: ${o.defaultDoc})` : '')),
      ...(kit && o.kit === false ? { hidden: true } : {}),
      ...(o.alias ? { alias: o.alias } : {}),
      ...(o.array ? { array: true } : {}),
      ...(o.nargs ? { nargs: o.nargs } : {}),
      ...(o.choices ? { choices: [...o.choices] } : {}),
      ...(o.default !== undefined ? { default: o.default } : {}),
    });
  }
  return b.check((a) => {
    if (a.timeout !== undefined && !((a.timeout as number) > 0))
      throw new Error('--timeout must be a positive number of seconds');
    if (a.memory !== undefined && !((a.memory as number) >= MIN_MEMORY_MB))
      throw new Error(`--memory must be at least ${MIN_MEMORY_MB} (MB)`);
    if (cmd.name === 'review') checkReviewArgs(a);
    if (a.threshold !== undefined && !((a.threshold as number) > 0 && (a.threshold as number) <= 1))
      throw new Error('--threshold is a fraction: more than 0, at most 1');
    return true;
  });
}

/** grade review does one thing per run: the interactive loop, or one of the non-interactive modes, well formed. */
function checkReviewArgs(a: Record<string, unknown>): void {
  const modes = ['accept-suggested', 'export', 'import', 'override'].filter(
    (m) => a[m] !== undefined && a[m] !== false,
  );
  if (modes.length > 1) throw new Error(`--${modes[0]} and --${modes[1]} do different things: run them one at a time`);
  const min = a['min-suggested'];
  if (min !== undefined && a['accept-suggested'] !== true)
    throw new Error('--min-suggested goes with --accept-suggested');
  if (min !== undefined && !((min as number) >= 0 && (min as number) <= 1))
    throw new Error("--min-suggested is a fraction of the part's points, from 0 to 1");
  const override = a.override as unknown[] | undefined;
  if (override !== undefined && override.length !== 3)
    throw new Error('--override takes three values: <student> <exercise.part> <score>');
  if (a.reason !== undefined && override === undefined) throw new Error('--reason goes with --override');
}

export { defaultIo };

export async function main(argv: string[], io: Io): Promise<number> {
  mark('process start');
  const c = palette(useColor(io.stderr, io.env));
  try {
    let helped = false;
    let ran: Promise<number> | undefined;
    // Each command's yargs handler calls its table entry; parseAsync resolves once the handler has been called.
    await parser(
      argv,
      (cmd, args) => {
        mark('parse args');
        ran = cmd.run(args, io);
      },
      isKit(io.root),
    )
      .showHelpOnFail(false)
      .parseAsync(argv, {}, (_err, _args, output) => {
        if (output) {
          helped = true;
          io.stdout.write(`${output}\n`);
        }
      });
    if (helped || !ran) return 0;
    return await ran;
  } catch (e) {
    const err =
      e instanceof TfgradeError
        ? e
        : (missingDependency(e, relative(io.cwd, io.root) || '.') ??
          new TfgradeError(
            'INTERNAL',
            `internal error (a bug in tfgrade, not in your code): ${(e as Error)?.stack ?? e}`,
          ));
    // Messages name students, files and CSV cells: whatever control characters they hold are shown, not obeyed.
    io.stderr.write(
      `${c.red(`error[${err.code}]`)} ${showControl(err.message, { keepLines: true })}\n${err.hint ? `${c.dim('hint:')} ${showControl(err.hint, { keepLines: true })}\n` : ''}`,
    );
    return err.exitCode;
  }
}
