// The JSON Schemas shipped in grader/ (spec.schema.json, report.schema.json), derived from the TypeBox models.
import { ExerciseSpec } from './model.js';
import { Report } from '../model/report.js';

/** File name in grader/ -> schema. JSON.stringify drops TypeBox's symbol keys, leaving plain JSON Schema. */
export const SHIPPED_SCHEMAS: Record<string, unknown> = {
  'spec.schema.json': { $schema: 'http://json-schema.org/draft-07/schema#', ...ExerciseSpec },
  'report.schema.json': { $schema: 'http://json-schema.org/draft-07/schema#', ...Report },
};

export function schemaText(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
