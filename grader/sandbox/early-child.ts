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

/** What "the same command line" means when a child started ahead is adopted (early or spare). */
export const keyOf = (c: Pick<SandboxCommand, 'file' | 'args'>): string => JSON.stringify([c.file, c.args]);

/** The early start, still settling (it waits for the host probe) or done: its child and the command it ran. */
let held: Promise<{ key: string; launched: Launched<unknown> } | undefined> | undefined;

/** Keeps the child the early start will launch until the engine asks for a child (or the process discards it). */
export function holdEarly<S>(start: Promise<{ command: SandboxCommand; launched: Launched<S> }>): void {
  held = start.then(
    ({ command, launched }) => {
      launched.ready.catch(() => {}); // whoever adopts it sees the error; unadopted, it does not matter
      return { key: keyOf(command), launched: launched as Launched<unknown> };
    },
    () => undefined, // only a head start: whatever went wrong, the engine starts (or explains) its own child
  );
}

/**
 * The early child, once, if it was started with exactly `command` (same sandbox, backend, limits and snapshot); one
 * started for another command is killed. The slot is emptied before anything is awaited: a batch's lanes ask at the
 * same moment, and two of them taking it after one await each got the same child (two students in one child).
 */
export async function takeEarly<S>(command: SandboxCommand): Promise<Launched<S> | undefined> {
  const claimed = held;
  held = undefined;
  const h = await claimed;
  if (!h) return undefined;
  if (h.key === keyOf(command)) return h.launched as Launched<S>;
  killGroup(h.launched.child);
  return undefined;
}

/** After the command: an early child nobody adopted (a usage error, a wrong guess) must not keep the process alive. */
export async function discardEarly(): Promise<void> {
  const h = await held;
  held = undefined;
  if (h) killGroup(h.launched.child);
}
