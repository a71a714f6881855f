// The tfjs floor's process: what any grader of these solutions must do at the least, and nothing more: start Node,
// load TensorFlow.js on the backend the grader uses, load the solutions, and call every export on every case the
// grader runs (public and hidden). No sandbox, no checks, no report. argv: <work dir> <backend> <id..>
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [work, backend, ...ids] = process.argv.slice(2);
const require = createRequire(join(fileURLToPath(new URL('../..', import.meta.url)), 'package.json'));
const tf = require('@tensorflow/tfjs');
if (backend === 'wasm') require('@tensorflow/tfjs-backend-wasm');
await tf.setBackend(backend);
await tf.ready();
for (const id of ids) {
  // Prebuilt by floor.mjs (esbuild, CommonJS, packages external), as the grader compiles them.
  const solution = require(join(work, `${id}.solution.cjs`));
  const reference = require(join(work, `${id}.reference.cjs`));
  for (const [part, make] of [
    ...Object.entries(reference.cases ?? {}),
    ...Object.entries(reference.hiddenCases ?? {}),
  ]) {
    for (const c of make(tf)) {
      const value = await solution[part](...c.args);
      // The grader reads each value out of the tensor world; so does the floor.
      if (value instanceof tf.Tensor) await value.data();
    }
  }
  for (const [_name, value] of Object.entries(solution)) if (typeof value !== 'function') JSON.stringify(value);
}
