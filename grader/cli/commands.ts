// The CLI's commands: each entry is its help, its options and its handler, which loads the command's code only when it
// runs (so `grade p3` never loads batch, review or bundle code). main.ts builds yargs from it and calls the handler.
import type { Io } from '../util/io.js';
import { TfgradeError } from '../util/errors.js';
import { command, type CommandDef, type OptionArgs } from './options.js';
import { mark } from '../util/timings.js';

const GRADING = { backend: true, timeout: true, memory: true, sandbox: true, cache: true, typecheck: true } as const;
const GRADE_ONE = {
  submission: true,
  format: true,
  json: true,
  out: true,
  ...GRADING,
  verbose: true,
  watch: true,
  reveal: true,
  'reveal-scores': true,
} as const;
const TEXT_OR_JSON = ['text', 'json'] as const;

/** `--json` is short for `--format json`. */
const formatOf = <F extends string>(a: { json?: boolean; format?: F }): F | 'json' | 'text' =>
  a.json === true ? 'json' : (a.format ?? 'text');

/** The options every grading command passes to the engine. */
const runArgs = (a: OptionArgs<typeof GRADING>) => ({
  backend: a.backend,
  timeout: a.timeout,
  memory: a.memory,
  cache: a.cache,
  sandbox: a.sandbox,
  typecheck: a.typecheck,
});

/** `grade <ids..>` and `grade all` (exercises ['all']). */
async function gradeOne(a: OptionArgs<typeof GRADE_ONE>, exercises: string[], io: Io): Promise<number> {
  const { gradeCommand } = await import('../commands/grade.js');
  mark('grade command load');
  return gradeCommand(
    {
      ...runArgs(a),
      exercises,
      submission: a.submission,
      format: formatOf(a),
      out: a.out,
      verbose: a.verbose,
      watch: a.watch,
      gradescope: { reveal: a.reveal, revealScores: a['reveal-scores'] },
    },
    io,
  );
}

