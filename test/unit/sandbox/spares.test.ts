// Spare and early sandbox children: each is taken once, only for exactly the command line it was started with, and
// whatever is left when the batch ends is killed.
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { discardSpares, holdSpare, sparesHeld, takeSpare } from '../../../grader/sandbox/spares.js';
import type { SandboxCommand } from '../../../grader/sandbox/command.js';
import { holdEarly, takeEarly, type Launched } from '../../../grader/sandbox/early-child.js';

const command = (heap: string): SandboxCommand => ({
  file: '/usr/bin/bwrap',
  args: ['--unshare-all', '/usr/bin/node', `--max-old-space-size=${heap}`],
  level: 'bubblewrap',
  description: '',
  enforced: [],
});

/** A stand-in for a spawned child: no pid, so killing it signals nothing; disconnecting is recorded. */
function launched(
  name: string,
  ready: Promise<string> = Promise.resolve(name),
): Launched<string> & { gone(): boolean } {
  let disconnected = false;
  const child = {
    pid: undefined,
    disconnect: () => {
      disconnected = true;
    },
  } as unknown as ChildProcess;
  return { child, ready, gone: () => disconnected };
}

afterEach(() => discardSpares());

describe('spare children', () => {
  it('are taken oldest first, once each, and only for the same command line', async () => {
    const a = launched('a');
    const b = launched('b');
    const other = launched('other');
    holdSpare(command('768'), a);
    holdSpare(command('256'), other);
    holdSpare(command('768'), b);
    expect(takeSpare(command('512'))).toBeUndefined();
    expect(await takeSpare<string>(command('768'))?.ready).toBe('a');
    expect(await takeSpare<string>(command('768'))?.ready).toBe('b');
    expect(takeSpare(command('768'))).toBeUndefined();
    expect(sparesHeld()).toBe(1);
  });

  it('left over when the batch ends are killed, and no longer handed out', () => {
    const a = launched('a');
    holdSpare(command('768'), a);
    discardSpares();
    expect(a.gone()).toBe(true);
    expect(sparesHeld()).toBe(0);
    expect(takeSpare(command('768'))).toBeUndefined();
  });

  it('that failed to start do not reject unobserved (the taker sees the failure)', async () => {
    const failed = launched('x', Promise.reject(new Error('no sandbox')));
    holdSpare(command('768'), failed);
    await expect(takeSpare<string>(command('768'))!.ready).rejects.toThrow('no sandbox');
  });
});

describe('the early child', () => {
  it('goes to one start only, even when a batch’s lanes ask at the same moment', async () => {
    const early = launched('early');
    holdEarly(Promise.resolve({ command: command('768'), launched: early }));
    const [a, b] = await Promise.all([takeEarly<string>(command('768')), takeEarly<string>(command('768'))]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(await (a ?? b)!.ready).toBe('early');
    expect(early.gone()).toBe(false);
  });

  it('started for another command line is killed, not adopted', async () => {
    const early = launched('early');
    holdEarly(Promise.resolve({ command: command('256'), launched: early }));
    expect(await takeEarly(command('768'))).toBeUndefined();
    expect(early.gone()).toBe(true);
    expect(await takeEarly(command('256'))).toBeUndefined();
  });
});
