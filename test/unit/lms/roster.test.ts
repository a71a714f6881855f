// Rosters as the LMS exports them: Canvas's gradebook CSV, an LTI membership, AGS line items; and who matches whom.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canvasRoster, lineItems, nrpsRoster, readRoster } from '../../../grader/lms/roster.js';
import { matchAssignments, matchStudents } from '../../../grader/lms/match.js';
import { parseCsv } from '../../../grader/lms/csv.js';
import type { Graded } from '../../../grader/model/student.js';
import { TfgradeError } from '../../../grader/util/errors.js';
import { sampleReport } from '../report/sample-report.js';
import { LMS_FIXTURES } from '../../helpers/lms-batch.js';

const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof TfgradeError ? e.code : 'other';
  }
  return undefined;
};

describe('parseCsv', () => {
  it.each([
    [
      'quotes, commas and line breaks',
      'a,"b, ""c""\nd"\r\ne,f\n',
      [
        ['a', 'b, "c"\nd'],
        ['e', 'f'],
      ],
    ],
    ['a BOM and no final newline', '\uFEFFx,y', [['x', 'y']]],
    ['empty fields', ',,\n', [['', '', '']]],
  ])('reads %s', (_l, text, rows) => expect(parseCsv(text, 'f.csv')).toEqual(rows));
  it('refuses an unterminated quote', () => expect(code(() => parseCsv('a,"b\n', 'f.csv'))).toBe('ROSTER_INVALID'));
});

describe('canvasRoster', () => {
  const roster = readRoster(`${LMS_FIXTURES}canvas-gradebook-export.csv`, 'export.csv');
  it('keeps the identity columns and the assignments as Title (id), not the computed columns', () => {
    expect(roster.source).toBe('canvas');
    expect(roster.identityHeader).toEqual(['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section']);
    expect(roster.assignments).toEqual([
      { id: '101', title: 'He initialization', header: 'He initialization (101)', points: 9 },
      { id: '102', title: 'quiz-xor', header: 'quiz-xor (102)', points: 2 },
      { id: '103', title: 'Lecture notes', header: 'Lecture notes (103)', points: 5 },
    ]);
  });
  it('reads the students, skipping the Points Possible row and the test student', () => {
    expect(roster.students.map((s) => [s.lmsId, s.name, s.sisLoginId, s.section])).toEqual([
      ['201', 'Doe, Jane', 'jdoe@uni.edu', 'Section 1'],
      ['202', 'Smith, Al', 'asmith', 'Section 1'],
      ['203', '=cmd(), Eve', 'eve', 'Section 2, "late"'],
    ]);
  });
  it('refuses a CSV that is not an export', () =>
    expect(code(() => canvasRoster('Name,Score\na,1\n', 'x.csv'))).toBe('ROSTER_INVALID'));
});

describe('nrpsRoster and lineItems', () => {
  it('keeps active learners only', () => {
    const r = readRoster(`${LMS_FIXTURES}nrps-membership.json`, 'members.json');
    expect(r.students.map((s) => [s.lmsId, s.email, s.sisUserId])).toEqual([
      ['a1b2-jane', 'jdoe@uni.edu', 'S001'],
      ['c3d4-al', 'asmith@uni.edu', 'S002'],
    ]);
  });
  it.each([
    ['no members', {}],
    ['a member without user_id', { members: [{ roles: ['Learner'] }] }],
  ])('refuses %s', (_l, data) => expect(code(() => nrpsRoster(data, 'm.json'))).toBe('ROSTER_INVALID'));
  it('reads line items and refuses one without an id URL', () => {
    expect(
      lineItems([{ id: 'https://p/li/1', label: 'He', scoreMaximum: 9, resourceId: 'he-init' }], 'l.json'),
    ).toEqual([{ id: 'https://p/li/1', title: 'He', points: 9, resourceId: 'he-init', tag: undefined }]);
    expect(code(() => lineItems([{ label: 'x' }], 'l.json'))).toBe('ROSTER_INVALID');
    expect(code(() => lineItems({}, 'l.json'))).toBe('ROSTER_INVALID');
  });
});

describe('matchStudents', () => {
  const roster = canvasRoster(readFileSync(`${LMS_FIXTURES}canvas-gradebook-export.csv`, 'utf8'), 'e.csv');
  const g = (id: string, identity: Graded['identity'] = {}): Graded => ({
    id,
    file: id,
    identity,
    report: sampleReport(),
  });
  it("matches by the Canvas user id, a SIS login, an email's local part; lists the rest", () => {
    const m = matchStudents(
      [g('jdoe'), g('x', { sisLoginId: 'asmith' }), g('203', { userId: '203' }), g('ghost')],
      roster,
    );
    expect(m.matched.map((x) => [x.graded.id, x.student.lmsId])).toEqual([
      ['jdoe', '201'],
      ['x', '202'],
      ['203', '203'],
    ]);
    expect(m.unmatched.map((x) => x.id)).toEqual(['ghost']);
  });
  it('refuses two reports for one LMS user', () => {
    expect(code(() => matchStudents([g('asmith'), g('S002')], roster))).toBe('ROSTER_INVALID');
  });
});

describe('matchAssignments', () => {
  const ex = [
    { id: 'he-init', title: 'He initialization' },
    { id: 'quiz-xor', title: 'XOR quiz' },
    { id: 'p3', title: 'Depth' },
  ];
  const as = [
    { id: '101', title: 'he initialization' },
    { id: '102', title: 'quiz-xor' },
    { id: '900', title: 'Homework 1' },
  ];
  it('by title or id, case and spaces aside; an exercise with no assignment is listed, not created', () => {
    const m = matchAssignments(ex, as);
    expect(m.targets.map((t) => [t.exercise, t.assignment.id])).toEqual([
      ['he-init', '101'],
      ['quiz-xor', '102'],
    ]);
    expect(m.unmatched).toEqual(['p3']);
  });
  it("prefers a line item's resourceId or tag, and sends the total where --total says", () => {
    const items = [
      { id: 'https://p/li/9', title: 'Total', tag: 'total' },
      { id: 'https://p/li/1', title: 'whatever', resourceId: 'p3' },
    ];
    const m = matchAssignments(ex, items, 'total');
    expect(m.targets.map((t) => [t.exercise, t.assignment.id])).toEqual([
      ['p3', 'https://p/li/1'],
      [undefined, 'https://p/li/9'],
    ]);
    expect(code(() => matchAssignments(ex, items, 'nope'))).toBe('USAGE');
  });
});
