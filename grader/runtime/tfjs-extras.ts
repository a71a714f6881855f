// What @tensorflow/tfjs adds to tfjs-core when it loads: gradients (tf.grad, optimizers) and chained tensor methods
// (x.add(y)). Bundled by scripts/build.mjs into dist/runtime/tfjs-extras.cjs; the lean sandbox tfjs requires it.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
