#!/usr/bin/env node
// The `grade` bin: runs the bundled CLI, building it first when a fresh clone has no dist/ yet.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Node 22.1+ keeps V8's compiled code of the CLI bundle on disk: later runs skip most of its parse and compile. A
// folder that cannot be written only loses the saving (the call reports a status, it never throws for that).
module.enableCompileCache?.(`${root}node_modules/.cache/tfgrade/compile`);
const cli = new URL('../dist/cli.js', import.meta.url);
const early = new URL('../dist/early.js', import.meta.url);
const runtime = new URL('../dist/runtime/', import.meta.url);
if (![cli, early, new URL('worker.mjs', runtime)].every(existsSync)) {
  const { buildAll } = await import('../scripts/build.mjs');
  await buildAll();
}
const argv = process.argv.slice(2);
// The sandbox first: it loads tfjs while this process loads the CLI (see grader/cli/early.ts).
const { ensureSnapshot, startEarlySandbox, discardEarlySandbox } = await import(early.href);
ensureSnapshot(fileURLToPath(runtime));
startEarlySandbox(argv, root);
const { main, defaultIo } = await import(cli.href);
try {
  process.exitCode = await main(argv, defaultIo(root.replace(/\/$/, '')));
} finally {
  await discardEarlySandbox();
}
