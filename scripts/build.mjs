// Bundles the grader CLI and the sandbox runtime into dist/ with esbuild (packages stay external, resolved from node_modules).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// tfjs stays external (the grader, references and the sandbox must share one tfjs and its .wasm files), and so does
// esbuild (a native binary). Everything else is bundled: one file loads several times faster than hundreds of modules.
const external = ['@tensorflow/*', 'esbuild', 'typescript'];
// Some bundled CommonJS packages call require(); give the ESM bundle one.
const banner = {
  js: "import { createRequire as __tfgradeCreateRequire } from 'node:module'; const require = __tfgradeCreateRequire(import.meta.url);",
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external,
  banner,
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

/** What @tensorflow/tfjs exports beyond tfjs-core: the sandbox loads core and these on first use (grader/tf/lean.ts). */
function fullOnlyNames() {
  const req = createRequire(`${root}/package.json`);
  const core = req('@tensorflow/tfjs-core');
  return Object.getOwnPropertyNames(req('@tensorflow/tfjs'))
    .filter((k) => !(k in core))
    .sort();
}

/** V8 tuning of the sandbox child and the grader (util/v8-tuning.ts), kept to the flags this Node accepts. */
function v8Tuning() {
  // --interrupt-budget (Node 20's V8; Node 22 and 24 count invocations instead and drop it here): 4x the ticks before
  // a JS function is optimized. A child lives for one submission, and TurboFan compiling tfjs' glue on background
  // threads was ~25% of a child's CPU; with this, ~10% less child CPU per student, and 12% less grader CPU in a batch
  // (docs/benchmarks.md).
  const flags = ['--no-wasm-tier-up', '--interrupt-budget=270336'].filter(
    (f) => spawnSync(process.execPath, [f, '-e', ''], { stdio: 'ignore' }).status === 0,
  );
  return { node: process.version, flags };
}

/**
 * grader/spec/validator.ts, replaced in the CLI bundle by the code ajv generates for grader/spec.schema.json (the
 * same schema: a test fails when the file drifts from the TypeBox model), so no run compiles the schema again.
 */
const precompiledSpecValidator = {
  name: 'precompiled-spec-validator',
  setup(b) {
    b.onLoad({ filter: /spec[\\/]validator\.ts$/ }, () => {
      const req = createRequire(`${root}/package.json`);
      const { Ajv } = req('ajv');
      const standaloneCode = req('ajv/dist/standalone').default;
      const schema = JSON.parse(readFileSync(`${root}/grader/spec.schema.json`, 'utf8'));
      const ajv = new Ajv({ strict: true, allErrors: true, code: { source: true, esm: true } });
      const code = standaloneCode(ajv, ajv.compile(schema));
      return {
        contents: `${code}\nexport function specValidator() { return validate; }\n`,
        loader: 'js',
        resolveDir: `${root}/grader/spec`,
      };
    });
  },
};

/**
 * What this build is made of: grader/ (its code and schemas), package.json and the lock file (the bundled yaml, ajv,
 * TypeBox). The CLI trusts a spec it validated before only under the same build (grader/engine/spec-cache.ts), so any
 * change to a check kind, a rule or a bundled package validates again.
 */
function buildId() {
  const hash = createHash('sha256').update(readFileSync(`${root}/package.json`));
  if (existsSync(`${root}/package-lock.json`)) hash.update(readFileSync(`${root}/package-lock.json`));
  const files = readdirSync(`${root}/grader`, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => `${f.parentPath ?? f.path}/${f.name}`)
    .sort();
  for (const f of files) hash.update(`\0${f.slice(root.length)}\0`).update(readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}

export async function buildAll() {
  // Chunk names carry a content hash: old ones would pile up (and travel in gradescope bundles).
  rmSync(`${root}/dist/chunks`, { recursive: true, force: true });
  const define = { __TFJS_FULL_ONLY__: JSON.stringify(fullOnlyNames()), __V8_TUNING__: JSON.stringify(v8Tuning()) };
  await Promise.all([
    // early.js starts the sandbox before cli.js loads (bin/grade.js); they share the sandbox code through a chunk,
    // so the CLI adopts the very child early.js started.
    build({
      ...common,
      splitting: true,
      plugins: [precompiledSpecValidator],
      define: { __TFGRADE_BUILD__: JSON.stringify(buildId()), __V8_TUNING__: define.__V8_TUNING__ },
      entryPoints: { cli: 'grader/cli/main.ts', early: 'grader/cli/early.ts' },
      outdir: 'dist',
      chunkNames: 'chunks/[name]-[hash]',
    }),
    // The sandbox's lean tfjs: tfjs-core's own ESM modules for gradients and chained ops, bundled like
    // @tensorflow/tfjs bundles them (a copy of the ops they use, registering into the one global engine).
    build({
      ...common,
      external: [],
      banner: {},
      format: 'cjs',
      sourcemap: false,
      entryPoints: { 'tfjs-extras': 'grader/runtime/tfjs-extras.ts' },
      outdir: 'dist/runtime',
      outExtension: { '.js': '.cjs' },
    }),
    // The type-checker's thread (grader/sandbox/typecheck.ts); typescript stays external, loaded only there.
    build({
      ...common,
      entryPoints: { typecheck: 'grader/sandbox/typecheck-worker.ts' },
      outdir: 'dist',
      outExtension: { '.js': '.mjs' },
    }),
    // .mjs: inside the sandbox the package.json that says "type": "module" is not readable.
    build({
      ...common,
      define,
      entryPoints: { worker: 'grader/runtime/worker.ts' },
      outdir: 'dist/runtime',
      outExtension: { '.js': '.mjs' },
    }),
    // The same child with tfjs inside, as one CommonJS file: what a V8 startup snapshot is built from.
    // (It always gets nodeModules, so tf/loader.ts's import.meta.url fallback is never reached there.)
    build({
      ...common,
      define: { ...define, 'import.meta.url': 'undefined' },
      external: [],
      banner: {},
      format: 'cjs',
      sourcemap: false,
      entryPoints: { 'worker-snapshot': 'grader/runtime/snapshot.ts' },
      outdir: 'dist/runtime',
      outExtension: { '.js': '.cjs' },
    }),
  ]);
  await freshSnapshot();
}

/**
 * The sandbox child's heap with tfjs loaded (runtime/snapshot.ts), for the Node that builds; the code that builds it is
 * the product's own (grader/sandbox/snapshot.ts), taken from the bundle just built.
 */
async function freshSnapshot() {
  const { rebuildSnapshot } = await import(`${pathToFileURL(`${root}/dist/early.js`).href}?t=${Date.now()}`);
  const error = rebuildSnapshot(`${root}/dist/runtime`);
  if (error)
    console.warn(
      `tfgrade build: no startup snapshot for the sandbox (it will start without one, ~100 ms slower): ${error}`,
    );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildAll();
