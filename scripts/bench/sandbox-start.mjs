// Sandbox start on its own: spawn -> 'ready' of the real child at each isolation level, from the startup snapshot
// and without it, with the child's own tfjs load (ready.loadMs) and its resident memory when idle. Shows what
// isolation costs and what the snapshot saves.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT, log, median } from './util.mjs';
import { watchTree } from './proc-tree.mjs';

const LIMITS = { partTimeoutMs: 10_000, memoryMb: 1536, outputBytes: 16_384 };
const PATHS = { runtimeDir: join(ROOT, 'dist', 'runtime'), nodeModules: join(ROOT, 'node_modules') };

/** The grader's own Session (grader/sandbox/session.ts), bundled for this script: the same spawn the engine does. */
async function loadSession() {
  const dir = join(ROOT, 'node_modules', '.cache', 'tfgrade-bench');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'session.mjs');
  await build({
    stdin: { contents: "export { Session } from './grader/sandbox/session.ts';", resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    packages: 'external',
  });
  return (await import(`${outfile}?t=${Date.now()}`)).Session;
}

/** Session.start with TFGRADE_SANDBOX_SNAPSHOT=0 while it builds the command: the plain worker.mjs start. */
function withoutSnapshot(start) {
  process.env.TFGRADE_SANDBOX_SNAPSHOT = '0';
  try {
    return start();
  } finally {
    delete process.env.TFGRADE_SANDBOX_SNAPSHOT;
  }
}

/** No isolation at all: the plain worker as a plain child process (what a sandbox-free grader would pay). */
function startPlain() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PATHS.runtimeDir, 'worker.mjs'), JSON.stringify({ backend: 'wasm' })], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      serialization: 'advanced',
      detached: true,
    });
    child.once('message', (m) =>
      m?.type === 'ready'
        ? resolve({
            ready: m,
            kill: () => {
              try {
                process.kill(-child.pid, 'SIGKILL');
              } catch {
                /* gone */
              }
            },
          })
        : reject(new Error(JSON.stringify(m))),
    );
    child.once('exit', (c) => reject(new Error(`worker exited ${c}`)));
  });
}

const idleSandboxKb = () => watchTree(process.pid).stop().sandboxMaxKb;

export async function measureSandboxStart({ runs = 5, backend = 'wasm' } = {}) {
  const Session = await loadSession();
  const levels = [
    ['none (plain child, no isolation, no snapshot)', () => startPlain()],
    [
      'basic (permission model + rlimit)',
      () =>
        Session.start(PATHS, backend, LIMITS, 'basic').then((s) => ({
          ready: s.ready,
          level: s.command.level,
          kill: () => s.kill(),
        })),
    ],
    [
      'bubblewrap (+ namespaces)',
      () =>
        Session.start(PATHS, backend, LIMITS, 'bubblewrap').then((s) => ({
          ready: s.ready,
          level: s.command.level,
          kill: () => s.kill(),
        })),
    ],
    [
      'bubblewrap, no startup snapshot',
      () =>
        withoutSnapshot(() => Session.start(PATHS, backend, LIMITS, 'bubblewrap')).then((s) => ({
          ready: s.ready,
          level: s.command.level,
          kill: () => s.kill(),
        })),
    ],
  ];
  const out = [];
  for (const [name, start] of levels) {
    const spawnToReady = [];
    const loadMs = [];
    const rss = [];
    let level;
    log(`sandbox start: ${name} x${runs}`);
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const s = await start();
      spawnToReady.push(performance.now() - t0);
      loadMs.push(s.ready.loadMs);
      rss.push(idleSandboxKb());
      level = s.level ?? 'none';
      s.kill();
      await new Promise((r) => setTimeout(r, 50));
    }
    out.push({
      name,
      level,
      backend,
      spawnToReadyMs: median(spawnToReady),
      childTfjsLoadMs: median(loadMs),
      idleKb: median(rss),
      runs,
    });
  }
  return out;
}
