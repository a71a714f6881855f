// `grade merge <dirs..> --out <dir>`: placeholder until issue 4 lands.
import type { Io } from '../cli/io.js';
import { TfgradeError } from '../util/errors.js';

export async function mergeCommand(_io: Io, _dirs: string[], _out?: string): Promise<number> {
  throw new TfgradeError('USAGE', 'grade merge is not available yet');
}
