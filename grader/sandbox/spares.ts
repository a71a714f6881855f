// Children started ahead for the next submissions of a batch, so that grading never waits for a child to start. Each is
// fresh: nothing has run in it, Session.start adopts it once (for exactly its command line), and it then serves that one
// submission only, like any child; whatever is left when the batch ends is killed unused.
import type { SandboxCommand } from './command.js';
import { killGroup } from './child.js';
import { keyOf, type Launched } from './early-child.js';
import { mark } from '../util/timings.js';

const spares: { key: string; launched: Launched<unknown> }[] = [];

/** Keeps a child just launched until a Session.start with the same command line takes it. */
export function holdSpare<S>(command: SandboxCommand, launched: Launched<S>): void {
  launched.ready.catch(() => {}); // a spare that failed to start is dropped when taken (adoptSpare)
  spares.push({ key: keyOf(command), launched: launched as Launched<unknown> });
}

/** The oldest spare started with exactly `command` (same sandbox, backend, limits and snapshot), removed from the list. */
export function takeSpare<S>(command: SandboxCommand): Launched<S> | undefined {
  const i = spares.findIndex((s) => s.key === keyOf(command));
  return i < 0 ? undefined : (spares.splice(i, 1)[0].launched as Launched<S>);
}

/** A spare started for this command, if one started and is still alive; else the caller starts a child of its own. */
export async function adoptSpare<S extends { alive: boolean; kill(): void }>(
  command: SandboxCommand,
): Promise<S | undefined> {
  const s = await takeSpare<S>(command)?.ready.catch(() => undefined);
  if (!s) return undefined;
  mark('sandbox: spare child adopted', s.alive ? 1 : 0);
  if (s.alive) return s;
  s.kill();
  return undefined;
}

/** After the batch: a spare nobody took (the last students needed none, a run stopped early) must not keep it alive. */
export function discardSpares(): void {
  for (const s of spares.splice(0)) killGroup(s.launched.child);
}

/** How many spares wait to be taken (for tests). */
export const sparesHeld = (): number => spares.length;
