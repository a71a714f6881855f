// The tfjs floor's process: what any grader of these solutions must do at the least, and nothing more: start Node,
// load TensorFlow.js on the backend the grader uses, load the solutions, and call every export on every case the
// grader runs (public and hidden), from inputs computed beforehand (as the grader's cache holds them). No sandbox, no
// checks, no report. argv: <work dir> <backend> <id..>
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [work, backend, ...ids] = process.argv.slice(2);
const require = createRequire(join(fileURLToPath(new URL('../..', import.meta.url)), 'package.json'));
const tf = require('@tensorflow/tfjs');
if (backend === 'wasm') require('@tensorflow/tfjs-backend-wasm');
await tf.setBackend(backend);
await tf.ready();
const ARRAYS = { float32: Float32Array, int32: Int32Array, bool: Uint8Array };
/** An input as floor.mjs wrote it: a tensor as { tensor: { shape, dtype, base64 } }, anything else as it is. */
function revive(a) {
  if (Array.isArray(a)) return a.map(revive);
  if (!(a && typeof a === 'object' && 'tensor' in a)) return a;
  const bytes = Buffer.from(a.tensor.base64, 'base64');
  const Typed = ARRAYS[a.tensor.dtype];
  const values = new Typed(bytes.buffer, bytes.byteOffset, bytes.byteLength / Typed.BYTES_PER_ELEMENT);
  return tf.tensor(values, a.tensor.shape, a.tensor.dtype);
}
for (const id of ids) {
  const solution = require(join(work, `${id}.solution.cjs`));
  const parts = JSON.parse(readFileSync(join(work, `${id}.inputs.json`), 'utf8'));
  for (const [part, cases] of Object.entries(parts)) {
    for (const args of cases) {
      const value = await solution[part](...args.map(revive));
      // The grader reads each value out of the tensor world; so does the floor.
      if (value instanceof tf.Tensor) await value.data();
    }
  }
  for (const value of Object.values(solution)) if (typeof value !== 'function') JSON.stringify(value);
}
