// Machine formats of one report: every one is a view of the same result model (JSON, Gradescope, JUnit, LTI).
import type { GradescopeOptions, Report, ReportFormat } from '../model/report.js';
import { toGradescope } from './gradescope.js';
import { toJUnit } from './junit.js';
import { toLtiScore } from './lti.js';

export { FORMATS, type ReportFormat } from '../model/report.js';

/** Renders a non-text format; text has its own renderer because it needs a palette. */
export function renderReport(
  report: Report,
  format: Exclude<ReportFormat, 'text'>,
  gradescope: GradescopeOptions = {},
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'gradescope':
      return `${JSON.stringify(toGradescope(report, gradescope), null, 2)}\n`;
    case 'junit':
      return toJUnit(report);
    case 'lti':
      // One student per report: the batch id when there is one, else the folder as the user named it.
      return `${JSON.stringify(toLtiScore(report, report.submission.student ?? report.submission.path), null, 2)}\n`;
  }
}
