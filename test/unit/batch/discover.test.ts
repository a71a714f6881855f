// Discovery of the three batch layouts (table-driven over tmp trees): who is graded, from which files, and what is listed.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { detectLayout, discover } from '../../../grader/layouts/discover.js';
import type { Discovery, Student } from '../../../grader/model/student.js';
import { parseCanvasName, restoreName } from '../../../grader/layouts/canvas.js';
import { rankOf } from '../../../grader/layouts/gradescope-export.js';
import { makeTree, type TreeSpec, removeTrees } from './helpers.js';

afterAll(removeTrees);

const KNOWN = ['he-init.ts', 'quiz-xor.ts', 'p1.ts'];
const TS = 'export const x = 1;\n';

/** A student as the tests compare it: id, what is graded (relative to the batch folder), identity, late. */
function view(root: string, s: Student): Record<string, unknown> {
  const src =
    s.source.kind === 'files'
      ? s.source.files.map((f) => `${f.name}<-${f.path.slice(root.length + 1)}`)
      : s.source.dir.slice(root.length + 1);
  return { id: s.id, file: s.file, display: s.display, src, identity: s.identity, ...(s.late ? { late: true } : {}) };
}

interface Case {
  name: string;
  tree: TreeSpec;
  layout: Discovery['layout'];
  students: Record<string, unknown>[];
  unattributed?: string[];
  ignored?: string[];
  exclude?: string;
}

const GS_META = `submission_1: !ruby/hash:ActiveSupport::HashWithIndifferentAccess
  :submitters:
  - :name: Alice Smith
    :sid: '1001'
    :email: alice@example.edu
  :created_at: 2024-03-01 10:00:00.000000000 -08:00
submission_2:
  :submitters:
  - :name: Bob Jones
    :sid: 1002
  - :name: Carol Lee
    :email: carol@example.edu
  :created_at: 2024-03-01 11:00:00.000000000 -08:00
submission_4:
  :submitters:
  - :name: Alice Smith
    :sid: '1001'
  :created_at: 2024-03-02 09:00:00.000000000 -08:00
submission_5:
  :submitters: []
submission_6:
  :submitters:
  - :name: Gone
    :sid: '9'
`;

const cases: Case[] = [
  {
    name: 'folders: one folder per student, files at the top listed, hidden entries and the --out folder skipped',
    tree: {
      'bob/he-init.ts': TS,
      'alice/he-init.ts': TS,
      'notes.txt': 'x',
      '.DS_Store': 'x',
      'reports/x.json': '{}',
      empty: {},
    },
    exclude: 'reports',
    layout: 'folders',
    students: [
      { id: 'alice', file: 'alice', display: 'alice', src: 'alice', identity: { name: 'alice', sisLoginId: 'alice' } },
      { id: 'bob', file: 'bob', display: 'bob', src: 'bob', identity: { name: 'bob', sisLoginId: 'bob' } },
      { id: 'empty', file: 'empty', display: 'empty', src: 'empty', identity: { name: 'empty', sisLoginId: 'empty' } },
    ],
    unattributed: ['notes.txt'],
  },
  {
    name: 'folders: a nested solutions/ folder is found; a symlinked student folder is listed, not followed',
    tree: {
      'dave/solutions/he-init.ts': TS,
      'dave/README.md': 'x',
      'erin/deep/er/he-init.ts': TS,
      frank: { link: '/etc' },
      'odd name/p1.ts': TS,
    },
    layout: 'folders',
    students: [
      {
        id: 'dave',
        file: 'dave',
        display: 'dave/solutions',
        src: 'dave/solutions',
        identity: { name: 'dave', sisLoginId: 'dave' },
      },
      {
        id: 'erin',
        file: 'erin',
        display: 'erin/deep/er',
        src: 'erin/deep/er',
        identity: { name: 'erin', sisLoginId: 'erin' },
      },
      {
        id: 'odd name',
        file: 'odd%20name',
        display: 'odd name',
        src: 'odd name',
        identity: { name: 'odd name', sisLoginId: 'odd name' },
      },
    ],
    unattributed: ['frank'],
  },
  {
    name: 'canvas: files grouped per submission, LATE kept, -1 suffix restored, older submission ignored',
    tree: {
      'smithalice_101_5001_he-init.ts': TS,
      'smithalice_101_5001_quiz-xor.ts': TS,
      'jonesbob_102_4002_he-init.ts': TS,
      'jonesbob_LATE_102_5002_he-init-1.ts': TS,
      'jonesbob_LATE_102_5002_helper-2.ts': TS,
      'readme.txt': 'x',
      'somefolder/a.ts': TS,
      'leecarol_103_5003_p1.ts': { link: '/etc/passwd' },
    },
    layout: 'canvas',
    students: [
      {
        id: '101',
        file: '101',
        display: 'smithalice_101_5001_*',
        src: ['he-init.ts<-smithalice_101_5001_he-init.ts', 'quiz-xor.ts<-smithalice_101_5001_quiz-xor.ts'],
        identity: { name: 'smithalice', userId: '101' },
      },
      // helper-2.ts is not a course file: its suffix may be the student's own, so it is left alone.
      {
        id: '102',
        file: '102',
        display: 'jonesbob_LATE_102_5002_*',
        src: ['he-init.ts<-jonesbob_LATE_102_5002_he-init-1.ts', 'helper-2.ts<-jonesbob_LATE_102_5002_helper-2.ts'],
        identity: { name: 'jonesbob', userId: '102' },
        late: true,
      },
    ],
    unattributed: ['leecarol_103_5003_p1.ts', 'readme.txt', 'somefolder'],
    ignored: ['jonesbob_102_4002_*'],
  },
  {
    name: 'canvas: two uploads restoring to one name keep the highest suffix',
    tree: { 'lee_7_70_p1.ts': TS, 'lee_7_70_p1-1.ts': TS, 'lee_7_70_p1-2.ts': TS },
    layout: 'canvas',
    students: [
      {
        id: '7',
        file: '7',
        display: 'lee_7_70_*',
        src: ['p1.ts<-lee_7_70_p1-2.ts'],
        identity: { name: 'lee', userId: '7' },
      },
    ],
    ignored: ['lee_7_70_p1-1.ts', 'lee_7_70_p1.ts'],
  },
  {
    name: 'gradescope: metadata attributes folders, group members each get a report, newest submission wins',
    tree: {
      'submission_metadata.yml': GS_META,
      'submission_1/he-init.ts': TS,
      'submission_2/solutions/he-init.ts': TS,
      'submission_3/he-init.ts': TS,
      'submission_4/p1.ts': TS,
      'submission_5/p1.ts': TS,
      'stray.txt': 'x',
    },
    layout: 'gradescope',
    students: [
      {
        id: '1001',
        file: '1001',
        display: 'submission_4',
        src: 'submission_4',
        identity: { name: 'Alice Smith', sisUserId: '1001' },
      },
      {
        id: '1002',
        file: '1002',
        display: 'submission_2/solutions',
        src: 'submission_2/solutions',
        identity: { name: 'Bob Jones', sisUserId: '1002' },
      },
      {
        id: 'carol@example.edu',
        file: 'carol@example.edu',
        display: 'submission_2/solutions',
        src: 'submission_2/solutions',
        identity: { name: 'Carol Lee', email: 'carol@example.edu' },
      },
    ],
    unattributed: ['stray.txt', 'submission_3', 'submission_5', 'submission_6'],
    ignored: ['submission_1'],
  },
];

