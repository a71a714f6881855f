// Drives one sandbox child: spawn, ask one request at a time under a deadline, kill the whole process group on a hang.
import { spawn, type ChildProcess } from 'node:child_process';
import type { WorkerRequest, WorkerResponse, BackendChoice } from '../protocol/messages.js';
import type { Limits } from '../model/limits.js';
import { sandboxCommand, usesSnapshot, type SandboxCommand, type SandboxPaths } from './command.js';
import type { SandboxLevel } from '../model/report.js';
import { disableSnapshot } from './snapshot.js';
import { OutputBuffer, stripControl } from './output.js';
import { TfgradeError } from '../util/errors.js';
import { guardChannel, killGroup, reapAtExit, waitFor } from './child.js';
import { mark } from '../util/timings.js';
import { takeEarly, type Launched } from './early-child.js';
import { adoptSpare } from './spares.js';
import { inputsDescriptor } from './input-file.js';

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
    /** The child's memory limit: a SIGKILL near it reads as out of memory (memory-watch.ts). */
    private readonly memoryMb: number,
  ) {}

  private exited = false;
  /** Given to a runner: one child serves one submission, so a second start must never get it too. */
  private handedOut = false;

  /** A child for this command: a spare or the early child started for it, if there is one, else a new one. */
  static async start(
    paths: SandboxPaths,
    backend: BackendChoice,
    limits: Limits,
    level: SandboxLevel,
  ): Promise<Session> {
    let s = await Session.obtain(paths, backend, limits, level);
    // The slots hand each child out once; should that ever fail, a fresh child, never a shared one.
    if (s.handedOut) s = await Session.launch(sandboxCommand(paths, backend, limits, level), backend, limits).ready;
    s.handedOut = true;
    return s;
  }

  private static async obtain(
    paths: SandboxPaths,
    backend: BackendChoice,
    limits: Limits,
    level: SandboxLevel,
  ): Promise<Session> {
    const command = sandboxCommand(paths, backend, limits, level);
    const spare = await adoptSpare<Session>(command);
    if (spare) return spare;
    const adopted = await takeEarly<Session>(command);
    if (adopted) mark('sandbox: early child adopted', 1);
    const started = adopted ?? Session.launch(command, backend, limits);
    mark('sandbox: children started from the snapshot', usesSnapshot(command) ? 1 : 0);
    if (!usesSnapshot(command)) return started.ready;
    try {
      return await started.ready;
    } catch {
      // The snapshot only saves time: a blob this Node cannot start from (another V8 build, a builtin module that came
      // back out of sync) must not stop grading. The plain start from here on, and its error if it has one.
      disableSnapshot();
      return Session.launch(sandboxCommand(paths, backend, limits, level), backend, limits).ready;
    }
  }

  /** Starts a child now, for a Session.start with the same command later (bin/grade.js, before the CLI loads). */
  static launchEarly(
    paths: SandboxPaths,
    backend: BackendChoice,
    limits: Limits,
    level: SandboxLevel,
  ): { command: SandboxCommand; launched: Launched<Session> } {
    const command = sandboxCommand(paths, backend, limits, level);
    return { command, launched: Session.launch(command, backend, limits) };
  }

  /** Spawns the child and waits for its 'ready'. Nothing outlives the grader: an unadopted or unclosed child is killed at exit. */
  static launch(command: SandboxCommand, backend: BackendChoice, limits: Limits): Launched<Session> {
    // Empty env: no secrets, tokens or proxy settings reach student code (Node adds only its IPC fd variables).
    const child = spawn(command.file, command.args, {
      env: {},
      cwd: '/',
      detached: true,
      windowsHide: true,
      serialization: 'advanced',
      // Slot 4 (INPUTS_FD): the inputs file, read-only; bubblewrap and the shell pass it on, and the permission model
      // checks paths, not a descriptor the child was given.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc', inputsDescriptor() ?? 'ignore'],
    });
    reapAtExit(child);
    const output = new OutputBuffer(limits.outputBytes);
    child.stdout!.on('data', (b: Buffer) => output.add(b));
    child.stderr!.on('data', (b: Buffer) => output.add(b, true));
    child.on('error', () => {}); // surfaced through 'exit' / the ready timeout
    const channelState = { malformed: false };
    guardChannel(child, channelState);
    const ready = waitFor(
      child,
      output,
      READY_TIMEOUT_MS,
      (m) => m.type === 'ready' || m.type === 'fatal',
      undefined,
      channelState,
      limits.memoryMb,
    ).then(({ answer: first }) => {
      if (first.kind !== 'ok' || first.msg.type !== 'ready') {
        killGroup(child);
        const why =
          first.kind === 'ok' && first.msg.type === 'fatal'
            ? first.msg.message
            : first.kind === 'died'
              ? first.detail
              : 'it did not start in time';
        throw new TfgradeError(
          'SANDBOX_UNAVAILABLE',
          `the sandbox could not start (${command.level}, backend ${backend}): ${why}`,
          command.level === 'bubblewrap'
            ? 'try --sandbox basic, or --backend cpu'
            : 'try --backend cpu, and check that `npm ci` completed',
        );
      }
      // Before 'ready' no student code has run: what the child printed is start-up noise (Node's warnings about its
      // own flags, TensorFlow's log lines with pids and timestamps), never the student's output.
      output.take();
      const s = new Session(child, command, output, first.msg, channelState, limits.memoryMb);
      child.once('exit', () => (s.exited = true));
      return s;
    });
    return { child, ready };
  }

  get alive(): boolean {
    return !this.exited && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends one request and waits for the response with the same id, the deadline, or the child's death. */
  async ask(req: WorkerRequest, timeoutMs: number): Promise<Answer> {
    if (!this.alive)
      return { kind: 'died', reason: 'crashed', detail: 'the sandbox had already stopped', started: false, call: 0 };
    // Only the response type that answers this request type, with this id: a forged 'result' cannot answer a load or a ping.
    const wanted = ANSWERS[req.type];
    const answer = waitFor(
      this.child,
      this.output,
      timeoutMs,
      (m) => (m.type === wanted && 'id' in m && m.id === req.id) || m.type === 'fatal',
      req.id,
      this.channel,
      this.memoryMb,
    );
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
