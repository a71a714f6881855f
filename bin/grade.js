#!/usr/bin/env node
// The `grade` bin: runs the bundled CLI, building it first when a fresh clone has no dist/ yet.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Node 22.1+ keeps V8's compiled code of the CLI bundle on disk: later runs skip most of its parse and compile. A
// folder that cannot be written only loses the saving (the call reports a status, it never throws for that).
module.enableCompileCache?.(`${root}node_modules/.cache/tfgrade/compile`);
const cli = new URL('../dist/cli.js', import.meta.url);
const early = new URL('../dist/early.js', import.meta.url);
const runtime = new URL('../dist/runtime/', import.meta.url);

/**
 * Before `npm ci`, a package the CLI imports is missing: Node's ERR_MODULE_NOT_FOUND stack says nothing a student can
 * act on, so it becomes one line and exit 2 (a usage error: the folder is not set up yet).
 */
async function load(what) {
  try {
    return await what();
  } catch (e) {
    if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !/Cannot find package/.test(String(e.message))) throw e;
    const pkg = /Cannot find package '([^']+)'/.exec(e.message)?.[1] ?? 'a package';
    const folder = relative(process.cwd(), root) || '.';
    process.stderr.write(
      `error[DEPENDENCIES_MISSING] ${pkg} is not installed\nhint: run \`npm ci\` in ${folder} first (once; see its README.md)\n`,
    );
    process.exit(2);
  }
}

if (![cli, early, new URL('worker.mjs', runtime)].every(existsSync)) {
  const { buildAll } = await load(() => import('../scripts/build.mjs'));
  await buildAll();
}
const argv = process.argv.slice(2);
// The sandbox first: it loads tfjs while this process loads the CLI (see grader/cli/early.ts).
const { applyV8Tuning, ensureSnapshot, startEarlySandbox, discardEarlySandbox } = await load(() => import(early.href));
applyV8Tuning();
ensureSnapshot(fileURLToPath(runtime));
startEarlySandbox(argv, root);
const { main, defaultIo } = await load(() => import(cli.href));
try {
  process.exitCode = await main(argv, defaultIo(root.replace(/\/$/, '')));
} finally {
  await discardEarlySandbox();
}
