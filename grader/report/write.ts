// Writes a JSON report atomically (temp file + rename): a reader or an interrupted run never sees half a report.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Report } from '../model/report.js';
import { atomicWrite } from '../util/atomic-write.js';

export function writeReport(file: string, report: Report): void {
  mkdirSync(dirname(file), { recursive: true });
  atomicWrite(file, JSON.stringify(report, null, 2) + '\n');
}
