// The CLI's options in one table, and the types a command's arguments derive from it (commands.ts holds the commands):
// yargs is built from it, the early sandbox start reads it, and the README's and docs/batch.md's tables are rendered
// from it (a test fails when they differ).
import { BACKENDS, FORMATS, REVEAL_CHOICES } from '../model/report.js';
import type { Io } from '../util/io.js';

export interface OptionDef {
  alias?: string;
  type: 'string' | 'number' | 'boolean';
  array?: boolean;
  choices?: readonly string[];
  default?: string | number | boolean;
  /** How the README writes its value: `<folder>`. Choices are written out instead. */
  placeholder?: string;
  /** One line for --help and the docs. */
  doc: string;
  /** The docs' "default" column, when it is not simply `default`. */
  defaultDoc?: string;
  /** A boolean that is on by default is documented as its `--no-` form, with this meaning. */
  negatedDoc?: string;
  /** How many values the option takes at once (`--override <student> <part> <score>`). */
  nargs?: number;
  /** In a student kit: another line for --help, or false to leave the option out of --help (it still parses). */
  kit?: string | false;
}

export const OPTIONS = {
  submission: {
    alias: 's',
    type: 'string',
    placeholder: '<folder>',
    doc: 'the folder with the `<id>.ts` files, or a `.zip` of them (extracted safely, as `grade batch` does)',
    defaultDoc: '`solutions/`',
    kit: 'the folder with the `<id>.ts` files, or a `.zip` of them',
  },
  format: {
    alias: 'f',
    type: 'string',
    choices: FORMATS,
    default: 'text',
    doc: 'the report format on stdout; `--json` is short for `--format json`',
  },
  json: { type: 'boolean', doc: 'same as `--format json`' },
  out: {
    alias: 'o',
    type: 'string',
    placeholder: '<file>',
    doc: 'also write the report to a file, atomically (JSON when the format is text)',
  },
  backend: {
    alias: 'b',
    type: 'string',
    choices: ['auto', ...BACKENDS] as const,
    default: 'auto',
    doc: 'the TensorFlow.js backend: `auto` picks a GPU build where one is installed, else wasm (see Backends in the README)',
    kit: 'the TensorFlow.js backend (`auto`: wasm here)',
  },
  timeout: {
    alias: 't',
    type: 'number',
    placeholder: '<s>',
    doc: 'the time limit per part, in seconds',
    defaultDoc: '10',
  },
  memory: { type: 'number', placeholder: '<MB>', doc: 'the sandbox memory limit, in MB', defaultDoc: '1536' },
  sandbox: {
    type: 'string',
    choices: ['auto', 'basic'] as const,
    default: 'auto',
    doc: 'isolation level: `auto` uses bubblewrap when it is usable; `basic` is the Node permission model and rlimits only',
  },
  typecheck: {
    type: 'boolean',
    doc: 'type-check each solution against the types its exercise declares and list every type error with file:line:col (a few seconds; always on for an exercise whose spec says `typeErrors: fail-part`)',
  },
  cache: {
    type: 'boolean',
    default: true,
    doc: 'reuse cached reference results (`--no-cache` recomputes them)',
    negatedDoc: 'recompute reference results instead of reading the on-disk cache',
    kit: false,
  },
  verbose: { alias: 'v', type: 'boolean', doc: 'show every case, not only failures, and why the backend was chosen' },
  exercises: {
    alias: 'e',
    type: 'string',
    array: true,
    placeholder: '<id..>',
    doc: 'exercise ids to grade; every student is graded on all of them (absent files are `missing`)',
    defaultDoc: 'every exercise',
  },
  jobs: {
    alias: 'j',
    type: 'number',
    placeholder: '<n>',
    doc: 'submissions graded at once, each in its own sandbox',
    defaultDoc: 'the number of cores',
  },
  resume: { type: 'boolean', doc: 'keep every finished report already in `--out`, grade only the others' },
  force: { type: 'boolean', doc: 'regrade everyone, overwriting reports in `--out`' },
  'accept-suggested': {
    type: 'boolean',
    doc: "accept the keyword rubric's suggested score for every part still to review",
  },
  'min-suggested': {
    type: 'number',
    placeholder: '<fraction>',
    doc: 'with `--accept-suggested`: only suggestions worth at least this fraction of the part',
    defaultDoc: '0',
  },
  export: {
    type: 'string',
    placeholder: '<file.csv>',
    doc: 'write every part to review (and every override) to a CSV to fill in',
  },
  import: {
    type: 'string',
    placeholder: '<file.csv>',
    doc: 'read the scores (and comments, overrides) of a filled-in CSV; any bad row stops it, naming its row and column',
  },
  override: {
    type: 'string',
    array: true,
    nargs: 3,
    placeholder: '<student> <exercise.part> <score>',
    doc: "set any part's score, kept apart from the automatic one (needs `--reason`)",
  },
  reason: { type: 'string', placeholder: '<text>', doc: 'why an override replaces the automatic score' },
  by: { type: 'string', placeholder: '<name>', doc: 'who decides (reports show it)', defaultDoc: 'the user name' },
  threshold: {
    type: 'number',
    placeholder: '<fraction>',
    doc: "list pairs sharing at least this fraction of the smaller submission's code fingerprints",
    defaultDoc: '0.5',
  },
  watch: { alias: 'w', type: 'boolean', doc: 'grade again each time a solution file is saved (Ctrl-C stops)' },
  shard: {
    type: 'string',
    placeholder: '<i/n>',
    defaultDoc: 'all students',
    doc: 'grade only the i-th (1-based) of n deterministic slices; combine the slices with `grade merge`',
  },
  reveal: {
    type: 'string',
    choices: REVEAL_CHOICES,
    default: 'after_due_date',
    doc: 'Gradescope: when students see the result of an on-submit part (its verdict, score and expected values); before that they see only that the answer was recorded',
  },
  'reveal-scores': {
    type: 'boolean',
    doc: "Gradescope: show on-submit parts' scores (and pass/fail) at once; their expected values still wait for `--reveal`",
  },
  roster: {
    type: 'string',
    placeholder: '<file>',
    doc: "the LMS's own list: the Canvas gradebook export (CSV) or an LTI names-and-roles membership (JSON)",
  },
  to: {
    type: 'string',
    choices: ['csv', 'canvas', 'lti'] as const,
    doc: "where scores go: `csv` writes `canvas-import.csv`, `canvas` posts through Canvas's API, `lti` posts AGS scores",
    defaultDoc: '`csv` for a Canvas roster, `lti` for a membership',
  },
  lineitems: {
    type: 'string',
    placeholder: '<file.json>',
    doc: "the AGS line items (the platform's lineitems response), matched to exercises by resourceId, tag or label",
  },
  'canvas-url': {
    type: 'string',
    placeholder: '<url>',
    doc: 'your Canvas, e.g. `https://canvas.example.edu` (token: `TFGRADE_CANVAS_TOKEN` or `TFGRADE_CANVAS_TOKEN_FILE`)',
  },
  course: { type: 'string', placeholder: '<id>', doc: 'the Canvas course id (the number in `/courses/<id>`)' },
  'token-url': {
    type: 'string',
    placeholder: '<url>',
    doc: "the LTI platform's token endpoint (key: `TFGRADE_LTI_KEY_FILE` or `TFGRADE_LTI_KEY`)",
  },
  'client-id': { type: 'string', placeholder: '<id>', doc: "the tool's LTI client id at the platform" },
  'key-id': { type: 'string', placeholder: '<kid>', doc: "the `kid` of the tool's key, when the platform needs it" },
  total: {
    type: 'string',
    placeholder: '<assignment>',
    doc: "also post each student's total to this assignment or line item (its id, title, tag or resourceId)",
  },
  'dry-run': { type: 'boolean', doc: 'print every request that would be sent (tokens redacted) and post nothing' },
} satisfies Record<string, OptionDef>;

