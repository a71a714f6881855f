// Turns anything a solution throws into a short message and the solution frame it came from, without trusting it.

export interface Thrown {
  message: string;
  /** "p3.ts:12:7" style location inside the solution, when the stack names one. */
  where?: string;
}

const MAX_MESSAGE = 500;

/** Thrown values may be Proxies, objects with throwing getters or strings; every read is guarded. */
export function describeThrown(e: unknown, filename: string): Thrown {
  let message: string;
  let stack = '';
  try {
    if (e instanceof Error) {
      message = `${safeString(e.name)}: ${safeString(e.message)}`.replace(/^Error: /, '');
      stack = safeString(e.stack);
    } else if (typeof e === 'string') {
      message = e;
    } else {
      message = `a non-Error value was thrown (${e === null ? 'null' : typeof e})`;
    }
  } catch {
    message = 'an unreadable value was thrown';
  }
  if (message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE)}…`;
  return { message, where: filename ? frameIn(stack, filename) : undefined };
}

function safeString(x: unknown): string {
  try {
    return typeof x === 'string' ? x : String(x);
  } catch {
    return '?';
  }
}

function frameIn(stack: string, filename: string): string | undefined {
  for (const line of stack.split('\n')) {
    const i = line.indexOf(filename);
    if (i >= 0) {
      const m = /:(\d+):(\d+)\)?\s*$/.exec(line);
      if (m) return `${filename}:${m[1]}:${m[2]}`;
    }
  }
  return undefined;
}
