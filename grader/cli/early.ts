// Loaded by bin/grade.js before the CLI bundle: for `grade <ids>`, the sandbox child starts at once, so its tfjs
// start (~250 ms) overlaps the grader's own (bundle import, argument parsing, spec load) instead of following it.
import { Session } from '../sandbox/session.js';
import { isolationLevel, sandboxPathsFor } from '../sandbox/command.js';
import { chooseBackend, nativeInstalls } from '../engine/backend-choice.js';
import { limitsFrom } from '../model/limits.js';
import type { BackendChoice } from '../protocol/messages.js';
import { mark } from '../util/timings.js';
import { buildSnapshot, hasSnapshot } from '../../scripts/snapshot.mjs';

/** Subcommands that start no sandbox of their own, or (batch) start one per student later. */
const NO_EARLY_SANDBOX = new Set(['batch', 'merge', 'list', 'show', 'validate', 'gradescope-bundle', 'help', 'completion']);

export interface EarlyGuess {
  backend: BackendChoice | 'auto';
  memory?: number;
  bubblewrap: boolean;
}

/**
 * What the sandbox of this command line will be, read without yargs (which loads with the CLI bundle). A guess is
 * enough: the engine adopts the early child only if its command line is exactly the one it needs.
 */
export function guessSandbox(argv: readonly string[]): EarlyGuess | undefined {
  const guess: EarlyGuess = { backend: 'auto', bubblewrap: true };
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (!arg.startsWith('-')) {
      command ??= arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => (eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    if (name === '--help' || name === '-h' || name === '--version') return undefined;
    else if (name === '--backend' || name === '-b') guess.backend = value() as EarlyGuess['backend'];
    else if (name === '--memory') guess.memory = Number(value());
    else if (name === '--sandbox') guess.bubblewrap = value() !== 'basic';
    else if (['--submission', '-s', '--format', '-f', '--out', '-o', '--timeout', '-t'].includes(name) && eq < 0) i++;
  }
  return command !== undefined && NO_EARLY_SANDBOX.has(command) ? undefined : guess;
}

/**
 * Another Node than the one that built dist/ (a lab on Node 24, CI on three) gets its own startup snapshot the first
 * time it runs the course (0.4 s, once); a failure is recorded and the sandbox starts the plain way.
 */
export function ensureSnapshot(runtimeDir: string): void {
  if (process.env.TFGRADE_SANDBOX_SNAPSHOT === '0') return;
  try {
    if (!hasSnapshot(runtimeDir)) buildSnapshot(runtimeDir);
  } catch {
    // a read-only course folder: the plain start
  }
}

/** After main(): an early child the command did not use must not keep the process alive. */
export function discardEarlySandbox(): void {
  Session.discardEarly();
}

export function startEarlySandbox(argv: readonly string[], root: string): void {
  try {
    const guess = guessSandbox(argv);
    if (!guess || !['auto', 'tensorflow', 'wasm', 'cpu'].includes(guess.backend)) return;
    if (guess.memory !== undefined && !(guess.memory >= 256)) return; // a usage error is coming
    const { name } = chooseBackend(guess.backend, isolationLevel(guess.bubblewrap), nativeInstalls(root));
    Session.launchEarly(sandboxPathsFor(root), name, limitsFrom({ memory: guess.memory }), guess.bubblewrap);
    mark('early sandbox launch');
  } catch {
    // Only a head start: whatever went wrong here, the engine starts (or explains) its own child.
  }
}
