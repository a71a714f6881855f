// The child process under a session: killing its whole group, reaping it at exit, and reading its IPC messages safely.
import type { ChildProcess } from 'node:child_process';
import type { WorkerResponse } from '../protocol/messages.js';
import { isWorkerResponse } from '../protocol/messages.js';
import type { OutputBuffer } from './output.js';
import { killedForMemory, watchMemory } from './memory-watch.js';

const live = new Set<ChildProcess>();
let reaperHooked = false;

/** One exit hook for all children (a listener each would trip Node's max-listeners warning in a big batch). */
export function reapAtExit(child: ChildProcess): void {
  if (!reaperHooked) {
    reaperHooked = true;
    process.once('exit', () => live.forEach(killGroup));
  }
  live.add(child);
  child.once('exit', () => live.delete(child));
}

export function killGroup(child: ChildProcess): void {
  // detached: true made the child a process-group leader; bwrap's inner tree dies with it (--die-with-parent).
  // Windows has no process groups: the child is node itself (no shell in between) and may not spawn, so killing it is enough.
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
  child.disconnect?.();
}

/**
 * Node parses IPC messages inside the channel's onread callback; a child that writes raw bytes to its IPC fd
 * (fs.writeSync(process.channel.fd, garbage)) makes that parse throw, and an exception there is uncaught in the
 * grader: the whole run (a whole batch) died with "Unable to deserialize cloned data". Wrapping onread turns it
 * into this child's death. Without an onread to wrap (another Node), nothing changes.
 */
export function guardChannel(child: ChildProcess, state: { malformed: boolean }): void {
  // The pipe handle whose onread parses messages: child[kChannelHandle] (Node 20-24); child.channel is a wrapper.
  const sym = Object.getOwnPropertySymbols(child).find((x) => x.description === 'kChannelHandle');
  const channel = (sym ? (child as unknown as Record<symbol, unknown>)[sym] : undefined) as
    | { onread?: (...a: unknown[]) => unknown }
    | undefined;
  const onread = channel?.onread;
  if (!channel || typeof onread !== 'function') return;
  channel.onread = function guardedOnread(this: unknown, ...a: unknown[]) {
    try {
      return onread.apply(this, a);
    } catch {
      state.malformed = true;
      killGroup(child);
      return undefined;
    }
  };
}

export type Waited = {
  answer:
    | { kind: 'ok'; msg: WorkerResponse }
    | { kind: 'timeout' }
    | { kind: 'died'; reason: 'crashed' | 'out-of-memory'; detail: string };
  started: boolean;
  call: number;
};

export function waitFor(
  child: ChildProcess,
  output: OutputBuffer,
  timeoutMs: number,
  accept: (m: WorkerResponse) => boolean,
  id: number | undefined,
  channel: { malformed: boolean },
  memoryMb?: number,
): Promise<Waited> {
  return new Promise((resolve) => {
    const watch = memoryMb !== undefined ? watchMemory(child.pid, memoryMb) : undefined;
    let started = false;
    let call = 0;
    const done = (answer: Waited['answer']) => {
      clearTimeout(timer);
      if (answer.kind !== 'died') watch?.cancel();
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve({ answer, started, call });
    };
    // Messages come from untrusted code's process: anything that is not a well-formed response is ignored.
    const onMessage = (m: unknown) => {
      if (!isWorkerResponse(m)) return;
      if (m.type === 'started') {
        if (m.id !== id) return;
        started = true;
        if (Number.isSafeInteger(m.call) && m.call! > call) call = m.call!;
        return;
      }
      if (accept(m)) done({ kind: 'ok', msg: m });
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      const tail = output.peekTail();
      const seen = watch?.stop();
      const said =
        /heap out of memory|Fatal process out of memory|Allocation failed|Cannot allocate|std::bad_alloc|Out of memory/i.test(
          tail,
        );
      // The kernel's OOM killer says nothing: a SIGKILL (or a wrapper's 137) near the limit is read as out of memory.
      const oom = said || killedForMemory(code, signal, seen);
      const how =
        (signal ? `was killed by ${signal}` : `exited with code ${code}`) +
        (!said && oom ? ` near its ${Math.round(seen!.limitMb)} MB memory limit` : '');
      const detail = channel.malformed
        ? 'the sandbox sent a malformed message on its control channel (raw bytes written to the IPC pipe?)'
        : oom
          ? `ran out of memory (${how})`
          : `the sandbox process ${how}`;
      done({ kind: 'died', reason: oom && !channel.malformed ? 'out-of-memory' : 'crashed', detail });
    };
    const timer = setTimeout(() => done({ kind: 'timeout' }), timeoutMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
