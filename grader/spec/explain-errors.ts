// Turns one ajv error into a spec problem a course author can act on: a dotted JSON path, what is wrong, and the fix.
import type { ErrorObject } from 'ajv';
import type { SpecProblem } from '../util/errors.js';

/** '/parts/2/check/rtol' -> 'parts[2].check.rtol' (how authors think of a YAML path). */
export function dottedPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

export function explainAjvError(e: ErrorObject): Omit<SpecProblem, 'file'> {
  const path = dottedPath(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return {
        path: join(path, String(p.additionalProperty)),
        message: `unknown field '${p.additionalProperty}'`,
        fix: 'remove it or fix its spelling (see grader/spec.schema.json)',
      };
    case 'required':
      return { path, message: `missing field '${p.missingProperty}'`, fix: `add ${p.missingProperty}: …` };
    case 'kind':
      return {
        path: join(path, 'kind'),
        message: 'unknown check kind',
        fix: `use one of: ${(p.allowed as string[]).join(', ')}`,
      };
    case 'const':
      return { path, message: `must be '${p.allowedValue}'`, fix: `set it to ${p.allowedValue}` };
    case 'anyOf':
      return {
        path,
        message: 'is not one of the allowed values',
        fix: 'see the allowed values in grader/spec.schema.json',
      };
    case 'type':
      return { path, message: `must be ${p.type}`, fix: `write a ${p.type} here` };
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return { path, message: `must be ${p.comparison} ${p.limit}`, fix: `use a value ${p.comparison} ${p.limit}` };
    case 'pattern':
      return {
        path,
        message: `does not match ${p.pattern}`,
        fix: 'use lower-case words joined by dashes for ids, identifiers for export names',
      };
    case 'minItems':
    case 'minLength':
      return {
        path,
        message: `needs at least ${p.limit} ${e.keyword === 'minItems' ? 'items' : 'characters'}`,
        fix: 'fill it in',
      };
    default:
      return { path, message: e.message ?? e.keyword, fix: 'see grader/spec.schema.json' };
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
