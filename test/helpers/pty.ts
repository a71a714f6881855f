// Drives a command in a pseudo-terminal (util-linux `script`), as a person at a keyboard would: wait for text, type a line.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/** `script` gives the child a real terminal (isTTY, line discipline, echo); without it the pty tests skip. */
export const HAVE_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

export interface Pty {
  /** Waits until `re` appears in the output after everything matched so far; returns the text up to its end. */
  until(re: RegExp, timeoutMs?: number): Promise<string>;
  type(line: string): void;
  /** Ends the input and waits for the exit code. */
  exit(): Promise<number>;
  output(): string;
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function startPty(argv: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Pty {
  // -q: no "Script started" banner; -f: flush at once (we wait on the output); -e: exit with the child's code.
  const child: ChildProcess = spawn('script', ['-qfec', argv.map(quote).join(' '), '/dev/null'], {
    cwd: opts.cwd,
    env: { ...process.env, NO_COLOR: '1', TERM: 'xterm', ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let seen = 0;
  let code: number | undefined;
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((w) => w());
  child.stdout!.on('data', (b: Buffer) => ((out += b.toString('utf8')), wake()));
  child.stderr!.on('data', (b: Buffer) => ((out += b.toString('utf8')), wake()));
  const exited = new Promise<number>((resolve) => child.on('close', (c) => ((code = c ?? -1), wake(), resolve(code))));
  return {
    until(re, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = re.exec(out.slice(seen));
          if (m) {
            const text = out.slice(seen, seen + m.index + m[0].length);
            seen += m.index + m[0].length;
            done();
            resolve(text);
          } else if (code !== undefined) {
            done();
            reject(new Error(`exited (${code}) before ${re}; output since the last match:\n${out.slice(seen)}`));
          }
        };
        const timer = setTimeout(
          () => (
            done(),
            child.kill('SIGKILL'),
            reject(new Error(`no ${re} within ${timeoutMs} ms; output since the last match:\n${out.slice(seen)}`))
          ),
          timeoutMs,
        );
        const done = () => (clearTimeout(timer), waiters.delete(check));
        waiters.add(check);
        check();
      });
    },
    type: (line) => void child.stdin!.write(`${line}\r`),
    exit: () => (child.stdin!.end(), exited),
    output: () => out,
  };
}
