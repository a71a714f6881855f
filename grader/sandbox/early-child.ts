// A sandbox child started before anyone asked for it (bin/grade.js, before the CLI bundle loads). The process holds at
// most one; Session.start adopts it only for exactly the command line it was started with, else it is killed unused.
// A process-wide slot rather than a parameter: the early start and the engine are the two ends of one process's life,
// and nothing between them needs to know (bin/grade.js and the CLI share this module through the bundle's chunk).
import type { ChildProcess } from 'node:child_process';
import type { SandboxCommand } from './command.js';
import { killGroup } from './child.js';

/** A spawned child and the promise of its 'ready' (S: the Session it becomes, see Session.launch). */
export interface Launched<S> {
  child: ChildProcess;
  ready: Promise<S>;
}

const keyOf = (c: Pick<SandboxCommand, 'file' | 'args'>): string => JSON.stringify([c.file, c.args]);

let held: { key: string; launched: Launched<unknown> } | undefined;

/** Keeps the child started early for `command` until the engine asks for a child (or the process discards it). */
export function holdEarly<S>(command: SandboxCommand, launched: Launched<S>): void {
  discardEarly();
  launched.ready.catch(() => {}); // whoever adopts it sees the error; unadopted, it does not matter
  held = { key: keyOf(command), launched };
}

/** The early child, once, if it was started with exactly `command` (same sandbox, backend, limits and snapshot). */
export function takeEarly<S>(command: SandboxCommand): Launched<S> | undefined {
  if (!held || held.key !== keyOf(command)) return undefined;
  const { launched } = held;
  held = undefined;
  return launched as Launched<S>;
}

/** After the command: an early child nobody adopted (a usage error, a wrong guess) must not keep the process alive. */
export function discardEarly(): void {
  if (held) killGroup(held.launched.child);
  held = undefined;
}
