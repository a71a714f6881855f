// JUnit output validated with xmllint against the constraints of Jenkins' xUnit junit-10.xsd (test/schemas/junit-10.xsd).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toJUnit } from '../../../grader/report/junit.js';
import { allPassedReport, sampleReport } from './sample-report.js';

const XSD = new URL('../../schemas/junit-10.xsd', import.meta.url).pathname;
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'tfgrade-junit-xsd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** xmllint's verdict: '' when valid, else its messages. */
function xsdErrors(xml: string, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  return r.status === 0 ? '' : r.stderr;
}

// Debian's libxml2-utils; .ci/run installs it. Skipped (and named as skipped) where it is absent.
describe.skipIf(!hasXmllint)('JUnit against junit-10.xsd (xmllint)', () => {
  it('the schema itself rejects what Jenkins rejects: skipped on <testsuites>', () => {
    expect(
      xsdErrors(
        '<testsuites tests="1" skipped="0"><testsuite name="a" tests="0" failures="0" errors="0"/></testsuites>',
        'bad.xml',
      ),
    ).toMatch(/skipped/);
    expect(xsdErrors('<testsuites><testsuite name="a" tests="0"/></testsuites>', 'bad2.xml')).toMatch(/failures/);
  });

  it.each([
    ['a report with every status', sampleReport()],
    ['an all-passed report', allPassedReport()],
  ])('accepts %s', (_label, report) => {
    expect(xsdErrors(toJUnit(report), 'report.xml')).toBe('');
  });

  it('still counts skipped parts on each <testsuite>', () => {
    const out = execFileSync('xmllint', ['--xpath', 'string(/testsuites/testsuite[1]/@skipped)', '-'], {
      input: toJUnit(sampleReport()),
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('1');
  });
});
