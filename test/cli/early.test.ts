// bin/grade.js guesses the sandbox from the raw argv (before yargs loads) to start it early; the guess is a table.
import { describe, expect, it } from 'vitest';
import { guessSandbox } from '../../grader/cli/early.js';

const DEFAULT = { backend: 'auto', sandbox: 'auto' };

describe('guessSandbox', () => {
  it.each<[string[], object | undefined]>([
    [['p3'], DEFAULT],
    [[], DEFAULT],
    [['all'], DEFAULT],
    [['p3', 'he-init', '-s', 'solutions'], DEFAULT],
    [['p3', '--backend', 'cpu'], { ...DEFAULT, backend: 'cpu' }],
    [['p3', '-b', 'wasm'], { ...DEFAULT, backend: 'wasm' }],
    [['p3', '--backend=cpu'], { ...DEFAULT, backend: 'cpu' }],
    [['p3', '--memory', '2048'], { ...DEFAULT, memory: 2048 }],
    [['p3', '--memory=512', '--sandbox=basic'], { ...DEFAULT, memory: 512, sandbox: 'basic' }],
    [['--sandbox', 'basic', 'p3'], { ...DEFAULT, sandbox: 'basic' }],
    // an option's value is not the command: `-s batch` is a folder named batch
    [['-s', 'batch', 'p3'], DEFAULT],
    [['-o', 'list', '--format', 'json', 'p3'], DEFAULT],
    // a batch's first student's child starts while the course is prepared
    [['batch', 'submissions/', '--jobs', '2', '--out', 'reports'], DEFAULT],
    [['batch', 'submissions/', '--backend', 'cpu'], { ...DEFAULT, backend: 'cpu' }],
    // commands that start no sandbox now, and help
    [['list'], undefined],
    [['show', 'p3'], undefined],
    [['validate'], undefined],
    [['merge', 'a', 'b'], undefined],
    [['review', 'out'], undefined],
    [['similarity', 'subs'], undefined],
    [['gradescope-bundle'], undefined],
    [['p3', '--help'], undefined],
    [['-h'], undefined],
    // what the parser will refuse starts nothing: unknown flags, an option of another command, a memory too small
    [['--version'], undefined],
    [['p3', '--jobs', '2'], undefined],
    [['p3', '--memory', '100'], undefined],
    [['p3', '--backend', 'gpu'], undefined],
    [['p3', '--no-cache', '-t', '2'], DEFAULT],
  ])('%j', (argv, guess) => expect(guessSandbox(argv)).toEqual(guess));
});
