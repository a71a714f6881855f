// Closes what Node's permission model leaves open in the child, before any student code runs (defence in depth).
import v8 from 'node:v8';
import traceEvents from 'node:trace_events';

/** Shaped like Node's own permission errors, so a solution that catches them sees the usual code. */
function denied(what: string): Error {
  const e = new Error(`${what} is not allowed in the grading sandbox`) as Error & { code: string };
  e.code = 'ERR_ACCESS_DENIED';
  return e;
}

const UV_EPERM = -1;

export function lockDown(): void {
  const proc = process as unknown as Record<string, unknown>;
  const self = process.pid;

  // process.kill(pid, sig) calls process._kill, looked up at call time, so replacing _kill covers both. In basic
  // isolation the child runs with the TA's uid and sees the grader as process.ppid: kill(process.ppid) ended the
  // whole run (a whole batch) and kill(-1) would signal every process of that user. Under bubblewrap the pid
  // namespace hides them anyway. Only the child itself may be signalled, so killing yourself still just crashes you.
  const rawKill = proc._kill as (pid: number, sig: number) => number;
  proc._kill = (pid: number, sig: number): number => (pid === self ? rawKill.call(process, pid, sig) : UV_EPERM);

  // The permission model does not cover credentials; when the TA runs as root in basic isolation, setuid would work.
  for (const name of ['setuid', 'setgid', 'seteuid', 'setegid', 'setgroups', 'initgroups']) {
    if (typeof proc[name] === 'function') {
      proc[name] = () => {
        throw denied(`process.${name}`);
      };
    }
  }

  // Node 20's permission model does not check trace_events: tracing writes node_trace.1.log into the working
  // directory (the child's is /, writable when the TA runs as root). getBuiltinModule and createRequire hand out
  // these same export objects, so patching them here reaches every route a solution has to them.
  (traceEvents as { createTracing: unknown }).createTracing = () => {
    throw denied('trace_events.createTracing');
  };
  // V8 flags such as --allow-natives-syntax expose internals that can corrupt memory: no flag changes at run time.
  (v8 as { setFlagsFromString: unknown }).setFlagsFromString = () => {
    throw denied('v8.setFlagsFromString');
  };

  // Node writes to a full pipe asynchronously, queueing in memory: a solution that prints in a loop grew until it
  // died of it, at a moment that raced the time limit (out-of-memory one run, timeout the next). Blocking writes
  // make a flood wait for the grader, which drains and caps it, so the outcome is a plain timeout every time.
  for (const stream of [process.stdout, process.stderr]) {
    (stream as unknown as { _handle?: { setBlocking?: (on: boolean) => void } })._handle?.setBlocking?.(true);
  }

  // The grader spawns the child with an empty environment, but the shell in between adds PWD. Nothing a solution
  // could read may look like configuration, let alone a secret.
  for (const key of Object.keys(process.env)) delete process.env[key];
}
