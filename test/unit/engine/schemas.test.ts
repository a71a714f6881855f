// The JSON Schemas shipped in grader/ are exactly what the TypeBox models generate (run `npm run generate` after a change).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHIPPED_SCHEMAS, schemaText } from '../../../grader/spec/schemas.js';

describe('shipped JSON Schemas', () => {
  it.each(Object.keys(SHIPPED_SCHEMAS))('grader/%s is up to date', (name) => {
    const shipped = readFileSync(new URL(`../../../grader/${name}`, import.meta.url), 'utf8');
    expect(shipped).toBe(schemaText(SHIPPED_SCHEMAS[name]));
  });
});
