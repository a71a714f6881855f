#!/usr/bin/env node
// The `grade` bin: runs the bundled CLI, building it first when a fresh clone has no dist/ yet.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli) || !existsSync(new URL('../dist/runtime/worker.mjs', import.meta.url))) {
  const { buildAll } = await import('../scripts/build.mjs');
  await buildAll();
}
const { main, defaultIo } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2), defaultIo(root.replace(/\/$/, '')));
