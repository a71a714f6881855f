// Writes a rendered report atomically (temp file + rename): a reader or an interrupted run never sees half a report.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { atomicWrite } from '../util/atomic-write.js';

export function writeReport(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  atomicWrite(file, text);
}
