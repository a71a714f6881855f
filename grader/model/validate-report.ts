// Validates a JSON report against the shipped report schema (tests validate every report they produce; LMS glue can too).
import { Ajv, type ValidateFunction } from 'ajv';
import { Report } from './report.js';

/**
 * A strict validator of one of the model's schemas, compiled on first use. date-time is the only format they use; a
 * regex keeps ajv strict without the ajv-formats package.
 */
export function strictValidator(schema: object): () => ValidateFunction {
  let compiled: ValidateFunction | undefined;
  return () =>
    (compiled ??= new Ajv({
      strict: true,
      allErrors: true,
      formats: { 'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/ },
    }).compile(schema));
}

const reportValidator = strictValidator(Report);

export function reportErrors(report: unknown): string[] {
  const compiled = reportValidator();
  return compiled(report) ? [] : (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}
