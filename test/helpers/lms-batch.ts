// A `grade batch --out` folder made from sample reports, for the LMS tests (no grading needed to test publishing).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAggregates } from '../../grader/class-report/outputs.js';
import type { Graded } from '../../grader/model/student.js';
import type { Identity } from '../../grader/model/student.js';
import { sampleReport } from '../unit/report/sample-report.js';

export const LMS_FIXTURES = new URL('../fixtures/lms/', import.meta.url).pathname;

/** Students: `jdoe` and `asmith` (folder names), `203` (a Canvas download's user id), `ghost` (in no roster). */
export function makeBatch(out: string, scoreOf: (id: string) => number = () => 2): Graded[] {
  const who: [string, Identity][] = [
    ['jdoe', {}],
    ['asmith', { sisLoginId: 'asmith' }],
    ['203', { userId: '203', name: 'evecmd' }],
    ['ghost', {}],
  ];
  const graded = who.map(([id, identity]): Graded => {
    const base = sampleReport({ submission: { path: `submissions/${id}`, student: id } });
    const quiz = { ...base.exercises[1], score: scoreOf(id) };
    const report = { ...base, exercises: [base.exercises[0], quiz], score: base.exercises[0].score + quiz.score };
    writeFileSync(join(out, `${id}.json`), `${JSON.stringify(report, null, 2)}\n`);
    return { id, file: id, identity, report };
  });
  writeAggregates(out, graded, { unattributed: [], ignored: [] }, []);
  return graded;
}
