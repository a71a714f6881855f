// Which reference inputs came from a seeded tf.randomNormal: a release ships their recipe instead of their floats.
import { createHash } from 'node:crypto';
import type { Tf } from '../model/reference.js';
import type { NormalRecipe } from '../model/seeded-normal.js';

/** sha256 of a tensor's float32 bytes -> how it was drawn. Hashes and a few numbers: small, whatever the tensors. */
const RECIPES = new Map<string, NormalRecipe>();

const digest = (data: Float32Array): string =>
  createHash('sha256')
    .update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    .digest('hex');

/**
 * The `tf` a reference's case factories receive: the same, except that a seeded float32 randomNormal notes its
 * recipe (tfjs draws those in JS, whatever the backend, so the seed determines every bit).
 */
export function recordingTf(tf: Tf): Tf {
  const randomNormal: Tf['randomNormal'] = (shape, mean = 0, stdDev = 1, dtype, seed) => {
    const t = tf.randomNormal(shape, mean, stdDev, dtype, seed);
    if (
      (dtype === undefined || dtype === 'float32') &&
      typeof seed === 'number' &&
      seed !== 0 &&
      Number.isFinite(seed)
    ) {
      RECIPES.set(digest(t.dataSync() as Float32Array), { shape: [...t.shape], mean, stdDev, seed });
    }
    return t;
  };
  return { ...tf, randomNormal } as Tf;
}

/** The recipe of a tensor a case factory drew in this process, if any (a candidate: the caller checks it). */
export const recipeOf = (data: Float32Array): NormalRecipe | undefined => RECIPES.get(digest(data));
