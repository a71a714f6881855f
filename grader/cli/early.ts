// Loaded by bin/grade.js before the CLI bundle: for `grade <ids>` (and a batch's first student), the sandbox child starts
// at once, so its tfjs start (~250 ms) overlaps the grader's own (bundle import, argument parsing, spec load).
import { parseArgs } from 'node:util';
import { Session } from '../sandbox/session.js';
import { discardEarly, holdEarly } from '../sandbox/early-child.js';
import { probeHostSoon } from '../sandbox/host.js';
import { isolationLevel, sandboxPathsFor, type SandboxRequest } from '../sandbox/command.js';
import { chooseBackend, nativeInstalls, type BackendRequest } from '../engine/backend-choice.js';
import { limitsFrom, MIN_MEMORY_MB } from '../model/limits.js';
import { mark } from '../util/timings.js';
import { buildSnapshot, hasSnapshot } from '../sandbox/snapshot.js';
import { OPTIONS, optionsOf } from './options.js';
import { COMMANDS, commandNamed } from './commands.js';

export interface EarlyGuess {
  backend: BackendRequest;
  memory?: number;
  sandbox: SandboxRequest;
}

/**
 * node:util's parseArgs configuration for every option of the table (yargs loads with the CLI bundle, too late);
 * `--no-cache` is spelled out, since Node 20's parseArgs knows no negations.
 */
const PARSE_OPTIONS = Object.fromEntries(
  Object.entries(OPTIONS).flatMap(([name, o]) => [
    [
      name,
      {
        type: o.type === 'boolean' ? ('boolean' as const) : ('string' as const),
        ...('alias' in o ? { short: o.alias } : {}),
        ...('array' in o ? { multiple: true } : {}),
      },
    ],
    ...('default' in o && o.default === true ? [[`no-${name}`, { type: 'boolean' as const }]] : []),
  ]),
);

/**
 * What the sandbox of this command line will be, read with the options table but without yargs. A guess is enough:
 * the engine adopts the early child only if its command line is exactly the one it needs; anything odd starts nothing.
 */
export function guessSandbox(argv: readonly string[]): EarlyGuess | undefined {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...PARSE_OPTIONS, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch {
    return undefined; // an unknown flag: a usage error is coming
  }
  const { positionals } = parsed;
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const first = positionals[0];
  const cmd = (
    first !== undefined && COMMANDS.some((c) => c.name === first && c.name !== 'grade')
      ? commandNamed(first)
      : commandNamed('grade')
  )!;
  const own = (name: string) => optionsOf(cmd).some(([n]) => n === name.replace(/^no-/, ''));
  if (v.help || !cmd.earlySandbox || Object.keys(v).some((name) => !own(name))) return undefined;
  const memory = v.memory === undefined ? undefined : Number(v.memory);
  if (memory !== undefined && !(memory >= MIN_MEMORY_MB)) return undefined;
  const backend = (v.backend ?? 'auto') as BackendRequest;
  if (!(OPTIONS.backend.choices as readonly string[]).includes(backend)) return undefined;
  const sandbox = (v.sandbox ?? 'auto') as SandboxRequest;
  if (!(OPTIONS.sandbox.choices as readonly string[]).includes(sandbox)) return undefined;
  return { backend, sandbox, ...(memory !== undefined ? { memory } : {}) };
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

/** The build's fresh snapshot (scripts/build.mjs imports it from dist/early.js, so the product never imports scripts/). */
export { rebuildSnapshot } from '../sandbox/snapshot.js';

/**
 * Starts the sandbox child this command line will want, held for the engine (sandbox/early-child.ts), if it wants one:
 * after the host probe, which runs while bin/grade.js loads the CLI bundle.
 */
export function startEarlySandbox(argv: readonly string[], root: string): void {
  const guess = guessSandbox(argv);
  if (!guess) return;
  holdEarly(
    probeHostSoon().then(() => {
      const level = isolationLevel(guess.sandbox);
      const { name } = chooseBackend(guess.backend, level, nativeInstalls(root));
      const launched = Session.launchEarly(sandboxPathsFor(root), name, limitsFrom({ memory: guess.memory }), level);
      mark('early sandbox launch');
      return launched;
    }),
  );
}

/**
 * The grader's own V8 tuning, first thing in bin/grade.js: the same flags as the sandbox child's (runtime/serve.ts).
 * A batch's grader spent a fifth of its CPU optimizing code on helper threads; 12% less grader CPU with them.
 */
export { applyV8Tuning } from '../util/v8-tuning.js';

/** After the command: an early child it did not adopt (a usage error, another command) must not keep the process alive. */
export const discardEarlySandbox = discardEarly;
