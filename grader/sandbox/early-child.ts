// A sandbox child started before anyone asked for it (bin/grade.js, before the CLI bundle loads), handed to the engine
// explicitly: the engine adopts it only for exactly the command line it was started with, else it is killed unused.
import type { ChildProcess } from 'node:child_process';
import type { SandboxCommand } from './command.js';
import { killGroup } from './child.js';

/** A spawned child and the promise of its 'ready' (S: the Session it becomes, see Session.launch). */
export interface Launched<S> {
  child: ChildProcess;
  ready: Promise<S>;
}

const keyOf = (c: Pick<SandboxCommand, 'file' | 'args'>): string => JSON.stringify([c.file, c.args]);

export class EarlyChild<S = unknown> {
  private launched?: Launched<S>;
  private readonly key: string;

  constructor(command: SandboxCommand, launched: Launched<S>) {
    this.key = keyOf(command);
    this.launched = launched;
    launched.ready.catch(() => {}); // whoever adopts it sees the error; unadopted, it does not matter
  }

  /** The child, once, if it was started with exactly `command` (same sandbox, backend, limits and snapshot). */
  take(command: SandboxCommand): Launched<S> | undefined {
    if (!this.launched || keyOf(command) !== this.key) return undefined;
    const l = this.launched;
    this.launched = undefined;
    return l;
  }

  /** After the command: an early child nobody adopted (a usage error, a wrong guess) must not keep the process alive. */
  discard(): void {
    if (this.launched) killGroup(this.launched.child);
    this.launched = undefined;
  }
}
