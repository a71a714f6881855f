// What a command may touch besides its arguments: where the user stands, the course root, and the standard streams.
import { relative } from 'node:path';

export interface Io {
  /** The course folder (holds exercises/, reference/, solutions/). */
  root: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  /** What the user types (grade review's questions); absent where nobody can answer. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

export function defaultIo(root: string): Io {
  return {
    root,
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
  };
}

/** Paths in messages are relative to where the user stands, as they typed them. */
export function shown(io: Pick<Io, 'cwd'>, abs: string): string {
  return relative(io.cwd, abs) || '.';
}