export type OptionName = keyof typeof OPTIONS;

/** A positional argument of a command. */
export interface PositionalDef {
  array?: boolean;
  required?: boolean;
  doc: string;
}

/** What a command says of itself: the CLI's table, the README's, the early start's (without its handler). */
interface CommandInfo {
  /** The first word (`grade` for the default command). */
  name: string;
  /** yargs' command string. */
  yargs: string;
  /** The README's usage and description. */
  usage: string;
  doc: string;
  /** bin/grade.js may start this command's sandbox before the CLI loads (grader/cli/early.ts). */
  earlySandbox?: boolean;
  /**
   * `course`: for instructors and TAs, in the course folder; a student kit's --help leaves it out and refuses it by
   * name. Default `student`: it works in both.
   */
  audience?: 'student' | 'course';
  /** What the command does in a student kit, where that differs from `doc`. */
  kitDoc?: string;
}

type Overrides = Partial<Record<OptionName, true | Partial<OptionDef>>>;
type Positionals = Record<string, PositionalDef>;

/** One option's definition as a command sees it: the table's, with the command's overrides on top. */
type Merged<N extends OptionName, O> = O extends true ? (typeof OPTIONS)[N] : Omit<(typeof OPTIONS)[N], keyof O> & O;
/** The value yargs gives for an option so defined. */
type ValueOf<D> = D extends { array: true }
  ? string[]
  : D extends { choices: readonly (infer C)[] }
    ? C
    : D extends { type: 'number' }
      ? number
      : D extends { type: 'boolean' }
        ? boolean
        : string;
