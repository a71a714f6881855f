// What a type error costs: reported under the exercise always; under `typeErrors: fail-part`, the parts it names score 0.
import { describe, expect, it } from 'vitest';
import { withTypeErrors } from '../../../grader/engine/grade.js';
import type { PreparedExercise } from '../../../grader/engine/api.js';
import type { ExerciseReport, PartReport, TypeDiagnostic } from '../../../grader/model/report.js';

const spec = (id: string) => ({
  id,
  type: 'number',
  mode: 'value' as const,
  points: 2,
  prompt: 'p',
  check: { kind: 'numeric' },
});
const exercise = (typeErrors?: 'warn' | 'fail-part') =>
  ({
    spec: { id: 'p9', title: 't', prompt: 'p', parts: [spec('a'), spec('b')], ...(typeErrors ? { typeErrors } : {}) },
    file: 'p9.ts',
    parts: [
      { spec: spec('a'), cases: [] },
      { spec: spec('b'), cases: [] },
    ],
    behaviors: {},
  }) as unknown as PreparedExercise;
const part = (id: string, score: number): PartReport => ({
  id,
  kind: 'numeric',
  score,
  maxScore: 2,
  status: score ? 'passed' : 'failed',
  reason: score ? 'correct' : 'wrong-value',
  message: 'm',
  visibility: 'visible',
});
const report = (): ExerciseReport => ({
  id: 'p9',
  title: 't',
  score: 2,
  maxScore: 4,
  status: 'partial',
  file: 'p9.ts',
  parts: [part('a', 2), part('b', 0)],
});
const diag = (p?: string): TypeDiagnostic => ({
  file: 'p9.ts',
  line: 3,
  col: 7,
  code: 2322,
  message: "Type 'number' is not assignable to type 'string'.",
  ...(p ? { part: p } : {}),
});

describe('withTypeErrors', () => {
  it.each<[string, 'warn' | 'fail-part' | undefined, TypeDiagnostic[], number, string[]]>([
    ['no errors', 'fail-part', [], 2, ['passed', 'failed']],
    ['warn (the default) keeps the score', undefined, [diag('a')], 2, ['passed', 'failed']],
    ['warn, said', 'warn', [diag('a')], 2, ['passed', 'failed']],
    ['fail-part: the part it names scores 0', 'fail-part', [diag('a')], 0, ['error', 'failed']],
    ["fail-part: a helper's error fails no part", 'fail-part', [diag()], 2, ['passed', 'failed']],
    ['fail-part: a part already at 0 keeps its own reason', 'fail-part', [diag('b')], 2, ['passed', 'failed']],
  ])('%s', (_name, mode, diags, score, statuses) => {
    const r = withTypeErrors(exercise(mode), report(), diags);
    expect(r.score).toBe(score);
    expect(r.parts.map((p) => p.status)).toEqual(statuses);
    expect(r.typeErrors ?? []).toEqual(diags);
    if (statuses[0] === 'error') {
      expect(r.parts[0].reason).toBe('type-error');
      expect(r.parts[0].message).toContain('p9.ts:3:7');
    }
  });
});

describe('withTypeErrors keeps what the part is', () => {
  it('a failed on-submit part keeps its feedback (Gradescope withholds it) and the hash of the answer it judged', () => {
    const onSubmit = { ...report(), parts: [{ ...part('a', 2), feedback: 'on-submit' as const, answerHash: 'h1' }] };
    const r = withTypeErrors(exercise('fail-part'), onSubmit, [diag('a')]);
    expect([r.parts[0].reason, r.parts[0].feedback, r.parts[0].answerHash]).toEqual(['type-error', 'on-submit', 'h1']);
  });
});
