// Machine formats of one report: every one is a view of the same result model (JSON, Gradescope, JUnit, LTI).
import type { Report } from '../model/report.js';

export type ReportFormat = 'text' | 'json' | 'gradescope' | 'junit' | 'lti';

/** Renders a non-text format; text has its own renderer because it needs a palette. */
export function renderReport(report: Report, format: Exclude<ReportFormat, 'text'>): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    default:
      // TODO(issue 4): gradescope, junit and lti views land with the LMS work.
      throw new Error(`format ${format} is not available yet`);
  }
}
