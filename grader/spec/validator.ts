// The ExerciseSpec validator. From source (tests) ajv compiles it here; the bundled CLI gets code ajv generated at
// build time instead (scripts/build.mjs, ajv standalone): compiling the schema cost ~65 ms on every run.
import { Ajv, type ValidateFunction } from 'ajv';
import { ExerciseSpec } from './model.js';

let compiled: ValidateFunction | undefined;

export function specValidator(): ValidateFunction {
  return (compiled ??= new Ajv({ strict: true, allErrors: true }).compile(ExerciseSpec));
}
