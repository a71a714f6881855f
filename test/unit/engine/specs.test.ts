// Spec validation: every problem names the file, the JSON path and a fix; all problems are collected before anything runs.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecs, parseSpec } from '../../../grader/spec/load.js';
import { TfgradeError } from '../../../grader/util/errors.js';

const good = readFileSync(new URL('../../../exercises/he-init.yaml', import.meta.url), 'utf8');
const edit = (from: string, to: string) => {
  expect(good).toContain(from);
  return good.replace(from, to);
};

describe('parseSpec', () => {
  it('accepts the shipped he-init spec', () => {
    const r = parseSpec(good, 'he-init.yaml', 'exercises/he-init.yaml');
    expect(r.problems).toEqual([]);
    expect(r.spec?.parts.map((p) => p.id)).toEqual(['std', 'heStd', 'heNormal']);
  });

  it.each([
    [
      'negative tolerance',
      edit('rtol: 1.0e-6, atol: 1.0e-9, why: closed form', 'rtol: -1, atol: 1.0e-9, why: closed form'),
      'parts[1].check.rtol',
    ],
    ['unknown field', edit('    mode: value\n', '    mode: value\n    pionts: 3\n'), 'parts[0].pionts'],
    ['unknown check kind', edit('kind: statistical', 'kind: statistic'), 'parts[2].check.kind'],
    ['missing field', edit('    points: 2\n', ''), 'parts[2]'],
    ['wrong mode', edit('    mode: value\n', '    mode: read\n'), 'parts[0].mode'],
    ['id differs from file name', edit('id: he-init', 'id: he-initialization'), 'id'],
    ['duplicate part id', edit('  - id: heStd', '  - id: std'), 'parts[1].id'],
    [
      'a comma splits an unquoted flow value',
      edit(
        "why: 'exact arithmetic, so the default number tolerance'",
        'why: exact arithmetic, so the default number tolerance',
      ),
      'parts[0].check.so the default number tolerance',
    ],
  ])('%s -> a problem at %s', (_name, text, path) => {
    const r = parseSpec(text, 'he-init.yaml', 'exercises/he-init.yaml');
    expect(r.spec).toBeUndefined();
    expect(r.problems.map((p) => p.path)).toContain(path);
    for (const p of r.problems) {
      expect(p.file).toBe('exercises/he-init.yaml');
      expect(p.fix).toBeTruthy();
    }
  });

  it('reports one problem, not one per check kind, for a bad field inside a check', () => {
    const r = parseSpec(edit('sigmas: 5', 'sigmas: -5'), 'he-init.yaml', 'x.yaml');
    expect(r.problems).toHaveLength(1);
  });

  it('turns a YAML syntax error into a problem', () => {
    const r = parseSpec('id: [unclosed', 'x.yaml', 'x.yaml');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].path).toBe('');
  });
});

describe('loadSpecs', () => {
  it('collects the problems of every file into one SPEC_INVALID error', () => {
    const root = mkdtempSync(join(tmpdir(), 'tfgrade-specs-'));
    mkdirSync(join(root, 'exercises'));
    writeFileSync(
      join(root, 'exercises', 'a.yaml'),
      good.replace('id: he-init', 'id: a').replace('kind: statistical', 'kind: nope'),
    );
    writeFileSync(join(root, 'exercises', 'b.json'), '{ "id": "b", ');
    let err: unknown;
    try {
      loadSpecs(root, root);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TfgradeError);
    expect((err as TfgradeError).code).toBe('SPEC_INVALID');
    expect(new Set((err as TfgradeError).problems.map((p) => p.file))).toEqual(
      new Set(['exercises/a.yaml', 'exercises/b.json']),
    );
  });

  it('a missing exercises folder is a SPEC_INVALID error', () => {
    expect(() => loadSpecs(mkdtempSync(join(tmpdir(), 'tfgrade-empty-')))).toThrow(
      expect.objectContaining({ code: 'SPEC_INVALID' }),
    );
  });
});