export const COMMANDS: CommandDef[] = [
  command({
    name: 'grade',
    yargs: '$0 [exercises..]',
    usage: 'grade <id..>',
    earlySandbox: true,
    options: GRADE_ONE,
    positionals: { exercises: { array: true, doc: 'exercise ids, e.g. he-init p3' } },
    doc: 'grade `solutions/<id>.ts` for each id (with no ids: every solution file in the folder)',
    run: (a, io) => gradeOne(a, a.exercises, io),
  }),
  command({
    name: 'all',
    yargs: 'all',
    usage: 'grade all',
    earlySandbox: true,
    options: GRADE_ONE,
    doc: 'grade the whole catalog; the report ends with a per-exercise summary table',
    run: (a, io) => gradeOne(a, ['all'], io),
  }),
  command({
    name: 'list',
    yargs: 'list',
    usage: 'grade list',
    options: { json: true },
    doc: 'list exercises with their points',
    run: async (a, io) => (await import('../commands/list.js')).listCommand({ json: a.json === true }, io),
  }),
  command({
    name: 'show',
    yargs: 'show <id>',
    usage: 'grade show <id>',
    options: { json: true },
    positionals: { id: { required: true, doc: 'the exercise id' } },
    doc: 'print an exercise: its prompt, the exports it needs, their types and points',
    run: async (a, io) => (await import('../commands/show.js')).showCommand({ id: a.id, json: a.json === true }, io),
  }),
  command({
    name: 'pack',
    yargs: 'pack',
    usage: 'grade pack',
    options: {
      out: {
        placeholder: '<file>',
        doc: 'where to write the zip (a folder: `submission.zip` inside it)',
        defaultDoc: '`submission.zip`',
      },
    },
    doc: 'zip `solutions/<id>.ts` into `submission.zip` to upload, and grade them as `grade` does to name what will likely lose points: untouched starters, failing cases, malformed answers, type errors, missing exports, compile errors (exit 1: written, with warnings)',
    run: async (a, io) => (await import('../commands/pack.js')).packCommand({ out: a.out }, io),
  }),
  command({
    name: 'status',
    yargs: 'status',
    usage: 'grade status',
    options: { submission: true, json: { doc: 'print the table as JSON' }, ...GRADING },
    doc: 'a table of every exercise: untouched starter, missing file, passing, failing, or recorded; points now, points recorded for after you submit, and the total',
    run: async (a, io) =>
      (await import('../commands/status.js')).statusCommand(
        { ...runArgs(a), submission: a.submission, format: a.json === true ? 'json' : 'text' },
        io,
      ),
  }),
  command({
    name: 'validate',
    yargs: 'validate [exercises..]',
    usage: 'grade validate [id..]',
    options: { backend: true },
    positionals: { exercises: { array: true, doc: 'exercise ids (default: all)' } },
    doc: 'for course authors: check every spec against the schema and rules, and run every reference',
    kitDoc: "check that the kit's files are the ones your course released (a changed file is named)",
    run: async (a, io) =>
      (await import('../commands/validate.js')).validateCommand({ exercises: a.exercises, backend: a.backend }, io),
  }),
  command({
    name: 'batch',
    audience: 'course',
    yargs: 'batch <folder>',
    usage: 'grade batch <folder>',
    // The first student's child starts while the course is prepared; the pool starts each later one ahead.
    earlySandbox: true,
    positionals: {
      folder: {
        required: true,
        doc: 'per-student folders, a Canvas bulk download or a Gradescope export (detected automatically)',
      },
    },
    options: {
      exercises: true,
      out: { placeholder: '<dir>', doc: 'output folder for the reports and aggregates', defaultDoc: '`reports/`' },
      jobs: true,
      resume: true,
      force: true,
      shard: true,
      ...GRADING,
      format: { choices: TEXT_OR_JSON, doc: '`json` prints `summary.json` on stdout instead of the short table' },
      json: true,
    },
    doc: 'for TAs: grade every student in a folder (see [docs/batch.md](docs/batch.md))',
    run: async (a, io) =>
      (await import('../commands/batch.js')).batchCommand(
        {
          ...runArgs(a),
          folder: a.folder,
          exercises: a.exercises ?? [],
          out: a.out,
          jobs: a.jobs,
          resume: a.resume === true,
          force: a.force === true,
          shard: a.shard,
          format: formatOf(a),
        },
        io,
      ),
  }),
  command({
    name: 'review',
    audience: 'course',
    yargs: 'review <out>',
    usage: 'grade review <out>',
    positionals: { out: { required: true, doc: 'the `--out` folder of a `grade batch` run' } },
    options: {
      'accept-suggested': true,
      'min-suggested': true,
      export: true,
      import: true,
      override: true,
      reason: true,
      by: true,
    },
    doc: 'for TAs: decide every part that needs a human (in the terminal, in a spreadsheet, or by accepting the suggestions), and override any part with a reason (see [docs/batch.md](docs/batch.md))',
    run: async (a, io) =>
      (await import('../commands/review.js')).reviewCommand(
        {
          out: a.out,
          acceptSuggested: a['accept-suggested'],
          minSuggested: a['min-suggested'],
          export: a.export,
          import: a.import,
          override: a.override,
          reason: a.reason,
          by: a.by,
        },
        io,
      ),
  }),
  command({
    name: 'similarity',
    audience: 'course',
    yargs: 'similarity <folder>',
    usage: 'grade similarity <folder> --out <dir>',
    positionals: { folder: { required: true, doc: 'the submissions folder the batch graded' } },
    options: {
      out: {
        placeholder: '<dir>',
        doc: 'the `--out` folder of that batch (or of `grade merge`)',
        defaultDoc: '`reports/`',
      },
      threshold: true,
      format: { choices: TEXT_OR_JSON, doc: '`json` prints the similarity report on stdout instead of the pairs' },
      json: true,
    },
    doc: 'for TAs: compare the code of every pair of students again, e.g. after merging shards (see [docs/batch.md](docs/batch.md))',
    run: async (a, io) =>
      (await import('../commands/similarity.js')).similarityCommand(
        { folder: a.folder, out: a.out, threshold: a.threshold, format: formatOf(a) },
        io,
      ),
  }),
  command({
    name: 'merge',
    audience: 'course',
    yargs: 'merge <dirs..>',
    usage: 'grade merge <dirs..> --out <dir>',
    positionals: { dirs: { array: true, required: true, doc: 'the --out folders of the shards' } },
    options: {
      out: { placeholder: '<dir>', doc: 'the folder to write the merged reports and aggregates to (required)' },
    },
    doc: 'combine the report folders of sharded batch runs',
    run: async (a, io) => (await import('../commands/merge.js')).mergeCommand({ dirs: a.dirs, out: a.out }, io),
  }),
  command({
    name: 'publish',
    audience: 'course',
    yargs: 'publish <out>',
    usage: 'grade publish <out> --roster <file>',
    positionals: { out: { required: true, doc: 'the `--out` folder of a `grade batch` run' } },
    options: {
      roster: {
        doc: "the LMS's own list: the Canvas gradebook export (CSV) or an LTI names-and-roles membership (JSON) (required)",
      },
      to: true,
      lineitems: true,
      total: true,
      'canvas-url': true,
      course: true,
      'token-url': true,
      'client-id': true,
      'key-id': true,
      'dry-run': true,
    },
    doc: "for instructors: send a batch's scores to the LMS: a Canvas import file, Canvas's API or LTI AGS, only what changed since the last post (see [docs/lms.md](docs/lms.md))",
    run: async (a, io) => {
      if (a.roster === undefined)
        throw new TfgradeError(
          'USAGE',
          '--roster is required: the Canvas gradebook export (CSV) or the LTI membership (JSON)',
          'e.g. `grade publish reports --roster gradebook-export.csv`',
        );
      return (await import('../commands/publish.js')).publishCommand(
        {
          out: a.out,
          roster: a.roster,
          to: a.to,
          lineitems: a.lineitems,
          canvasUrl: a['canvas-url'],
          course: a.course,
          tokenUrl: a['token-url'],
          clientId: a['client-id'],
          keyId: a['key-id'],
          total: a.total,
          dryRun: a['dry-run'],
        },
        io,
      );
    },
  }),
  command({
    name: 'release',
    audience: 'course',
    yargs: 'release',
    usage: 'grade release --out <dir>',
    options: {
      exercises: { doc: 'the exercises of the kit (an assignment)', defaultDoc: 'every exercise' },
      out: { placeholder: '<dir>', doc: 'the folder to write the kit to: new or empty (required)' },
    },
    doc: 'for instructors: write a student kit, the grader without answers or references (see [docs/student-kit.md](docs/student-kit.md))',
    run: async (a, io) =>
      (await import('../commands/release.js')).releaseCommand({ out: a.out, exercises: a.exercises ?? [] }, io),
  }),
  command({
    name: 'gradescope-bundle',
    audience: 'course',
    yargs: 'gradescope-bundle',
    usage: 'grade gradescope-bundle',
    doc: 'write a Gradescope autograder zip',
    options: {
      exercises: { doc: 'exercise ids to bundle', defaultDoc: 'every exercise' },
      out: { placeholder: '<file>', doc: 'where to write the zip', defaultDoc: '`autograder.zip`' },
      reveal: true,
      'reveal-scores': true,
    },
    run: async (a, io) =>
      (await import('../commands/gradescope-bundle.js')).gradescopeBundleCommand(
        {
          exercises: a.exercises ?? [],
          out: a.out,
          reveal: { reveal: a.reveal, revealScores: a['reveal-scores'] },
        },
        io,
      ),
  }),
];

export const commandNamed = (name: string): CommandDef | undefined => COMMANDS.find((c) => c.name === name);

/** The commands of a student kit (`kit`) or of a course folder. */
export const commandsFor = (kit: boolean): CommandDef[] =>
  kit ? COMMANDS.filter((c) => c.audience !== 'course') : COMMANDS;
