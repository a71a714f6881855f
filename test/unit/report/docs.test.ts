// docs/report-format.md stays true: its worked example is a valid report, and every field of the schema is explained.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Report, REPORT_SCHEMA_VERSION } from '../../../grader/model/report.js';
import { reportErrors } from '../../../grader/model/validate-report.js';

const doc = readFileSync(new URL('../../../docs/report-format.md', import.meta.url), 'utf8');
/** Names of the properties of a TypeBox object schema (what the docs' tables must cover). */
const keys = (schema: { properties: Record<string, unknown> }): string[] => Object.keys(schema.properties);

describe('docs/report-format.md', () => {
  it('has a worked example that validates against the report schema', () => {
    const m = /### Worked example[\s\S]*?```json\n([\s\S]*?)\n```/.exec(doc);
    expect(m).not.toBeNull();
    const example = JSON.parse(m![1]);
    expect(reportErrors(example)).toEqual([]);
    expect(example.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
  });

  it('states the current schema version and points to the schema file', () => {
    expect(doc).toContain(`schemaVersion ${REPORT_SCHEMA_VERSION}`);
    expect(doc).toContain('grader/report.schema.json');
  });

  it('the README states the current schema version too', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect([...readme.matchAll(/`schemaVersion` is `([^`]+)`/g)].map((m) => m[1])).toEqual([REPORT_SCHEMA_VERSION]);
  });

  const exercise = Report.properties.exercises.items;
  const part = exercise.properties.parts.items;
  const kase = part.properties.cases.items;
  it.each([
    ['report', keys(Report)],
    ['exercise', keys(exercise)],
    ['part', keys(part)],
    ['case', keys(kase)],
  ])('explains every %s field', (_level, fields) => {
    for (const f of fields) expect([f, doc.includes(`\`${f}\``) || doc.includes(`\`${f}.`)]).toEqual([f, true]);
  });
});
