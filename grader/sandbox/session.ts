// Drives one sandbox child: spawn, ask one request at a time under a deadline, kill the whole process group on a hang.
import { spawn, type ChildProcess } from 'node:child_process';
import type { WorkerRequest, WorkerResponse, BackendChoice } from '../protocol/messages.js';
import { isWorkerResponse } from '../protocol/messages.js';
import type { Limits } from '../engine/api.js';
import { sandboxCommand, type SandboxCommand, type SandboxPaths } from './command.js';
import { OutputBuffer } from './output.js';
import { TfgradeError } from '../util/errors.js';

export type Answer =
  | { kind: 'ok'; msg: WorkerResponse }
  | { kind: 'timeout' }
  | { kind: 'died'; reason: 'crashed' | 'out-of-memory'; detail: string };

/** tfjs + wasm load in well under a second; a minute covers a loaded CI machine without hanging forever. */
const READY_TIMEOUT_MS = 60_000;

export class Session {
  private constructor(
    private readonly child: ChildProcess,
    readonly command: SandboxCommand,
    private readonly output: OutputBuffer,
    readonly ready: Extract<WorkerResponse, { type: 'ready' }>,
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
    child.stderr!.on('data', (b: Buffer) => output.add(b));
    child.on('error', () => {}); // surfaced through 'exit' / the ready timeout
    const first = await waitFor(child, output, READY_TIMEOUT_MS, (m) => m.type === 'ready' || m.type === 'fatal');
    if (first.kind !== 'ok' || first.msg.type !== 'ready') {
      killGroup(child);
      const why = first.kind === 'ok' && first.msg.type === 'fatal' ? first.msg.message : first.kind === 'died' ? first.detail : 'it did not start in time';
      throw new TfgradeError('SANDBOX_UNAVAILABLE', `the sandbox could not start (${command.level}, backend ${backend}): ${why}`,
        command.level === 'bubblewrap' ? 'try --sandbox basic, or --backend cpu' : 'try --backend cpu, and check that `npm ci` completed');
    }
    const s = new Session(child, command, output, first.msg);
    child.once('exit', () => (s.exited = true));
    return s;
  }

  get alive(): boolean {
    return !this.exited && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends one request and waits for the response with the same id, the deadline, or the child's death. */
  async ask(req: WorkerRequest, timeoutMs: number): Promise<Answer> {
    if (!this.alive) return { kind: 'died', reason: 'crashed', detail: 'the sandbox had already stopped' };
    const answer = waitFor(this.child, this.output, timeoutMs, (m) => ('id' in m && m.id === req.id) || m.type === 'fatal');
    this.child.send(req);
    const a = await answer;
    if (a.kind === 'timeout') this.kill();
    if (a.kind === 'ok' && a.msg.type === 'fatal') {
      this.kill();
      return { kind: 'died', reason: 'crashed', detail: a.msg.message };
    }
    return a;
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

function waitFor(child: ChildProcess, output: OutputBuffer, timeoutMs: number, accept: (m: WorkerResponse) => boolean): Promise<Answer> {
  return new Promise((resolve) => {
    const done = (a: Answer) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(a);
    };
    // Messages come from untrusted code's process: anything that is not a well-formed response is ignored.
    const onMessage = (m: unknown) => {
      if (isWorkerResponse(m) && accept(m)) done({ kind: 'ok', msg: m });
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      const tail = output.peekTail();
      const oom = /heap out of memory|Fatal process out of memory|Allocation failed|Cannot allocate|std::bad_alloc|Out of memory/i.test(tail);
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      done({ kind: 'died', reason: oom ? 'out-of-memory' : 'crashed', detail: oom ? `ran out of memory (${how})` : `the sandbox process ${how}` });
    };
    const timer = setTimeout(() => done({ kind: 'timeout' }), timeoutMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
