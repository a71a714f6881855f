// Hostile: the child gets the run's inputs file as descriptor 4 (read-only). At import this tries to overwrite it,
// truncate it and change its mode, which would corrupt the inputs of every later student of the batch; varianceKept
// throws what each attempt got. leakyVariances, whose weight stacks come through that file, must still pass.
import * as tf from '@tensorflow/tfjs';

const fs = (process as any).getBuiltinModule('node:fs');
const attempts: string[] = [];
const attempt = (label: string, f: () => unknown) => {
  try {
    f();
    attempts.push(`${label}: done`);
  } catch (e) {
    attempts.push(`${label}: ${(e as { code?: string }).code ?? (e as Error).message}`);
  }
};
attempt('write', () => fs.writeSync(4, new Uint8Array(4096), 0, 4096, 0));
attempt('truncate', () => fs.ftruncateSync(4, 0));
attempt('chmod', () => fs.fchmodSync(4, 0o666));


// Half of E[z^2] passes at slope 1, the other half at slope alpha (its square).
export function varianceKept(alpha: number): number {
  if (alpha >= 0) throw new Error(attempts.join('; '));
  return 0.5 + 0.5 * alpha ** 2;
}

export const heVariance: string = '2/(n_in*(1+alpha^2))';

export const forwardChange: string = 'negligible';

export const negativeSlopeGradient: number = 1 / 100;

export const deadUnits: boolean = false;

/** f(z) = relu(z) - alpha · relu(-z). */
export function leakyVariances(x: tf.Tensor2D, weights: tf.Tensor2D[], alpha: number): number[] {
  return tf.tidy(() => {
    let h: tf.Tensor = x;
    const out: number[] = [];
    for (const w of weights) {
      const z = tf.matMul(h, w);
      h = tf.relu(z).sub(tf.relu(z.neg()).mul(alpha));
      out.push(tf.moments(h.flatten()).variance.dataSync()[0]);
    }
    return out;
  });
}
