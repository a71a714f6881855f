// `npm run native -- --from <tensorflow wheel | libtensorflow folder>`: builds @tensorflow/tfjs-node's binding against a
// TensorFlow C library already on disk, with npm's own node-gyp, so no download is needed (air-gapped labs, ARM64, CI).
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PKG = '@tensorflow/tfjs-node';
const HELP = `Usage: npm run native -- --from <path> [--force]

Builds the native TensorFlow backend (${PKG}) from a TensorFlow C library on this machine, without the
download its install script makes. <path> is either:
  - a tensorflow (or tensorflow_cpu) wheel, e.g. tensorflow_cpu-2.21.0-cp311-cp311-manylinux_2_27_x86_64.whl
  - a libtensorflow folder with lib/libtensorflow*.so* and include/tensorflow/c/ (the official C library archive, unpacked)
Then: npx grade p3 --backend tensorflow (the native backend runs only under bubblewrap isolation).
  --force   rebuild even when a working binding is already there`;

/** Wheel members the binding needs, and where they go under deps/ (TF 2.21's tf_status.h includes xla/tsl/c). */
const WANTED = [
  { from: /^tensorflow\/(libtensorflow_cc\.so\.2|libtensorflow_framework\.so\.2)$/, to: (m) => `lib/${m[1]}` },
  { from: /^tensorflow\/include\/((tensorflow\/c|xla\/tsl\/c|xla\/c)\/.+\.h)$/, to: (m) => `include/${m[1]}` },
  {
    from: /^tensorflow\/include\/((tensorflow\/core|tsl|tensorflow\/tsl)\/platform\/ctstring[a-z_]*\.h)$/,
    to: (m) => `include/${m[1]}`,
  },
];

function fail(message) {
  console.error(`error[NATIVE_BUILD] ${message}`);
  process.exit(2);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) fail(`${[cmd, ...args].join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})`);
}

/** The version package.json asks for, installed without its install script (that script is the download). */
function ensurePackage() {
  const req = createRequire(join(ROOT, 'package.json'));
  try {
    return dirname(req.resolve(`${PKG}/package.json`));
  } catch {
    const want = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).optionalDependencies?.[PKG] ?? 'latest';
    const version = JSON.parse(readFileSync(join(ROOT, 'node_modules/@tensorflow/tfjs/package.json'), 'utf8')).version;
    console.log(`installing ${PKG}@${version} (${want} in package.json) without its install script…`);
    run(
      npmCli().node,
      [npmCli().cli, 'install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `${PKG}@${version}`],
      { cwd: ROOT },
    );
    return dirname(createRequire(join(ROOT, 'package.json')).resolve(`${PKG}/package.json`));
  }
}

