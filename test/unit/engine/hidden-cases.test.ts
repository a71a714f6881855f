// Hidden cases in a part's report: graded like the public ones, shown as `hidden case k` and pass/fail only. No report
// field of a part carries a hidden case's inputs, expected or actual values, and hints and diagnoses come from the
// public cases only.
import { describe, expect, it } from 'vitest';
import { caseName, isHiddenLabel, judgeCases, withoutHiddenText } from '../../../grader/engine/hidden-cases.js';
import { partFromCheck, partFromOutcome } from '../../../grader/engine/score.js';
import { prepareCourse } from '../../../grader/engine/prepare.js';
import type { PreparedPart } from '../../../grader/engine/api.js';
import type { PartSpec } from '../../../grader/spec/model.js';
import type { CaseInput } from '../../../grader/model/outcome.js';
import { describeWire, fmt, type Wire } from '../../../grader/model/wire.js';
import type { Failed } from '../../../grader/sandbox/runner.js';
import * as hardCoded from '../../fixtures/submissions/p3--wrong-hard-codes-public-outputs/p3.js';
import { ROOT } from '../../helpers/cli.js';
import { ctx, num } from '../checks/helpers.js';

/** A numeric call part `double`: two public cases, then two hidden ones with distinctive values. */
const PUBLIC_X = [1, 2];
const HIDDEN_X = [987.125, -4321.5];
const spec = {
  id: 'double',
  type: '(x: number) => number',
  mode: 'call',
  points: 2,
  prompt: 'p',
  check: { kind: 'numeric' },
  hints: [
    { mistake: 'triple', say: 'three times is one time too many' },
    { diagnosis: 'sign-flipped', say: 'mind the sign' },
  ],
} as PartSpec;
const part: PreparedPart = {
  spec,
  cases: [
    ...PUBLIC_X.map((x) => ({
      label: `double(${x})`,
      args: [num(x)],
      expected: num(2 * x),
      mistakes: { triple: num(3 * x) },
    })),
    ...HIDDEN_X.map((x) => ({
      label: `double(${x})`,
      args: [num(x)],
      expected: num(2 * x),
      mistakes: { triple: num(3 * x) },
      hidden: true,
    })),
  ],
};

/** What a student's function gives on each case, public then hidden. */
type Student = (x: number, hidden: boolean) => number;
const right: Student = (x) => 2 * x;
/** The public outputs hard-coded, anything else a wrong constant. */
const hardCodes: Student = (x, hidden) => (hidden ? 13579.25 : 2 * x);

async function report(student: Student, p: PreparedPart = part) {
  const cases: CaseInput[] = p.cases.map((c) => ({
    label: c.label,
    args: c.args,
    expected: c.expected,
    actual: num(student((c.args[0] as { v: number }).v, !!c.hidden)),
  }));
  return partFromCheck(p.spec, await judgeCases(p, cases, ctx), [], 1);
}

/** Every spelling of a hidden case's values a report could carry: its label, args, expected and actual, as shown. */
function hiddenNeedles(student: Student, p: PreparedPart = part): string[] {
  return p.cases
    .filter((c) => c.hidden)
    .flatMap((c) => {
      const x = (c.args[0] as { v: number }).v;
      const values = [x, 2 * x, 3 * x, student(x, true)];
      return [
        c.label,
        ...values.flatMap((v) => [String(v), fmt(v)]),
        ...c.args.map((a) => describeWire(a)),
        describeWire(c.expected),
      ];
    });
}

