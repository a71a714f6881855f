// Hostile: plays with the tensors the harness passes in. tent hands back its input tensor itself; sawtooth disposes
// its input after use (the harness disposes it again). countPieces answers -0, -Infinity, NaN, Infinity, which must
// cross the boundary as they are (the report shows "got -0"). The harness must not trip over a double dispose or an
// aliased value, and the honest parts are graded as usual.
import * as tf from '@tensorflow/tfjs';

export function shallowUnits(k: number): number {
  return 2 ** k;
}

export function tent(x: tf.Tensor1D): tf.Tensor1D {
  return x;
}

export function sawtooth(x: tf.Tensor1D, k: number): tf.Tensor1D {
  const once = (t: tf.Tensor1D) => tf.sub(tf.mul(2, tf.relu(t)), tf.mul(4, tf.relu(tf.sub(t, 0.5)))) as tf.Tensor1D;
  const y = tf.tidy(() => {
    let out: tf.Tensor1D = x;
    for (let i = 0; i < k; i++) out = once(out);
    return out === x ? tf.clone(x) : out;
  });
  x.dispose();
  x.dispose();
  return y;
}

export function countPieces(k: number): number {
  return [-0, -Infinity, NaN][k - 1] ?? Infinity;
}

export const argument: string = 'depth-exponentially-efficient';
