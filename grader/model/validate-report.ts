// Validates a JSON report against the shipped report schema (tests validate every report they produce; LMS glue can too).
import { Ajv } from 'ajv';
import { Report } from './report.js';

let compiled: ReturnType<Ajv['compile']> | undefined;

export function reportErrors(report: unknown): string[] {
  // date-time is the only format the schema uses; a regex keeps ajv strict without the ajv-formats package.
  compiled ??= new Ajv({
    strict: true,
    allErrors: true,
    formats: { 'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/ },
  }).compile(Report);
  return compiled(report) ? [] : (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}
