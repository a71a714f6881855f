// Fuzz: the spec loader on random text, random data and mutated real specs always returns a spec or a list of
// problems, quickly; it never throws (a throw would be a crash of `grade validate` or of a whole run).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSpec } from '../../grader/spec/load.js';
import { ROOT } from '../helpers/cli.js';
import { cpuNow } from '../helpers/load.js';

const SEED = 20_240_501;
const DIR = join(ROOT, 'exercises');
const REAL = readdirSync(DIR)
  .filter((n) => n.endsWith('.yaml'))
  .sort()
  .map((n) => ({ name: n, text: readFileSync(join(DIR, n), 'utf8') }));
/** One parse of a malformed spec, in CPU ms; YAML + ajv of a few KB take milliseconds, so a second means something loops. */
const BUDGET_MS = 1000;

function check(text: string, name: string): void {
  const t0 = cpuNow();
  let out: ReturnType<typeof parseSpec>;
  try {
    out = parseSpec(text, name, `exercises/${name}`);
  } catch (e) {
    throw new Error(`parseSpec threw on ${JSON.stringify(text.slice(0, 300))}: ${(e as Error)?.stack ?? e}`);
  }
  expect(cpuNow() - t0).toBeLessThan(BUDGET_MS);
  expect(Array.isArray(out.problems)).toBe(true);
  // Either a spec, or at least one problem saying why not; every problem is readable text.
  if (!out.spec) expect(out.problems.length).toBeGreaterThan(0);
  for (const p of out.problems) {
    expect(typeof p.message).toBe('string');
    expect(typeof p.path).toBe('string');
    expect(p.file).toBe(`exercises/${name}`);
  }
}

/** Small edits a hand (or a bad merge) makes to a real spec: a line dropped, doubled, cut, or a token swapped in. */
const mutation = fc.record({
  spec: fc.constantFrom(...REAL),
  edits: fc.array(
    fc.record({
      at: fc.nat(),
      op: fc.constantFrom('drop', 'dup', 'cut', 'insert', 'replace', 'indent'),
      token: fc.constantFrom(
        '',
        ':',
        '- ',
        '{',
        '}',
        '[',
        ']',
        '&a',
        '*a',
        '!!binary',
        '~',
        'null',
        '-1',
        '1e999',
        'NaN',
        '"',
        "'",
        '\t',
        '\u0000',
        '<<: *a',
        '? ',
        '|',
        '>',
        '#',
        'kind: nope',
        'points: -1',
        'id: x',
        'check: {}',
        'parts: []',
        'type: 7',
      ),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});

function mutate({
  spec,
  edits,
}: {
  spec: { text: string };
  edits: { at: number; op: string; token: string }[];
}): string {
  const lines = spec.text.split('\n');
  for (const { at, op, token } of edits) {
    const i = at % Math.max(1, lines.length);
    const line = lines[i] ?? '';
    if (op === 'drop') lines.splice(i, 1);
    else if (op === 'dup') lines.splice(i, 0, line);
    else if (op === 'cut') lines[i] = line.slice(0, at % (line.length + 1));
    else if (op === 'insert') lines.splice(i, 0, token);
    else if (op === 'replace') lines[i] = line.replace(/:\s.*$/, `: ${token}`);
    else lines[i] = `  ${line}`;
  }
  return lines.join('\n');
}

describe('fuzz: spec loader', () => {
  // Everything the loader has to say goes into the problem list; nothing may leak out as a process warning.
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  beforeAll(() => {
    process.on('warning', onWarning);
  });
  afterAll(() => {
    process.off('warning', onWarning);
    expect(warnings).toEqual([]);
  });

  it('random text, as YAML and as JSON', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.boolean(), (text, json) =>
        check(text, json ? 'he-init.json' : 'he-init.yaml'),
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('random data serialized as YAML and JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (data) => {
        check(JSON.stringify(data) ?? 'null', 'he-init.json');
        check(YAML.stringify(data) ?? '', 'he-init.yaml');
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('random data shaped like a spec (the right keys, wrong values)', () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
    );
    const check1 = fc.record(
      {
        kind: fc.constantFrom(
          'numeric',
          'tensor',
          'choice',
          'multi-choice',
          'boolean',
          'expression',
          'free-text',
          'statistical',
          'behavior',
          'nope',
        ),
        rtol: value,
        options: value,
        variables: value,
        sigmas: value,
      },
      { requiredKeys: ['kind'] },
    );
    const part = fc.record(
      {
        id: value,
        type: value,
        mode: fc.oneof(fc.constantFrom('value', 'call'), value),
        points: value,
        prompt: value,
        check: fc.oneof(check1, value),
        visibility: value,
      },
      { requiredKeys: [] },
    );
    const spec = fc.record(
      {
        id: fc.oneof(fc.constant('he-init'), value),
        title: value,
        prompt: value,
        source: value,
        sizes: value,
        parts: fc.oneof(fc.array(part, { maxLength: 4 }), value),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(spec, (s) => check(YAML.stringify(s), 'he-init.yaml')),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('mutated real specs', () => {
    fc.assert(
      fc.property(mutation, (m) => check(mutate(m), m.spec.name)),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('pathological documents: alias bombs, deep nesting, huge scalars, binary', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const cases: [string, string][] = [
      [bomb, 'he-init.yaml'],
      [`id: he-init\nparts: ${deep(5000)}`, 'he-init.yaml'],
      [`{"id":"he-init","parts":${deep(5000)}}`, 'he-init.json'],
      [`{"id":"he-init","parts":[{"check":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}]}`, 'he-init.json'],
      [`id: he-init\ntitle: ${'x'.repeat(2_000_000)}\nparts: []`, 'he-init.yaml'],
      [Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1'), 'he-init.yaml'],
      ['\uFEFFid: he-init', 'he-init.yaml'],
      ['---\nid: a\n---\nid: b\n', 'he-init.yaml'],
      ['__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\nid: he-init', 'he-init.yaml'],
      ['{"__proto__": {"polluted": true}, "id": "he-init"}', 'he-init.json'],
    ];
    for (const [text, name] of cases) check(text, name);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
