// JUnit XML view of a report for CI systems: one <testsuite> per exercise, one <testcase> per part.
import type { ExerciseReport, PartReport, Report } from '../model/report.js';
import { partDetails } from './part-details.js';
import { points, pointsOf } from '../util/numbers.js';

/**
 * Characters XML 1.0 forbids anywhere, even escaped: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
 * Student output can hold any of them (a stray \x1b or \0), and one makes the whole file unreadable to a CI parser.
 */
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripIllegalXml(s: string): string {
  return s.replace(ILLEGAL, '');
}

/** Text content: &, < and > escaped (> too, so "]]>" in student output cannot end anything). */
export function xmlText(s: string): string {
  return stripIllegalXml(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values: quotes too, and tab/LF/CR as references, because attribute normalization would turn them into spaces. */
export function xmlAttr(s: string | number): string {
  return xmlText(String(s))
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

const seconds = (ms: number | undefined): string => ((ms ?? 0) / 1000).toFixed(3);

type Kind = 'failure' | 'error' | 'skipped' | undefined;

/** How a part status maps onto JUnit's vocabulary: wrong answers fail, crashes and hangs are errors. */
export function junitKind(status: PartReport['status']): Kind {
  switch (status) {
    case 'passed':
      return undefined;
    case 'failed':
    case 'partial':
    case 'missing':
      return 'failure';
    case 'error':
    case 'timeout':
      return 'error';
    case 'needs-review':
      return 'skipped';
  }
}

/** The one-line message attribute: a hidden part's message is the engine's generic text, never its cases. */
function shortMessage(p: PartReport): string {
  const first = p.visibility === 'hidden' ? `hidden test ${p.status}` : p.message.split('\n')[0];
  return `${first.length > 200 ? `${first.slice(0, 199)}…` : first} (${pointsOf(p.score, p.maxScore)})`;
}

function testcase(ex: ExerciseReport, p: PartReport): string {
  const open = `    <testcase classname="${xmlAttr(ex.id)}" name="${xmlAttr(p.id)}" time="${seconds(p.durationMs)}"`;
  const kind = junitKind(p.status);
  if (!kind) return `${open}/>`;
  const body = xmlText(partDetails(p));
  const child =
    kind === 'skipped'
      ? `<skipped message="needs review">${body}</skipped>`
      : `<${kind} message="${xmlAttr(shortMessage(p))}" type="${xmlAttr(p.reason)}">${body}</${kind}>`;
  return `${open}>\n      ${child}\n    </testcase>`;
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function counts(parts: PartReport[]): Counts {
  const k = parts.map((p) => junitKind(p.status));
  return {
    tests: parts.length,
    failures: k.filter((x) => x === 'failure').length,
    errors: k.filter((x) => x === 'error').length,
    skipped: k.filter((x) => x === 'skipped').length,
  };
}

const countAttrs = (c: Counts): string =>
  `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}"`;

/**
 * Jenkins' xUnit plugin validates against its junit-10.xsd, whose <testsuites> allows name, time, tests, failures and
 * errors only: a `skipped` there rejects the whole file. The skipped count stays on each <testsuite>, where it is allowed.
 */
const totalAttrs = (c: Counts): string => `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}"`;

function testsuite(r: Report, ex: ExerciseReport): string {
  const time = ex.parts.reduce((a, p) => a + (p.durationMs ?? 0), 0);
  const props = {
    title: ex.title,
    file: ex.file,
    status: ex.status,
    score: points(ex.score),
    maxScore: points(ex.maxScore),
  };
  const lines = [
    // Ant's schema wants a timestamp without a zone; createdAt is UTC, so its first 19 characters say the same.
    `  <testsuite name="${xmlAttr(ex.id)}" ${countAttrs(counts(ex.parts))} time="${seconds(time)}" timestamp="${xmlAttr(r.createdAt.slice(0, 19))}">`,
    '    <properties>',
    ...Object.entries(props).map(([k, v]) => `      <property name="${k}" value="${xmlAttr(v)}"/>`),
    '    </properties>',
    ...ex.parts.map((p) => testcase(ex, p)),
  ];
  if (ex.output) lines.push(`    <system-out>${xmlText(ex.output)}</system-out>`);
  if (ex.warnings?.length)
    lines.push(`    <system-err>${xmlText(ex.warnings.map((w) => `warning: ${w}`).join('\n'))}</system-err>`);
  lines.push('  </testsuite>');
  return lines.join('\n');
}

export function toJUnit(report: Report): string {
  const total = counts(report.exercises.flatMap((e) => e.parts));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="tfgrade" ${totalAttrs(total)} time="${seconds(report.durationMs)}">`,
    ...report.exercises.map((ex) => testsuite(report, ex)),
    '</testsuites>',
    '',
  ].join('\n');
}