describe('discover', () => {
  it.each(cases)('$name', (c) => {
    const root = makeTree(c.tree);
    const d = discover(root, { known: KNOWN, exclude: c.exclude ? join(root, c.exclude) : undefined });
    expect(d.layout).toBe(c.layout);
    expect(detectLayout(root)).toBe(c.layout);
    expect(d.students.map((s) => view(root, s))).toEqual(c.students);
    expect(d.unattributed.map((u) => u.path)).toEqual(c.unattributed ?? []);
    expect(d.ignored.map((u) => u.path)).toEqual(c.ignored ?? []);
    for (const u of [...d.unattributed, ...d.ignored]) expect(u.reason.length).toBeGreaterThan(5);
  });

  it('refuses a Gradescope metadata file that is not YAML', () => {
    const root = makeTree({ 'submission_metadata.yml': 'a: [unclosed', 'submission_1/p1.ts': TS });
    expect(() => discover(root, { known: KNOWN })).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});

describe('canvas names', () => {
  it.each([
    [
      'smithjohn_12345_67890_he-init.ts',
      { name: 'smithjohn', late: false, userId: '12345', submissionId: '67890', original: 'he-init.ts' },
    ],
    [
      'smithjohn_LATE_12345_67890_my_file_v2.ts',
      { name: 'smithjohn', late: true, userId: '12345', submissionId: '67890', original: 'my_file_v2.ts' },
    ],
    ['he-init.ts', undefined],
    ['smithjohn_12345_he-init.ts', undefined],
    ['smithjohn_x_67890_he-init.ts', undefined],
  ])('%s', (file, want) => {
    expect(parseCanvasName(file)).toEqual(want);
  });

  it.each([
    ['he-init-1.ts', 'he-init.ts', 1],
    ['he-init-12.ts', 'he-init.ts', 12],
    ['he-init.ts', 'he-init.ts', 0],
    ['notes-1.ts', 'notes-1.ts', 0],
    ['p1-1.js', 'p1-1.js', 0],
  ])('restores %s as %s', (given, name, suffix) => {
    expect(restoreName(given, KNOWN)).toEqual({ name, suffix });
  });
});

describe('gradescope created_at', () => {
  it('orders Ruby timestamps across time zones', () => {
    const a = rankOf('2024-03-01 10:00:00.000000000 -08:00');
    const b = rankOf('2024-03-01 19:00:00.5 +01:00');
    expect(a < b).toBe(true);
    expect(rankOf('yesterday')).toBe('');
    expect(rankOf(undefined)).toBe('');
  });
});
