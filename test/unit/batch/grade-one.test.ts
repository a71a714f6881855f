// A grader bug while grading one student of a batch becomes that student's error report; the pool goes on with the rest.
import { describe, expect, it } from 'vitest';
import { gradeStudent, type GradeFn } from '../../../grader/batch/grade-one.js';
import { runPool } from '../../../grader/batch/pool.js';
import { loadSpecs } from '../../../grader/spec/load.js';
import { reportErrors } from '../../../grader/model/validate-report.js';
import type { Course } from '../../../grader/engine/api.js';
import type { Student } from '../../../grader/model/student.js';
import { DEFAULT_LIMITS } from '../../../grader/model/limits.js';
import { ROOT } from '../../helpers/cli.js';
import { fakeReport } from './helpers.js';

const COURSE_ROOT = ROOT.replace(/\/$/, '');
const spec = loadSpecs(COURSE_ROOT, COURSE_ROOT, ['quiz-residual-def'])[0].spec;
const course: Course = {
  root: COURSE_ROOT,
  toolVersion: '0.0.0',
  isolation: 'basic',
  typecheck: false,
  exercises: [
    {
      spec,
      file: 'exercises/quiz-residual-def.yaml',
      parts: spec.parts.map((p) => ({ spec: p, cases: [] })),
      behaviors: {},
    },
  ],
  backend: { name: 'cpu', version: '4.22.0', package: '@tensorflow/tfjs', requested: 'cpu', reason: 'asked for' },
};
const student = (id: string): Student => ({
  id,
  file: id,
  identity: {},
  source: { kind: 'dir', dir: `/nowhere/${id}` },
  display: id,
  rank: '0',
});

describe('gradeStudent', () => {
  it('turns an internal error for one student into an error report for that student; the others are graded', async () => {
    const grade: GradeFn = async (_course, sub) => {
      if (sub.student === 'bob') throw new Error('simulated grader bug');
      return fakeReport(sub.student!, { 'quiz-residual-def': spec.parts.map(() => 'passed' as const) });
    };
    const ctx = { course, limits: DEFAULT_LIMITS, shownFolder: 'subs', tmp: '/nowhere' };
    const reports = await runPool(['alice', 'bob', 'dave'].map(student), 2, (s, i) => gradeStudent(ctx, s, i, grade));
    expect(reports.map((r) => r.submission.student)).toEqual(['alice', 'bob', 'dave']);
    const bob = reports[1];
    expect(reportErrors(bob)).toEqual([]);
    expect(bob.exercises[0].parts.map((p) => `${p.status}/${p.reason}`)).toEqual(spec.parts.map(() => 'error/crashed'));
    expect(bob.score).toBe(0);
    expect(bob.warnings[0]).toMatch(/^internal error while grading bob: .*simulated grader bug/);
    expect(bob.submission.path).toBe('subs/bob');
    for (const r of [reports[0], reports[2]])
      expect(r.exercises[0].parts.every((p) => p.status === 'passed')).toBe(true);
  });
});
