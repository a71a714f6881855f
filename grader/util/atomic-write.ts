// Atomic file writes (temp file in the same folder + rename): readers and resumed runs never see half a file.
import { renameSync, writeFileSync } from 'node:fs';

export function atomicWrite(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}
