import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHECKS } from '../../../grader/checks/registry.js';
import type { CheckContext } from '../../../grader/checks/define.js';
import { PartSpec, type CheckSpec } from '../../../grader/spec/model.js';
import { REASONS, type CaseInput } from '../../../grader/model/outcome.js';
import type { Wire, WireDType } from '../../../grader/model/wire.js';
import { bool, nul, num, nums, obj, one, str, strs, tensor } from './helpers.js';

const ctx: CheckContext = {
  seed: 42,
  behaviors: {
    // A predicate that trips over anything but a number, like reference code written for the happy path.
    positive: (a) => {
      if (a.t !== 'number') throw new TypeError(`cannot read ${a.t}`);
      return { pass: a.v > 0, message: a.v > 0 ? 'positive' : 'must be positive' };
    },
  },
};

const ids = (...xs: string[]) => xs.map((id) => ({ id, text: id }));
/** One spec per kind (several for numeric/expression), with a matching expected value. */
const SPECS: [CheckSpec, Wire][] = [
  [{ kind: 'choice', options: ids('negligible', 'halves', 'doubles') }, str('negligible')],
  [{ kind: 'multi-choice', options: ids('a', 'b', 'c', 'd'), required: 2, penaltyPerWrong: 0.5 }, strs('a', 'b', 'c')],
  [{ kind: 'boolean' }, bool(false)],
  [{ kind: 'numeric' }, num(0.125)],
  [{ kind: 'numeric', log10: true }, str('2^-100')],
  [{ kind: 'numeric', rtol: 1e-2 }, obj({ plain: nums(1, 0.1), residual: nums(1, 1.1), n: num(3) })],
  [{ kind: 'expression', variables: { n_in: { min: 1, max: 4096, scale: 'log' } }, samples: 8 }, str('2/n_in')],
  [
    {
      kind: 'expression',
      mode: 'order',
      variables: { eps: { min: 1e-6, max: 1e-2, scale: 'log' } },
      scaleVariable: 'eps',
      scaleBy: 0.01,
      samples: 8,
    },
    str('1/sqrt(eps)'),
  ],
  [{ kind: 'tensor' }, tensor([2, 2], [1, 2, 3, 4])],
  [{ kind: 'tensor', log10: true, dtype: 'any' }, tensor([2], [1e-30, 0])],
  [{ kind: 'statistical', sigmas: 5, repeatable: true }, obj({ mean: num(0), std: num(1), shape: nums(2, 2) })],
  [{ kind: 'behavior', predicate: 'positive' }, nul],
  [
    { kind: 'free-text', minWords: 3, rubric: [{ label: 'saturation', keywords: ['saturat*'], weight: 1 }] },
    str('reference'),
  ],
];

const DTYPES: WireDType[] = ['float32', 'int32', 'bool', 'complex64', 'string'];
const wireArb: fc.Arbitrary<Wire> = fc.letrec<{ wire: Wire }>((tie) => ({
  wire: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.double().map((v): Wire => ({ t: 'number', v })),
    fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 0.125, 1e-300, 2 ** -100).map((v): Wire => ({ t: 'number', v })),
    fc
      .oneof(
        fc.string(),
        fc.constantFrom(
          'sqrt(2/128)',
          '2^-100',
          'import({}, {})',
          'false',
          '1/sqrt(eps)',
          '2/n_in',
          'n_in/2',
          'negligible',
          'x=1',
          '',
          '__proto__',
          'a'.repeat(600),
        ),
      )
      .map((v): Wire => ({ t: 'string', v })),
    fc.boolean().map((v): Wire => ({ t: 'boolean', v })),
    fc.constantFrom<Wire>({ t: 'null' }, { t: 'undefined' }),
    fc.array(tie('wire'), { maxLength: 4 }).map((items): Wire => ({ t: 'array', items })),
    fc
      .array(
        fc.tuple(
          fc.oneof(fc.string(), fc.constantFrom('plain', 'residual', 'n', '__proto__', 'constructor')),
          tie('wire'),
        ),
        { maxLength: 4 },
      )
      .map((entries): Wire => ({ t: 'object', entries })),
    fc
      .tuple(
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
        fc.constantFrom(...DTYPES),
        fc.array(fc.float(), { maxLength: 30 }),
        fc.boolean(),
        fc.constantFrom('f32', 'i32', 'u8'),
      )
      .map(([shape, dtype, values, consistent, kind]): Wire => {
        const n = consistent ? shape.reduce((p, d) => p * d, 1) : values.length;
        const vals = Array.from({ length: n }, (_, i) => values[i % Math.max(1, values.length)] ?? 0);
        const data =
          kind === 'f32' ? new Float32Array(vals) : kind === 'i32' ? new Int32Array(vals) : new Uint8Array(vals);
        return { t: 'tensor', shape, dtype, data };
      }),
  ),
})).wire;

describe('CHECKS registry', () => {
  it('has a check for every kind in the spec schema', () => {
    const kinds = (
      PartSpec.properties.check as unknown as { anyOf: { properties: { kind: { const: string } } }[] }
    ).anyOf.map((s) => s.properties.kind.const);
    expect([...CHECKS.names]).toEqual(kinds);
  });

  it('CHECKS.run dispatches by kind', async () => {
    const r = await CHECKS.run({ kind: 'boolean' }, one(bool(true), bool(true)), ctx);
    expect(r).toMatchObject({ fraction: 1, status: 'passed', reason: 'correct' });
  });

  it('lets grader bugs throw (no cases, missing predicate)', async () => {
    await expect(CHECKS.run({ kind: 'boolean' }, [], ctx)).rejects.toThrow(/no cases/);
    await expect(CHECKS.run({ kind: 'behavior', predicate: 'nope' }, one(nul, num(1)), ctx)).rejects.toThrow(/nope/);
  });
});

describe('no student value makes a check throw', () => {
  it.each(SPECS.map(([spec, expected], i) => [`${spec.kind} (spec #${i})`, spec, expected] as const))(
    '%s',
    async (_name, spec, expected) => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(wireArb, fc.boolean()), { minLength: 1, maxLength: 3 }), async (actuals) => {
          // Half the cases share args, so the statistical repeatability path sees both kinds of pairs.
          const cases: CaseInput[] = actuals.map(([actual, same], i) => ({
            label: `case ${i}`,
            args: [num(same ? 0 : i + 1)],
            expected,
            actual,
          }));
          const r = await CHECKS.run(spec, cases, ctx);
          expect(r.fraction).toBeGreaterThanOrEqual(0);
          expect(r.fraction).toBeLessThanOrEqual(1);
          expect(['passed', 'failed', 'partial', 'needs-review']).toContain(r.status);
          expect(REASONS).toContain(r.reason);
          expect(typeof r.message).toBe('string');
          expect(r.message.length).toBeGreaterThan(0);
          expect(r.cases!.length).toBeLessThanOrEqual(20);
          for (const d of r.cases!) {
            for (const x of [d.maxAbsError, d.maxRelError]) if (x !== undefined) expect(Number.isFinite(x)).toBe(true);
          }
          expect(() => JSON.stringify(r)).not.toThrow();
        }),
        { numRuns: Number(process.env.FC_RUNS ?? 150), ...(process.env.FC_RANDOM ? {} : { seed: 20240601 }) },
      );
    },
  );
});
