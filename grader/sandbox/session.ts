// Drives one sandbox child: spawn, ask one request at a time under a deadline, kill the whole process group on a hang.
import { spawn, type ChildProcess } from 'node:child_process';
import type { WorkerRequest, WorkerResponse, BackendChoice } from '../protocol/messages.js';
import { isWorkerResponse } from '../protocol/messages.js';
import type { Limits } from '../engine/api.js';
import { sandboxCommand, type SandboxCommand, type SandboxPaths } from './command.js';
import { OutputBuffer, stripControl } from './output.js';
import { TfgradeError } from '../util/errors.js';

/**
 * `started`: the child acknowledged the request before it hung or died (see 'started' in protocol/messages.ts);
 * `call`: the last call of a run it announced, the one that hung or died.
 */
export type Answer =
  | { kind: 'ok'; msg: WorkerResponse }
  | { kind: 'timeout'; started: boolean; call: number }
  | { kind: 'died'; reason: 'crashed' | 'out-of-memory'; detail: string; started: boolean; call: number };

const ANSWERS: Record<WorkerRequest['type'], WorkerResponse['type']> = { load: 'loaded', run: 'result', ping: 'pong' };

/** A fatal message is student-influenced text (an uncaught error's message): kept short and free of control codes. */
const MAX_DETAIL = 500;

/** tfjs + wasm load in well under a second; a minute covers a loaded CI machine without hanging forever. */
const READY_TIMEOUT_MS = 60_000;

export class Session {
  private constructor(
    private readonly child: ChildProcess,
    readonly command: SandboxCommand,
    private readonly output: OutputBuffer,
    readonly ready: Extract<WorkerResponse, { type: 'ready' }>,
    private readonly channel: { malformed: boolean },
  ) {}

  private exited = false;

  static async start(paths: SandboxPaths, backend: BackendChoice, limits: Limits, allowBubblewrap = true): Promise<Session> {
    const command = sandboxCommand(paths, backend, limits, allowBubblewrap);
    // Empty env: no secrets, tokens or proxy settings reach student code (Node adds only its IPC fd variables).
    const child = spawn(command.file, command.args, {
      env: {}, cwd: '/', detached: true, serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const output = new OutputBuffer(limits.outputBytes);
    child.stdout!.on('data', (b: Buffer) => output.add(b));
    child.stderr!.on('data', (b: Buffer) => output.add(b, true));
    child.on('error', () => {}); // surfaced through 'exit' / the ready timeout
    const channelState = { malformed: false };
    guardChannel(child, channelState);
    const { answer: first } = await waitFor(child, output, READY_TIMEOUT_MS, (m) => m.type === 'ready' || m.type === 'fatal', undefined, channelState);
    if (first.kind !== 'ok' || first.msg.type !== 'ready') {
      killGroup(child);
      const why = first.kind === 'ok' && first.msg.type === 'fatal' ? first.msg.message : first.kind === 'died' ? first.detail : 'it did not start in time';
      throw new TfgradeError('SANDBOX_UNAVAILABLE', `the sandbox could not start (${command.level}, backend ${backend}): ${why}`,
        command.level === 'bubblewrap' ? 'try --sandbox basic, or --backend cpu' : 'try --backend cpu, and check that `npm ci` completed');
    }
    const s = new Session(child, command, output, first.msg, channelState);
    child.once('exit', () => (s.exited = true));
    return s;
  }

  get alive(): boolean {
    return !this.exited && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends one request and waits for the response with the same id, the deadline, or the child's death. */
  async ask(req: WorkerRequest, timeoutMs: number): Promise<Answer> {
    if (!this.alive) return { kind: 'died', reason: 'crashed', detail: 'the sandbox had already stopped', started: false, call: 0 };
    // Only the response type that answers this request type, with this id: a forged 'result' cannot answer a load or a ping.
    const wanted = ANSWERS[req.type];
    const answer = waitFor(this.child, this.output, timeoutMs, (m) => (m.type === wanted && 'id' in m && m.id === req.id) || m.type === 'fatal', req.id, this.channel);
    this.child.send(req);
    const { answer: a, started, call } = await answer;
    if (a.kind === 'timeout') this.kill();
    if (a.kind === 'ok' && a.msg.type === 'fatal') {
      this.kill();
      const message = typeof a.msg.message === 'string' ? a.msg.message : 'the sandbox reported a fatal error';
      return { kind: 'died', reason: 'crashed', detail: stripControl(message).slice(0, MAX_DETAIL), started, call };
    }
    return a.kind === 'ok' ? a : { ...a, started, call };
  }

  /** Student output since the last call (capped, control codes stripped). */
  takeOutput(): string {
    return this.output.take();
  }

  kill(): void {
    // Marked dead at once: the 'exit' event arrives later, and the next ask must start a fresh child, not use this one.
    this.exited = true;
    killGroup(this.child);
  }
}

function killGroup(child: ChildProcess): void {
  // detached: true made the child a process-group leader; bwrap's inner tree dies with it (--die-with-parent).
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
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
function guardChannel(child: ChildProcess, state: { malformed: boolean }): void {
  // The pipe handle whose onread parses messages: child[kChannelHandle] (Node 20-24); child.channel is a wrapper.
  const sym = Object.getOwnPropertySymbols(child).find((x) => x.description === 'kChannelHandle');
  const channel = (sym ? (child as unknown as Record<symbol, unknown>)[sym] : undefined) as { onread?: (...a: unknown[]) => unknown } | undefined;
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

type Waited = { answer: { kind: 'ok'; msg: WorkerResponse } | { kind: 'timeout' } | { kind: 'died'; reason: 'crashed' | 'out-of-memory'; detail: string }; started: boolean; call: number };

function waitFor(child: ChildProcess, output: OutputBuffer, timeoutMs: number, accept: (m: WorkerResponse) => boolean, id: number | undefined, channel: { malformed: boolean }): Promise<Waited> {
  return new Promise((resolve) => {
    let started = false;
    let call = 0;
    const done = (answer: Waited['answer']) => {
      clearTimeout(timer);
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
      const oom = /heap out of memory|Fatal process out of memory|Allocation failed|Cannot allocate|std::bad_alloc|Out of memory/i.test(tail);
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const detail = channel.malformed ? 'the sandbox sent a malformed message on its control channel (raw bytes written to the IPC pipe?)'
        : oom ? `ran out of memory (${how})` : `the sandbox process ${how}`;
      done({ kind: 'died', reason: oom && !channel.malformed ? 'out-of-memory' : 'crashed', detail });
    };
    const timer = setTimeout(() => done({ kind: 'timeout' }), timeoutMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