type WithDefault<D> = D extends { default: string | number | boolean } ? true : false;

/** The parsed options of a command with these overrides: an option with a default is always there, others may not be. */
export type OptionArgs<Os extends Overrides> = {
  -readonly [N in keyof Os & OptionName as WithDefault<Merged<N, Os[N]>> extends true ? N : never]: ValueOf<
    Merged<N, Os[N]>
  >;
} & {
  -readonly [N in keyof Os & OptionName as WithDefault<Merged<N, Os[N]>> extends true ? never : N]?: ValueOf<
    Merged<N, Os[N]>
  >;
};
/** Its positionals: arrays default to [] (yargs), required ones are always there. */
export type PositionalArgs<Ps extends Positionals> = {
  -readonly [K in keyof Ps]: Ps[K] extends { array: true }
    ? string[]
    : Ps[K] extends { required: true }
      ? string
      : string | undefined;
};

/** A command as the CLI runs it: its table entry and its handler (which loads the command's code only when called). */
export interface CommandDef extends CommandInfo {
  positionals?: Positionals;
  /** The options this command takes, with what differs for it; any other option is a usage error. */
  options: Overrides;
  run(args: Record<string, unknown>, io: Io): Promise<number>;
}

/**
 * A table entry whose handler gets arguments typed from the entry's own options and positionals (as vitest's
 * CLIOptions<Config> derives them). The one cast is sound because the parser is built from these very definitions.
 */
export function command<const Os extends Overrides, const Ps extends Positionals = Record<never, PositionalDef>>(
  def: CommandInfo & {
    options: Os;
    positionals?: Ps;
    run: (args: OptionArgs<Os> & PositionalArgs<Ps>, io: Io) => Promise<number> | number;
  },
): CommandDef {
  return { ...def, run: async (args, io) => def.run(args as OptionArgs<Os> & PositionalArgs<Ps>, io) };
}

/** A command's options with its overrides applied. */
export function optionsOf(cmd: Pick<CommandDef, 'options'>): [OptionName, OptionDef][] {
  return (Object.entries(cmd.options) as [OptionName, true | Partial<OptionDef>][]).map(([name, over]) => [
    name,
    { ...OPTIONS[name], ...(over === true ? {} : over) } as OptionDef,
  ]);
}
