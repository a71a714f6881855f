// The CLI's commands and options in one table: yargs is built from it, the early sandbox start reads it, and the
// README's and docs/batch.md's tables are rendered from it (a test fails when they differ).
import { BACKENDS } from '../model/report.js';
import { FORMATS } from '../report/formats.js';
import { REVEAL_CHOICES } from '../report/gradescope.js';

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
}

export const OPTIONS = {
  submission: { alias: 's', type: 'string', placeholder: '<folder>', doc: 'the folder with the `<id>.ts` files, or a `.zip` of them (extracted safely, as `grade batch` does)', defaultDoc: '`solutions/`' },
  format: { alias: 'f', type: 'string', choices: FORMATS, default: 'text', doc: 'the report format on stdout; `--json` is short for `--format json`' },
  json: { type: 'boolean', doc: 'same as `--format json`' },
  out: { alias: 'o', type: 'string', placeholder: '<file>', doc: 'also write the report to a file, atomically (JSON when the format is text)' },
  backend: { alias: 'b', type: 'string', choices: ['auto', ...BACKENDS], default: 'auto', doc: 'the TensorFlow.js backend: `auto` picks a GPU build where one is installed, else wasm (see Backends in the README)' },
  timeout: { alias: 't', type: 'number', placeholder: '<s>', doc: 'the time limit per part, in seconds', defaultDoc: '10' },
  memory: { type: 'number', placeholder: '<MB>', doc: 'the sandbox memory limit, in MB', defaultDoc: '1536' },
  sandbox: { type: 'string', choices: ['auto', 'basic'], default: 'auto', doc: 'isolation level: `auto` uses bubblewrap when it is usable; `basic` is the Node permission model and rlimits only' },
  cache: { type: 'boolean', default: true, doc: 'reuse cached reference results (`--no-cache` recomputes them)', negatedDoc: 'recompute reference results instead of reading the on-disk cache' },
  verbose: { alias: 'v', type: 'boolean', doc: 'show every case, not only failures, and why the backend was chosen' },
  exercises: { alias: 'e', type: 'string', array: true, placeholder: '<id..>', doc: 'exercise ids to grade; every student is graded on all of them (absent files are `missing`)', defaultDoc: 'every exercise' },
  jobs: { alias: 'j', type: 'number', placeholder: '<n>', doc: 'submissions graded at once, each in its own sandbox', defaultDoc: 'the number of cores' },
  resume: { type: 'boolean', doc: 'keep every finished report already in `--out`, grade only the others' },
  force: { type: 'boolean', doc: 'regrade everyone, overwriting reports in `--out`' },
  'accept-suggested': { type: 'boolean', doc: 'accept the keyword rubric\'s suggested score for every part still to review' },
  'min-suggested': { type: 'number', placeholder: '<fraction>', doc: 'with `--accept-suggested`: only suggestions worth at least this fraction of the part', defaultDoc: '0' },
  export: { type: 'string', placeholder: '<file.csv>', doc: 'write every part to review (and every override) to a CSV to fill in' },
  import: { type: 'string', placeholder: '<file.csv>', doc: 'read the scores (and comments, overrides) of a filled-in CSV; any bad row stops it, naming its row and column' },
  override: { type: 'string', array: true, nargs: 3, placeholder: '<student> <exercise.part> <score>', doc: 'set any part\'s score, kept apart from the automatic one (needs `--reason`)' },
  reason: { type: 'string', placeholder: '<text>', doc: 'why an override replaces the automatic score' },
  by: { type: 'string', placeholder: '<name>', doc: 'who decides (reports show it)', defaultDoc: 'the user name' },
  threshold: { type: 'number', placeholder: '<fraction>', doc: 'list pairs sharing at least this fraction of the smaller submission\'s code fingerprints', defaultDoc: '0.5' },
  watch: { alias: 'w', type: 'boolean', doc: 'grade again each time a solution file is saved (Ctrl-C stops)' },
  reveal: { type: 'string', choices: REVEAL_CHOICES, default: 'after_due_date', doc: 'Gradescope: when students see the result of an on-submit part (its verdict, score and expected values); before that they see only that the answer was recorded' },
  'reveal-scores': { type: 'boolean', doc: 'Gradescope: show on-submit parts\' scores (and pass/fail) at once; their expected values still wait for `--reveal`' },
  shard: { type: 'string', placeholder: '<i/n>', defaultDoc: 'all students', doc: 'grade only the i-th (1-based) of n deterministic slices; combine the slices with `grade merge`' },
} satisfies Record<string, OptionDef>;

export type OptionName = keyof typeof OPTIONS;

export interface CommandDef {
  /** The first word (`grade` for the default command). */
  name: string;
  /** yargs' command string. */
  yargs: string;
  positionals?: Record<string, { array?: boolean; required?: boolean; doc: string }>;
  /** The README's usage and description. */
  usage: string;
  doc: string;
  /** The options this command takes, with what differs for it; any other option is a usage error. */
  options: Partial<Record<OptionName, true | Partial<OptionDef>>>;
  /** bin/grade.js may start this command's sandbox before the CLI loads (grader/cli/early.ts). */
  earlySandbox?: boolean;
}

const GRADING = { backend: true, timeout: true, memory: true, sandbox: true, cache: true } as const;
const GRADE_ONE = { submission: true, format: true, json: true, out: true, ...GRADING, verbose: true, watch: true, reveal: true, 'reveal-scores': true } as const;

