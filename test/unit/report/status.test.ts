// `grade status`'s view: each exercise's row from its parts, the total line, the exit decision, and the text Total line
// of `grade` when parts are recorded.
import { describe, expect, it } from 'vitest';
import type { ExerciseReport, PartReport } from '../../../grader/model/report.js';
import { palette } from '../../../grader/report/palette.js';
import {
  gradedRow,
  renderStatus,
  statusJson,
  statusPassed,
  totalText,
  ungradedRow,
  type StatusRow,
} from '../../../grader/report/status.js';
import { renderText } from '../../../grader/report/text.js';
import { sampleReport } from './sample-report.js';

const plain = palette(false);

type Short = [PartReport['status'], number, number];
/** An exercise from [status, score, maxScore] per part. */
function exercise(id: string, parts: Short[]): ExerciseReport {
  const ps = parts.map(
    ([status, score, maxScore], i): PartReport => ({
      id: `p${i}`,
      kind: 'numeric',
      status,
      score,
      maxScore,
      reason: status === 'passed' ? 'correct' : status === 'recorded' ? 'recorded' : 'wrong-value',
      message: status,
      visibility: 'visible',
    }),
  );
  return {
    id,
    title: id,
    file: `${id}.ts`,
    status: 'partial',
    score: ps.reduce((n, p) => n + p.score, 0),
    maxScore: ps.reduce((n, p) => n + p.maxScore, 0),
    parts: ps,
  };
}

describe('grade status rows', () => {
  it.each<[string, Short[], Omit<StatusRow, 'id'>, string]>([
    [
      'every part passes',
      [
        ['passed', 1, 1],
        ['passed', 2, 2],
      ],
      { state: 'passing', now: 3, recorded: 0, max: 3 },
      'passing',
    ],
    [
      'one part of three fails',
      [
        ['passed', 1, 1],
        ['failed', 0, 2],
        ['passed', 1, 1],
      ],
      { state: 'failing', failing: 1, parts: 3, now: 2, recorded: 0, max: 4 },
      'failing 1 of 3 parts',
    ],
    [
      'partial credit is failing, its points count now',
      [
        ['partial', 0.5, 1],
        ['timeout', 0, 1],
      ],
      { state: 'failing', failing: 2, parts: 2, now: 0.5, recorded: 0, max: 2 },
      'failing 2 of 2 parts',
    ],
    [
      'only recorded parts (a quiz in a kit)',
      [
        ['recorded', 0, 2],
        ['recorded', 0, 1],
      ],
      { state: 'recorded', now: 0, recorded: 3, max: 3 },
      'recorded',
    ],
    [
      'passing code parts and a recorded answer',
      [
        ['passed', 2, 2],
        ['recorded', 0, 1],
      ],
      { state: 'passing', now: 2, recorded: 1, max: 3 },
      'passing',
    ],
    [
      'a malformed recorded answer fails',
      [
        ['recorded', 0, 1],
        ['failed', 0, 1],
      ],
      { state: 'failing', failing: 1, parts: 2, now: 0, recorded: 1, max: 2 },
      'failing 1 of 2 parts',
    ],
    [
      'a part for a human waits like a recorded one',
      [
        ['passed', 1, 1],
        ['needs-review', 0, 2],
      ],
      { state: 'passing', now: 1, recorded: 2, max: 3 },
      'passing',
    ],
  ])('%s', (_name, parts, want, text) => {
    const row = gradedRow(exercise('ex', parts));
    expect(row).toEqual({ id: 'ex', ...want });
    expect(renderStatus([row], plain).split('\n')[1]).toMatch(new RegExp(`^ex\\s+${text}\\s+`));
  });

  it.each<[string, StatusRow[], string, boolean]>([
    [
      'nothing waits',
      [gradedRow(exercise('a', [['passed', 4, 4]])), ungradedRow('b', 'missing file', 6)],
      '4/10 now',
      true,
    ],
    [
      'points wait for the course',
      [
        gradedRow(
          exercise('a', [
            ['passed', 15, 15],
            ['recorded', 0, 12],
          ]),
        ),
        ungradedRow('b', 'missing file', 53),
      ],
      '15/80 now, up to 12 more after you submit',
      true,
    ],
    [
      'an untouched starter does not pass',
      [ungradedRow('a', 'untouched starter', 9), gradedRow(exercise('b', [['passed', 1, 1]]))],
      '1/10 now',
      false,
    ],
    [
      'a failing exercise does not pass',
      [
        gradedRow(
          exercise('a', [
            ['failed', 0, 1],
            ['recorded', 0, 2],
          ]),
        ),
      ],
      '0/3 now, up to 2 more after you submit',
      false,
    ],
    [
      'fractions are rounded as in the report',
      [gradedRow(exercise('a', [['partial', 1 / 3, 1]]))],
      '0.33/1 now',
      false,
    ],
  ])('%s: total "%s", passes = %s', (_name, rows, total, passes) => {
    const text = renderStatus(rows, plain);
    expect(
      totalText({
        now: rows.reduce((n, r) => n + r.now, 0),
        recorded: rows.reduce((n, r) => n + r.recorded, 0),
        max: rows.reduce((n, r) => n + r.max, 0),
      }),
    ).toBe(total);
    expect(text.trimEnd().split('\n').at(-1)).toBe(`Total ${total}`);
    expect(statusPassed(rows)).toBe(passes);
    expect(JSON.parse(statusJson(rows)).exercises).toEqual(rows);
  });

  it('lays the table out in columns, one row per exercise in the order given', () => {
    const text = renderStatus(
      [ungradedRow('p3', 'untouched starter', 9), gradedRow(exercise('he-init', [['passed', 4, 4]]))],
      plain,
    );
    expect(text.split('\n').slice(0, 3)).toEqual([
      'exercise  state                   now  recorded       max',
      'p3        untouched starter         0         0         9',
      'he-init   passing                   4         0         4',
    ]);
  });
});

describe('grade text report with recorded parts', () => {
  it('says the points now and the points after submitting on the Total line', () => {
    const r = sampleReport();
    r.exercises[1].parts.push({
      id: 'later',
      kind: 'choice',
      status: 'recorded',
      reason: 'recorded',
      score: 0,
      maxScore: 12,
      message: 'answer recorded',
      visibility: 'visible',
    });
    const total = renderText(r, plain)
      .split('\n')
      .find((l) => l.startsWith('Total '))!;
    expect(total).toMatch(
      new RegExp(`^Total ${r.score}/${r.maxScore} now · up to 12 more after you submit · \\d+ of \\d+ parts passed · `),
    );
    const without = renderText(sampleReport(), plain)
      .split('\n')
      .find((l) => l.startsWith('Total '))!;
    expect(without).not.toMatch(/now|after you submit/);
  });
});
