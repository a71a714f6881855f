// Bundles the grader CLI and the sandbox runtime into dist/ with esbuild (packages stay external, resolved from node_modules).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = { bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', sourcemap: 'linked', logLevel: 'warning', absWorkingDir: root };

export async function buildAll() {
  await Promise.all([
    build({ ...common, entryPoints: { cli: 'grader/cli/main.ts' }, outdir: 'dist' }),
    // .mjs: inside the sandbox the package.json that says "type": "module" is not readable.
    build({ ...common, entryPoints: { worker: 'grader/runtime/worker.ts' }, outdir: 'dist/runtime', outExtension: { '.js': '.mjs' } }),
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildAll();