describe('a part with hidden cases', () => {
  it.each<[string, Student, string, string, boolean[]]>([
    ['right everywhere', right, 'passed', 'correct', [true, true, true, true]],
    ['public outputs hard-coded', hardCodes, 'failed', 'wrong-value', [true, true, false, false]],
    [
      'wrong on one hidden case only',
      (x, hidden) => (hidden && x < 0 ? 0 : 2 * x),
      'failed',
      'wrong-value',
      [true, true, true, false],
    ],
    ['wrong everywhere (three times)', (x) => 3 * x, 'failed', 'wrong-value', [false, false, false, false]],
  ])('%s: %s/%s, hidden cases named by number only', async (_name, student, status, reason, passed) => {
    const r = await report(student);
    expect([r.status, r.reason]).toEqual([status, reason]);
    expect(r.cases!.map((c) => c.passed)).toEqual(passed);
    expect(r.cases!.slice(2)).toEqual([
      { label: 'hidden case 1', passed: passed[2] },
      { label: 'hidden case 2', passed: passed[3] },
    ]);
    expect(r.cases!.slice(2).every((c) => isHiddenLabel(c.label))).toBe(true);
    expect(r.cases!.slice(0, 2).some((c) => isHiddenLabel(c.label))).toBe(false);
  });

  it.each<[string, Student]>([
    ['public outputs hard-coded', hardCodes],
    ["the hint's mistake on the hidden cases only", (x, hidden) => (hidden ? 3 * x : 2 * x)],
    ['a diagnosable mistake (sign flip) on the hidden cases only', (x, hidden) => (hidden ? -2 * x : 2 * x)],
    ['wrong everywhere', (x) => 3 * x],
  ])('no report field carries a hidden value: %s', async (_name, student) => {
    const json = JSON.stringify(await report(student));
    for (const needle of hiddenNeedles(student)) expect(json, needle).not.toContain(needle);
  });

  it('hints and diagnoses come from the public cases only', async () => {
    // The hint's mistake, and a diagnosable sign flip, on hidden cases alone: nothing is said beyond "hidden cases fail".
    for (const student of [
      (x: number, hidden: boolean) => (hidden ? 3 * x : 2 * x),
      (x: number, hidden: boolean) => (hidden ? -2 * x : 2 * x),
    ]) {
      const r = await report(student);
      expect(r.status).toBe('failed');
      expect(r.cases!.some((c) => c.hint !== undefined || c.diagnosis !== undefined)).toBe(false);
    }
    // The same mistake everywhere: the public cases get the hint, the hidden ones still only pass/fail.
    const everywhere = await report((x) => 3 * x);
    expect(everywhere.cases!.map((c) => c.hint ?? null)).toEqual([spec.hints![0].say, spec.hints![0].say, null, null]);
  });

  it('a part of hidden cases only still grades', async () => {
    const onlyHidden = { ...part, cases: part.cases.filter((c) => c.hidden) };
    expect((await report(right, onlyHidden)).status).toBe('passed');
    const r = await report(hardCodes, onlyHidden);
    expect([r.status, r.cases!.map((c) => c.label)]).toEqual(['failed', ['hidden case 1', 'hidden case 2']]);
  });

  it('a run that stops on a hidden case is named by number, and the student-written text is dropped', () => {
    expect([0, 1, 2, 3].map((i) => caseName(part, i).split(' (')[0])).toEqual([
      'double(1)',
      'double(2)',
      'hidden case 1',
      'hidden case 2',
    ]);
    const stops: Failed[] = [
      { kind: 'failure', failure: { kind: 'threw', message: 'bad x 987.125', stack: 'double.ts:987:125' } },
      { kind: 'failure', failure: { kind: 'wrong-type', message: 'returned the string "987.125"' } },
      { kind: 'died', reason: 'crashed', detail: 'fatal: 987.125' },
    ];
    for (const stop of stops) {
      const r = partFromOutcome(spec, withoutHiddenText(stop), 10_000, `double on ${caseName(part, 2)}`);
      expect(JSON.stringify(r)).not.toContain('987');
      expect(r.reason).toBe(stop.kind === 'failure' ? stop.failure.kind : 'crashed');
    }
    expect(withoutHiddenText({ kind: 'timeout' })).toEqual({ kind: 'timeout' });
  });
});

/** A plain value (numbers, arrays, objects of them) as the child would send it. */
const wire = (v: unknown): Wire =>
  typeof v === 'number'
    ? num(v)
    : Array.isArray(v)
      ? { t: 'array', items: v.map(wire) }
      : { t: 'object', entries: Object.entries(v as object).map(([k, x]) => [k, wire(x)]) };

/** A wire's numbers as a report would spell them (full and as `fmt` rounds), those with 4+ significant digits. */
function distinctive(w: Wire): string[] {
  const leaves = (x: Wire): number[] =>
    x.t === 'number'
      ? [x.v]
      : x.t === 'array'
        ? x.items.flatMap(leaves)
        : x.t === 'object'
          ? x.entries.flatMap(([, v]) => leaves(v))
          : [];
  const digits = (t: string) =>
    t.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
  return [...new Set(leaves(w).flatMap((v) => [String(v), fmt(v)]))].filter((t) => digits(t) >= 4);
}

describe('the course reference: p3 fixture that hard-codes the public outputs', () => {
  it('passes the public cases of gradientNorms, fails its hidden ones, and its report shows none of their values', async () => {
    const course = await prepareCourse({
      root: ROOT,
      ids: ['p3'],
      backend: 'cpu',
      studentCode: false,
      cwd: ROOT,
      cache: false,
    });
    const p = course.exercises[0].parts.find((x) => x.spec.id === 'gradientNorms')!;
    const hidden = p.cases.filter((c) => c.hidden);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    const cases: CaseInput[] = p.cases.map((c) => ({
      label: c.label,
      args: c.args,
      expected: c.expected,
      actual: wire(hardCoded.gradientNorms(...(c.args.map((a) => (a as { v: number }).v) as [number, number]))),
    }));
    const r = partFromCheck(p.spec, await judgeCases(p, cases, { seed: 1, behaviors: {} }), [], 1);
    expect([r.status, r.reason]).toEqual(['failed', 'wrong-value']);
    expect(r.cases!.filter((c) => !c.passed).every((c) => isHiddenLabel(c.label))).toBe(true);
    const json = JSON.stringify(r);
    for (const [i, c] of p.cases.entries()) {
      if (!c.hidden) continue;
      // Its arguments (gain, depth) are short numbers found anywhere in a report; the reference's label spells them out.
      const needles = [c.label, describeWire(c.expected), describeWire(cases[i].actual), ...distinctive(c.expected)];
      for (const n of needles) expect(json, n).not.toContain(n);
    }
  });
});
