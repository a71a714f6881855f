// Hostile: values built to fool a serializer or a second read: valueOf/toJSON that claim the right number, a thrown
// Proxy whose every trap throws, and a real tensor dressed up with an instance dataSync and shape getter that report
// the right statistics while the data underneath is zeros. The grader reads each value once, through tfjs' own
// prototype methods captured before student code ran.
import * as tf from "@tensorflow/tfjs";

export const std: unknown = { valueOf: () => 0.125, toJSON: () => 0.125, toString: () => "0.125", [Symbol.toPrimitive]: () => 0.125 };

const trap = () => { throw new Error("trap"); };
export function heStd(fanIn: number): number {
  throw new Proxy({}, { get: trap, getPrototypeOf: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap });
}

export function heNormal(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  const honest = tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), "float32", seed);
  const real = honest.dataSync();
  const fake = tf.zeros([fanOut, fanIn]) as any; // wrong shape and all zeros underneath
  let reads = 0;
  Object.defineProperty(fake, "shape", { get: () => (reads++ === 0 ? [fanIn, fanOut] : [fanOut, fanIn]) });
  fake.dataSync = () => real;
  fake.arraySync = () => honest.arraySync();
  return fake;
}
