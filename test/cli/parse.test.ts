// How the CLI reads its arguments (the parser alone: no grading, no processes).
import { describe, expect, it } from 'vitest';
import { parser } from '../../grader/cli/main.js';

/** What yargs hands a command's handler (typed per command in cli/commands.ts; here, any command's). */
type ParsedArgs = Record<string, unknown>;

const parse = async (argv: string[]) => (await parser(argv).parseAsync(argv)) as unknown as ParsedArgs;

describe('grade argument parsing', () => {
  it.each([
    [['he-init'], { _: [], exercises: ['he-init'], format: 'text', backend: 'auto', cache: true, sandbox: 'auto' }],
    [
      ['he-init', 'batchnorm', 'p3', '--submission', 'hw1'],
      { exercises: ['he-init', 'batchnorm', 'p3'], submission: 'hw1' },
    ],
    [['p3', '-s', 'x', '-f', 'json', '-o', 'r.json'], { submission: 'x', format: 'json', out: 'r.json' }],
    [['p3', '--json'], { json: true }],
    [['p3', '--backend', 'cpu', '--timeout', '2.5', '--memory', '512'], { backend: 'cpu', timeout: 2.5, memory: 512 }],
    [['p3', '--no-cache', '--sandbox', 'basic'], { cache: false, sandbox: 'basic' }],
    [['list'], { _: ['list'] }],
    [['show', 'p3'], { _: ['show'], id: 'p3' }],
    [['all', '-s', 'hw'], { _: ['all'], submission: 'hw' }],
    [
      ['batch', 'subs', '--jobs', '2', '--shard', '1/3', '--resume', '-e', 'p3', 'he-init'],
      { _: ['batch'], folder: 'subs', jobs: 2, shard: '1/3', resume: true, exercises: ['p3', 'he-init'] },
    ],
    [['merge', 'a', 'b', '--out', 'all'], { _: ['merge'], dirs: ['a', 'b'], out: 'all' }],
    [['p3', '--format', 'gradescope'], { format: 'gradescope' }],
    [['review', 'out'], { _: ['review'], out: 'out' }],
    [
      ['similarity', 'subs', '--out', 'merged', '--threshold', '0.7', '--json'],
      { _: ['similarity'], folder: 'subs', out: 'merged', threshold: 0.7, json: true },
    ],
    [
      ['review', 'out', '--accept-suggested', '--min-suggested', '0.5'],
      { 'accept-suggested': true, 'min-suggested': 0.5 },
    ],
    [
      ['review', 'out', '--override', 'ana', 'p3.gradientFlow', '2', '--reason', 'equivalent form'],
      { override: ['ana', 'p3.gradientFlow', '2'], reason: 'equivalent form' },
    ],
    [['review', 'out', '--import', 'r.csv', '--by', 'ta1'], { import: 'r.csv', by: 'ta1' }],
    [['pack'], { _: ['pack'] }],
    [['pack', '--out', 'hw1.zip'], { _: ['pack'], out: 'hw1.zip' }],
    [['pack', '-o', 'uploads/'], { _: ['pack'], out: 'uploads/' }],
    [['status'], { _: ['status'], backend: 'auto', cache: true, sandbox: 'auto' }],
    [['status', '--submission', 'hw1', '--json'], { _: ['status'], submission: 'hw1', json: true }],
    [
      ['status', '-s', 'hw1', '--timeout', '5', '--sandbox', 'basic'],
      { _: ['status'], submission: 'hw1', timeout: 5, sandbox: 'basic' },
    ],
  ] as [string[], Partial<ParsedArgs>][])('%j', async (argv, want) => {
    expect(await parse(argv)).toMatchObject(want);
  });

  it.each([
    [['p3', '--backend', 'gpu']],
    [['p3', '--format', 'xml']],
    [['p3', '--timeout', '0']],
    [['p3', '--timeout', '-1']],
    [['p3', '--memory', '64']],
    [['p3', '--no-such-flag']],
    [['show']],
    // an option that means nothing for the command is refused, not ignored
    [['batch', 'subs', '--format', 'junit']],
    [['batch', 'subs', '--submission', 'x']],
    [['batch', 'subs', '--verbose']],
    [['validate', '--timeout', '3']],
    [['list', '--backend', 'cpu']],
    [['show', 'p3', '--out', 'x']],
    [['merge', 'a', '--jobs', '2', '--out', 'm']],
    [['p3', '--jobs', '2']],
    [['p3', '--shard', '1/2']],
    [['review']],
    [['similarity', 'subs', '--threshold', '0']],
    [['similarity', 'subs', '--threshold', '1.5']],
    [['similarity', 'subs', '--jobs', '2']],
    [['review', 'out', '--jobs', '2']],
    [['review', 'out', '--export', 'a.csv', '--import', 'b.csv']],
    [['review', 'out', '--min-suggested', '0.5']],
    [['review', 'out', '--accept-suggested', '--min-suggested', '2']],
    [['review', 'out', '--override', 'ana', 'p3.gradientFlow']],
    [['review', 'out', '--reason', 'why']],
    [['p3', '--accept-suggested']],
    // pack zips solutions/ of the course folder: no exercise list, no other folder, nothing of grading
    [['pack', 'he-init']],
    [['pack', '--submission', 'hw1']],
    [['pack', '--exercises', 'p3']],
    [['pack', '--json']],
    [['pack', '--backend', 'cpu']],
    // status grades the folder's solutions: no exercise list, no report file, no other format
    [['status', 'he-init']],
    [['status', '--out', 'r.json']],
    [['status', '--format', 'json']],
    [['status', '--watch']],
  ])('rejects %j as a usage error', async (argv) => {
    await expect(parse(argv)).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe('argument parsing in a student kit', () => {
  const inKit = async (argv: string[]) =>
    (await parser(argv, () => {}, true).parseAsync(argv)) as unknown as ParsedArgs;
  const helpOf = async (argv: string[]): Promise<string> => {
    let help = '';
    await parser(argv, () => {}, true).parseAsync(argv, {}, (_e, _a, out) => {
      help = out;
    });
    return help;
  };

  it('reads the student commands as in a course folder', async () => {
    expect(await inKit(['p3', '--json'])).toMatchObject({ exercises: ['p3'], json: true });
    expect(await inKit(['pack', '--out', 'hw1.zip'])).toMatchObject({ _: ['pack'], out: 'hw1.zip' });
    expect(await inKit(['status', '--json'])).toMatchObject({ _: ['status'], json: true });
  });

  it.each([
    [['batch', 'subs', '--jobs', '2']],
    [['review', 'out']],
    [['similarity']],
    [['merge', 'a', 'b']],
    [['release', '--out', 'k']],
    [['gradescope-bundle']],
  ])('refuses the course command %j by name', async (argv) => {
    await expect(inKit(argv)).rejects.toMatchObject({
      code: 'USAGE',
      message: `this is a student kit: \`grade ${argv[0]}\` is for the course folder`,
    });
  });

  it("--help lists the student commands only, with the kit's texts", async () => {
    const help = await helpOf(['--help']);
    for (const c of ['grade all', 'grade list', 'grade show <id>', 'grade pack', 'grade status', 'grade validate'])
      expect(help).toContain(c);
    for (const c of [
      'batch',
      'review',
      'similarity',
      'merge',
      'release',
      'gradescope-bundle',
      'course reference',
      'course folder',
      '--cache',
    ])
      expect(help, c).not.toMatch(new RegExp(`(^|[^\\w-])${c}\\b`));
    expect(help).toContain('README.md in this folder');
  });
});