/** npm and its bundled node-gyp, next to the Node running this script (or npm_execpath under `npm run`). */
function npmCli() {
  const candidates = [
    process.env.npm_execpath,
    join(dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js'),
    '/usr/lib/node_modules/npm/bin/npm-cli.js',
  ];
  const cli = candidates.find((c) => c?.endsWith('.js') && existsSync(c));
  if (!cli) fail('cannot find npm-cli.js (run this through `npm run native`)');
  return { node: process.execPath, cli, gyp: join(dirname(cli), '../node_modules/node-gyp/bin/node-gyp.js') };
}

async function fromWheel(wheel, deps) {
  const pending = [];
  await new Promise((done, reject) => {
    const unzip = new Unzip((file) => {
      const rule = WANTED.map((w) => ({ w, m: w.from.exec(file.name) })).find((x) => x.m);
      if (!rule) return;
      const dest = join(deps, rule.w.to(rule.m));
      mkdirSync(dirname(dest), { recursive: true });
      const out = createWriteStream(dest);
      pending.push(new Promise((ok, bad) => out.on('close', ok).on('error', bad)));
      file.ondata = (err, chunk, final) => {
        if (err) return reject(err);
        out.write(chunk);
        if (final) out.end();
      };
      file.start();
    });
    unzip.register(UnzipInflate);
    unzip.register(UnzipPassThrough);
    createReadStream(wheel)
      .on('data', (b) => unzip.push(b))
      .on('end', () => {
        unzip.push(new Uint8Array(0), true);
        done();
      })
      .on('error', reject);
  });
  await Promise.all(pending);
}

/** Real files in deps/ (hard links when on the same disk): bubblewrap shows the sandbox node_modules only. */
function fromFolder(dir, deps) {
  const lib = join(dir, 'lib');
  const libs = existsSync(lib) ? readdirSync(lib).filter((n) => /^libtensorflow(_cc|_framework)?\.so\.2$/.test(n)) : [];
  if (!libs.length || !existsSync(join(dir, 'include/tensorflow/c/c_api.h')))
    fail(`${dir} has no lib/libtensorflow*.so.2 and include/tensorflow/c/c_api.h`);
  const place = (from, to) => {
    mkdirSync(dirname(to), { recursive: true });
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
  };
  for (const n of libs) place(join(lib, n), join(deps, 'lib', n));
  const walk = (rel) => {
    for (const e of readdirSync(join(dir, 'include', rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.name.endsWith('.h')) place(join(dir, 'include', r), join(deps, 'include', r));
    }
  };
  walk('');
}

/** -ltensorflow and -ltensorflow_framework at link time; links inside deps/lib itself, which the sandbox sees. */
function linkNames(deps) {
  const lib = join(deps, 'lib');
  const main = existsSync(join(lib, 'libtensorflow_cc.so.2')) ? 'libtensorflow_cc.so.2' : 'libtensorflow.so.2';
  for (const [name, target] of [
    ['libtensorflow.so', main],
    ['libtensorflow_framework.so', 'libtensorflow_framework.so.2'],
  ]) {
    rmSync(join(lib, name), { force: true });
    symlinkSync(target, join(lib, name));
  }
}

/** Loads the package in a fresh Node and runs one op on it: the proof that the binding and the library work. */
function verify() {
  const probe =
    `const tf = require('${PKG}'); const y = tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).dataSync(); ` +
    `if (tf.getBackend() !== 'tensorflow' || y[0] !== 3) throw new Error('wrong result'); console.log('native backend works: tfjs-node ' + tf.version['tfjs-node'] + ', ' + tf.getBackend());`;
  return spawnSync(process.execPath, ['-e', probe], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' },
  });
}

async function main() {
  const { values: o } = parseArgs({
    options: { from: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (o.help) return console.log(HELP);
  if (!o.from) fail('--from <tensorflow wheel | libtensorflow folder> is required (see --help)');
  if (process.platform !== 'linux')
    fail('the local build is written for Linux (macOS and Windows get prebuilt binaries from the regular install)');
  const from = resolve(o.from);
  if (!existsSync(from)) fail(`${o.from} does not exist`);
  const pkg = ensurePackage();
  const binding = join(pkg, 'lib/napi-v8/tfjs_binding.node');
  if (!o.force && existsSync(binding) && verify().status === 0)
    return console.log(`${PKG} is already built (${binding}); --force rebuilds it`);
  const deps = join(pkg, 'deps');
  rmSync(deps, { recursive: true, force: true });
  const t0 = Date.now();
  if (statSync(from).isDirectory()) fromFolder(from, deps);
  else if (from.endsWith('.whl')) await fromWheel(from, deps);
  else fail(`${o.from} is neither a .whl file nor a folder`);
  if (!existsSync(join(deps, 'include/tensorflow/c/eager/c_api.h')))
    fail(`${o.from} holds no TensorFlow C headers (include/tensorflow/c/eager/c_api.h)`);
  linkNames(deps);
  console.log(
    `unpacked the TensorFlow C library into ${deps} (${((Date.now() - t0) / 1000).toFixed(1)} s); compiling the binding…`,
  );
  const { gyp } = npmCli();
  // Node's headers: next to this Node, or where npm is told they are (N-API: any Node >= 12 builds the same binary).
  const nodedir = [resolve(dirname(process.execPath), '..'), process.env.npm_config_nodedir, '/usr', '/usr/local'].find(
    (d) => d && existsSync(join(d, 'include/node/node_api.h')),
  );
  if (!nodedir)
    fail(
      'no Node headers (include/node/node_api.h) next to this Node or in /usr: install them (e.g. apt-get install libnode-dev)',
    );
  run(
    process.execPath,
    [
      gyp,
      'rebuild',
      `--nodedir=${nodedir}`,
      '--module_name=tfjs_binding',
      `--module_path=${join(pkg, 'lib/napi-v8')}`,
      '--napi_build_version=8',
    ],
    { cwd: pkg },
  );
  const v = verify();
  if (v.status !== 0)
    fail(`the binding was built but does not load:\n${(v.stderr || v.stdout).trim().split('\n').slice(-5).join('\n')}`);
  process.stdout.write(v.stdout);
}

await main();
