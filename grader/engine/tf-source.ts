// The grader's own TensorFlow.js, loaded lazily (a fully cached course never needs it) on the backend the sandbox uses.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadTf, type LoadedTf } from '../protocol/tf-loader.js';
import type { BackendChoice } from '../protocol/messages.js';
import { TfgradeError } from '../util/errors.js';

const require = createRequire(import.meta.url);
const NATIVE = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

export const isKernelMissing = (e: unknown): boolean => /Kernel '.*' not registered for backend/.test(String((e as Error)?.message ?? e));

/** Installed AND built: npm can install tfjs-node yet skip (or fail) the script that fetches libtensorflow. */
function resolvable(pkg: string): boolean {
  try {
    const lib = join(dirname(require.resolve(`${pkg}/package.json`)), 'lib');
    return readdirSync(lib).some((d) => d.startsWith('napi-v') && existsSync(join(lib, d, 'tfjs_binding.node')));
  } catch {
    return false;
  }
}

/** 'auto' picks tensorflow when a native package is installed, else wasm (a dependency, always present). */
export function resolveBackend(want: BackendChoice | 'auto'): { backend: BackendChoice; pkg: string } {
  const native = NATIVE.find(resolvable);
  if (want === 'tensorflow' || (want === 'auto' && native)) {
    if (!native) {
      throw new TfgradeError('BACKEND_UNAVAILABLE', 'the tensorflow backend needs @tensorflow/tfjs-node with its native library, which is not installed',
        'run `npm install @tensorflow/tfjs-node` (its install script downloads libtensorflow; npm 11 may ask you to approve it), or use --backend wasm');
    }
    return { backend: 'tensorflow', pkg: native };
  }
  const backend = want === 'auto' ? 'wasm' : want;
  return { backend, pkg: backend === 'wasm' ? '@tensorflow/tfjs-backend-wasm' : '@tensorflow/tfjs' };
}

export class TfSource {
  readonly tfjsVersion: string = (require('@tensorflow/tfjs/package.json') as { version: string }).version;
  private loading?: Promise<LoadedTf>;
  /** Case labels whose expected value had to be computed on cpu (wasm lacks a kernel). */
  readonly cpuFallbacks: string[] = [];

  constructor(readonly backend: BackendChoice, readonly pkg: string) {}

  load(): Promise<LoadedTf> {
    this.loading ??= loadTf(this.backend).catch((e: Error) => {
      throw new TfgradeError('BACKEND_UNAVAILABLE', `cannot start the ${this.backend} backend: ${e.message}`, 'try --backend wasm or --backend cpu');
    });
    return this.loading;
  }

  /** wasm lacks some kernels (e.g. the gradient of gather): compute that one case on cpu, as the sandbox will. */
  async withCpuFallback<T>(f: () => T): Promise<T> {
    const { tf } = await this.load();
    try {
      return f();
    } catch (e) {
      if (!isKernelMissing(e) || this.backend === 'cpu') throw e;
      await tf.setBackend('cpu');
      try {
        return f();
      } finally {
        await tf.setBackend(this.backend);
      }
    }
  }
}
