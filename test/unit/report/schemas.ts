// Strict ajv validators for the LMS formats, from the JSON Schemas in test/schemas/ (written from the public docs).
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

const load = (name: string): object =>
  JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as object;

// AGS: "ISO 8601 with a sub-second precision"; a zone is required so the platform can order scores.
const ajv = new Ajv({
  strict: true,
  allErrors: true,
  formats: { 'iso8601-subsecond': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+(Z|[+-]\d\d:\d\d)$/ },
});
const gradescope = ajv.compile(load('gradescope-results.schema.json'));
const lti = ajv.compile(load('lti-score.schema.json'));

const errors = (v: typeof gradescope, data: unknown): string[] =>
  v(data) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);

export const gradescopeErrors = (data: unknown): string[] => errors(gradescope, data);
export const ltiErrors = (data: unknown): string[] => errors(lti, data);