export const COMMANDS: CommandDef[] = [
  {
    name: 'grade', yargs: '$0 [exercises..]', usage: 'grade <id..>', earlySandbox: true, options: GRADE_ONE,
    positionals: { exercises: { array: true, doc: 'exercise ids, e.g. he-init p3' } },
    doc: 'grade `solutions/<id>.ts` for each id (with no ids: every solution file in the folder)',
  },
  { name: 'all', yargs: 'all', usage: 'grade all', earlySandbox: true, options: GRADE_ONE, doc: 'grade the whole catalog; the report ends with a per-exercise summary table' },
  { name: 'list', yargs: 'list', usage: 'grade list', options: { json: true }, doc: 'list exercises with their points' },
  {
    name: 'show', yargs: 'show <id>', usage: 'grade show <id>', options: { json: true },
    positionals: { id: { required: true, doc: 'the exercise id' } }, doc: 'print an exercise: its prompt, the exports it needs, their types and points',
  },
  {
    name: 'pack', yargs: 'pack', usage: 'grade pack',
    options: { out: { placeholder: '<file>', doc: 'where to write the zip (a folder: `submission.zip` inside it)', defaultDoc: '`submission.zip`' } },
    doc: 'zip `solutions/<id>.ts` into `submission.zip` to upload, after checking that each file compiles and exports every part (exit 1: written, with warnings)',
  },
  {
    name: 'validate', yargs: 'validate [exercises..]', usage: 'grade validate [id..]', options: { backend: true },
    positionals: { exercises: { array: true, doc: 'exercise ids (default: all)' } },
    doc: 'for course authors: check every spec against the schema and rules, and run every reference',
  },
  {
    name: 'batch', yargs: 'batch <folder>', usage: 'grade batch <folder>',
    positionals: { folder: { required: true, doc: 'per-student folders, a Canvas bulk download or a Gradescope export (detected automatically)' } },
    options: {
      exercises: true, out: { placeholder: '<dir>', doc: 'output folder for the reports and aggregates', defaultDoc: '`reports/`' },
      jobs: true, resume: true, force: true, shard: true, ...GRADING,
      format: { choices: ['text', 'json'], doc: '`json` prints `summary.json` on stdout instead of the short table' }, json: true,
    },
    doc: 'for TAs: grade every student in a folder (see [docs/batch.md](docs/batch.md))',
  },
  {
    name: 'review', yargs: 'review <out>', usage: 'grade review <out>',
    positionals: { out: { required: true, doc: 'the `--out` folder of a `grade batch` run' } },
    options: { 'accept-suggested': true, 'min-suggested': true, export: true, import: true, override: true, reason: true, by: true },
    doc: 'for TAs: decide every part that needs a human (in the terminal, in a spreadsheet, or by accepting the suggestions), and override any part with a reason (see [docs/batch.md](docs/batch.md))',
  },
  {
    name: 'similarity', yargs: 'similarity <folder>', usage: 'grade similarity <folder> --out <dir>',
    positionals: { folder: { required: true, doc: 'the submissions folder the batch graded' } },
    options: {
      out: { placeholder: '<dir>', doc: 'the `--out` folder of that batch (or of `grade merge`)', defaultDoc: '`reports/`' }, threshold: true,
      format: { choices: ['text', 'json'], doc: '`json` prints the similarity report on stdout instead of the pairs' }, json: true,
    },
    doc: 'for TAs: compare the code of every pair of students again, e.g. after merging shards (see [docs/batch.md](docs/batch.md))',
  },
  {
    name: 'merge', yargs: 'merge <dirs..>', usage: 'grade merge <dirs..> --out <dir>',
    positionals: { dirs: { array: true, required: true, doc: 'the --out folders of the shards' } },
    options: { out: { placeholder: '<dir>', doc: 'the folder to write the merged reports and aggregates to (required)' } },
    doc: 'combine the report folders of sharded batch runs',
  },
  {
    name: 'release', yargs: 'release', usage: 'grade release --out <dir>',
    options: { exercises: { doc: 'the exercises of the kit (an assignment)', defaultDoc: 'every exercise' }, out: { placeholder: '<dir>', doc: 'the folder to write the kit to: new or empty (required)' } },
    doc: 'for instructors: write a student kit, the grader without answers or references (see [docs/student-kit.md](docs/student-kit.md))',
  },
  {
    name: 'gradescope-bundle', yargs: 'gradescope-bundle', usage: 'grade gradescope-bundle', doc: 'write a Gradescope autograder zip',
    options: { exercises: { doc: 'exercise ids to bundle', defaultDoc: 'every exercise' }, out: { placeholder: '<file>', doc: 'where to write the zip', defaultDoc: '`autograder.zip`' }, reveal: true, 'reveal-scores': true },
  },
];

/** A command's options with its overrides applied. */
export function optionsOf(cmd: CommandDef): [OptionName, OptionDef][] {
  return (Object.entries(cmd.options) as [OptionName, true | Partial<OptionDef>][]).map(([name, over]) => [name, { ...OPTIONS[name], ...(over === true ? {} : over) } as OptionDef]);
}

export const commandNamed = (name: string): CommandDef | undefined => COMMANDS.find((c) => c.name === name);
