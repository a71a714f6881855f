// How --backend becomes the backend that runs: what is installed, what the isolation level allows, what measured
// fastest. The rules are pure (chooseBackend); nativeInstalls reads the disk.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BackendChoice, SandboxLevel } from '../model/report.js';
import { TfgradeError } from '../util/errors.js';

export type BackendRequest = BackendChoice | 'auto';

/** A native package found in node_modules; `problem` says why it cannot work (absent: its files are all there). */
export interface NativeInstall {
  pkg: '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node';
  problem?: string;
}

export interface BackendPick {
  name: BackendChoice;
  /** The npm package that provides it. */
  pkg: string;
  requested: BackendRequest;
  /** Why this backend runs, for the report (backend.reason). */
  reason: string;
}

const PACKAGE_OF: Record<Exclude<BackendChoice, 'tensorflow'>, string> = {
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs',
};
const BUILD_HINT =
  'build it from a local TensorFlow with `npm run native -- --from <tensorflow wheel or libtensorflow folder>`, or `npm install @tensorflow/tfjs-node` where its download works; or use --backend wasm';

/**
 * The policy (README, Backends): student code runs on the native backend only under bubblewrap, because TensorFlow's
 * own file ops (ReadFile, WriteFile) and --allow-addons bypass Node's permission model. `auto` picks a GPU build where
 * one is installed, and wasm otherwise: on CPU, wasm grades these exercises faster than tfjs-node (the bench's backend
 * table: the native library's start-up dominates small tensors). `studentCode: false` (validate) runs references only.
 */
export function chooseBackend(
  want: BackendRequest,
  level: SandboxLevel,
  natives: NativeInstall[],
  studentCode = true,
): BackendPick {
  if (want === 'wasm' || want === 'cpu')
    return { name: want, pkg: PACKAGE_OF[want], requested: want, reason: `asked for with --backend ${want}` };
  const usable = natives.find((n) => !n.problem);
  const broken = natives.filter((n) => n.problem).map((n) => `${n.pkg} is installed but cannot work: ${n.problem}`);
  const unsafe = studentCode && level === 'basic';
  if (want === 'tensorflow') {
    if (!usable) {
      throw new TfgradeError(
        'BACKEND_UNAVAILABLE',
        broken.length
          ? `the tensorflow backend is unavailable: ${broken.join('; ')}`
          : 'the tensorflow backend needs @tensorflow/tfjs-node, which is not installed',
        BUILD_HINT,
      );
    }
    if (unsafe) {
      throw new TfgradeError(
        'BACKEND_UNSAFE',
        "the native tensorflow backend cannot run student code at the basic isolation level: TensorFlow's own file operations and native addons bypass Node's permission model (a solution could read reference/ or write files)",
        'install bubblewrap (apt-get install bubblewrap) and leave --sandbox at auto, or use --backend wasm',
      );
    }
    return { name: 'tensorflow', pkg: usable.pkg, requested: want, reason: 'asked for with --backend tensorflow' };
  }
  const gpu = natives.find((n) => n.pkg === '@tensorflow/tfjs-node-gpu' && !n.problem);
  if (gpu && !unsafe)
    return {
      name: 'tensorflow',
      pkg: gpu.pkg,
      requested: 'auto',
      reason: 'auto: a GPU build of the native backend (@tensorflow/tfjs-node-gpu) is installed',
    };
  const why = gpu
    ? 'the GPU backend runs student code only under bubblewrap, and this run is at the basic isolation level'
    : usable
      ? `${usable.pkg} is installed, but wasm grades these exercises faster on CPU (README, Backends); --backend tensorflow uses it`
      : broken.length
        ? broken.join('; ')
        : 'no native backend is installed';
  return { name: 'wasm', pkg: PACKAGE_OF.wasm, requested: 'auto', reason: `auto: wasm (${why})` };
}

/** Files the binding loads at run time, by platform (tfjs-node's binding.gyp links them from deps/lib). */
const LIBRARIES: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['libtensorflow.so', 'libtensorflow_framework.so'],
  darwin: ['libtensorflow.2.dylib', 'libtensorflow_framework.2.dylib'],
  win32: ['tensorflow.dll'],
};

/**
 * The native packages installed in the course, and whether their files are all there. npm can install tfjs-node yet
 * skip (npm 11's script approval) or fail the script that fetches libtensorflow, leaving a package without a binding,
 * or a binding whose library is gone. Loading it to find out costs ~0.5 s, so this looks at the files only.
 */
export function nativeInstalls(root: string, platform: NodeJS.Platform = process.platform): NativeInstall[] {
  const req = createRequire(join(root, 'package.json'));
  const out: NativeInstall[] = [];
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const) {
    let dir: string;
    try {
      dir = dirname(req.resolve(`${pkg}/package.json`));
    } catch {
      continue;
    }
    const lib = join(dir, 'lib');
    const built =
      existsSync(lib) &&
      readdirSync(lib).some((d) => d.startsWith('napi-v') && existsSync(join(lib, d, 'tfjs_binding.node')));
    const missing = (LIBRARIES[platform] ?? []).filter((f) => !existsSync(join(dir, 'deps', 'lib', f)));
    out.push({
      pkg,
      ...(!built
        ? {
            problem:
              'its native binding was never built (the install script that downloads libtensorflow was skipped or failed)',
          }
        : missing.length
          ? { problem: `its binding is built but deps/lib/${missing.join(', deps/lib/')} is missing` }
          : {}),
    });
  }
  return out;
}
