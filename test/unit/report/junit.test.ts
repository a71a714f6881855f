// JUnit XML: well-formed whatever the student printed, one testcase per part, failure/error/skipped per status.
import { describe, expect, it } from 'vitest';
import { stripIllegalXml, toJUnit, xmlAttr, xmlText } from '../../../grader/report/junit.js';
import { reportErrors } from '../../../grader/model/validate-report.js';
import { HOSTILE_OUTPUT, SECRET, sampleReport } from './sample-report.js';
import { findAll, parseXml } from './xml-check.js';

describe('the well-formedness checker', () => {
  it.each([
    ['an unclosed element', '<a><b></a>'],
    ['a bare ampersand', '<a>x & y</a>'],
    ['a raw < in an attribute', '<a b="<"/>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a control character', '<a>\u0001</a>'],
    ['a reference to NUL', '<a>&#0;</a>'],
    ['two roots', '<a/><b/>'],
    ['a duplicate attribute', '<a b="1" b="2"/>'],
    [']]> in text', '<a>]]></a>'],
    ['text after the root', '<a/>x'],
  ])('rejects %s', (_label, xml) => {
    expect(() => parseXml(xml)).toThrow();
  });

  it('decodes what it accepts', () => {
    const el = parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1&#10;2">p &lt;q&gt; &amp; &#x263A;<b/></a>\n');
    expect(el).toMatchObject({ name: 'a', attrs: { x: '1\n2' }, text: 'p <q> & \u263a' });
  });
});

describe('xml escaping', () => {
  it.each([
    ['a\u0000b\u001bc\u0007d', 'abcd'],
    ['x\uD800y\uFFFEz\uFFFF', 'xyz'],
    ['tab\tlf\ncr\r😀', 'tab\tlf\ncr\r😀'],
  ])('strips what XML 1.0 forbids from %j', (input, want) => {
    expect(stripIllegalXml(input)).toBe(want);
  });

  it('round-trips text and attributes through a parser', () => {
    const s = 'a <b> & "c" \'d\'\n\te ]]> f';
    const el = parseXml(`<r v="${xmlAttr(s)}">${xmlText(s)}</r>`);
    expect(el.attrs.v).toBe(s);
    expect(el.text).toBe(s);
  });
});

describe('toJUnit', () => {
  const report = sampleReport();
  const xml = toJUnit(report);
  const root = parseXml(xml);
  const cases = findAll(root, 'testcase');
  const byName = Object.fromEntries(cases.map((c) => [`${c.attrs.classname}/${c.attrs.name}`, c]));

  it('is well-formed, from a valid report', () => {
    expect(reportErrors(report)).toEqual([]);
    expect(root.name).toBe('testsuites');
  });

  it('has one testsuite per exercise and one testcase per part', () => {
    const suites = findAll(root, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual(['he-init', 'quiz-xor']);
    expect(suites.map((s) => s.children.filter((c) => c.name === 'testcase').length)).toEqual([8, 1]);
    expect(cases.map((c) => c.attrs.time)).toEqual([
      '0.012',
      '0.012',
      '0.012',
      '0.000',
      '0.012',
      '0.012',
      '0.012',
      '0.012',
      '0.012',
    ]);
  });

  it('counts failures, errors and skipped consistently with the elements', () => {
    expect(findAll(root, 'failure')).toHaveLength(4);
    expect(findAll(root, 'error')).toHaveLength(2);
    expect(findAll(root, 'skipped')).toHaveLength(1);
    // Totals on <testsuites> without skipped: Jenkins' junit-10.xsd refuses the attribute there (junit-xsd.test.ts).
    expect(root.attrs).toMatchObject({ tests: '9', failures: '4', errors: '2' });
    expect(root.attrs.skipped).toBeUndefined();
    expect(findAll(root, 'testsuite')[0].attrs).toMatchObject({ tests: '8', failures: '4', errors: '2', skipped: '1' });
    expect(findAll(root, 'testsuite')[1].attrs).toMatchObject({ tests: '1', failures: '0', errors: '0', skipped: '0' });
  });

  it.each([
    ['he-init/ok', undefined, undefined],
    ['he-init/wrong', 'failure', 'wrong-value'],
    ['he-init/half', 'failure', 'partial-credit'],
    ['he-init/crash', 'error', 'threw'],
    ['he-init/slow', 'error', 'timeout'],
    ['he-init/absent', 'failure', 'missing-export'],
    ['he-init/essay', 'skipped', undefined],
    ['he-init/secret', 'failure', 'wrong-value'],
    ['quiz-xor/answer', undefined, undefined],
  ])('%s has a <%s> of type %s', (name, kind, type) => {
    const tc = byName[name];
    expect(tc.children.map((c) => c.name)).toEqual(kind ? [kind] : []);
    if (kind && kind !== 'skipped') expect(tc.children[0].attrs.type).toBe(type);
  });

  it('marks needs-review as skipped with the review note', () => {
    const s = byName['he-init/essay'].children[0];
    expect(s.attrs.message).toBe('needs review');
    expect(s.text).toMatch(/manual review/);
  });

  it('keeps the escaped message and case details of a visible failure', () => {
    const f = byName['he-init/wrong'].children[0];
    expect(f.attrs.message).toContain('wrong(2): expected 4 <&> got 5');
    expect(f.text).toContain('5 "quoted" <tag>');
  });

  it("wraps the student's output, minus illegal characters, in <system-out>", () => {
    const outs = findAll(root, 'system-out');
    expect(outs).toHaveLength(1);
    expect(outs[0].text).toBe(HOSTILE_OUTPUT.replace(/[\u0000\u001b\u0007\uD800\uFFFE]/g, ''));
  });

  it("never shows a hidden part's expected value", () => {
    expect(xml).not.toContain(SECRET);
    expect(byName['he-init/secret'].children[0].text).not.toContain('secret(2)');
  });
});
