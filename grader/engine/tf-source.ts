// The grader's own TensorFlow.js, loaded lazily (a fully cached course never needs it) on the backend the sandbox uses.
import { createRequire } from 'node:module';
import { isKernelMissing, loadTf, type LoadedTf } from '../tf/loader.js';
import type { BackendChoice } from '../model/report.js';
import { TfgradeError } from '../util/errors.js';

const require = createRequire(import.meta.url);

export class TfSource {
  readonly tfjsVersion: string = (require('@tensorflow/tfjs/package.json') as { version: string }).version;
  private loading?: Promise<LoadedTf>;
  /** Case labels whose expected value had to be computed on cpu (wasm lacks a kernel). */
  readonly cpuFallbacks: string[] = [];

  constructor(
    readonly backend: BackendChoice,
    readonly pkg: string,
  ) {}

  load(): Promise<LoadedTf> {
    this.loading ??= loadTf(this.backend).catch((e: Error) => {
      throw new TfgradeError(
        'BACKEND_UNAVAILABLE',
        `cannot start the ${this.backend} backend: ${e.message}`,
        'try --backend wasm or --backend cpu',
      );
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
