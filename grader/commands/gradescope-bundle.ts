// `grade gradescope-bundle`: placeholder until issue 4 lands.
import type { Io } from '../cli/io.js';
import { TfgradeError } from '../util/errors.js';

export async function gradescopeBundleCommand(_io: Io, _exercises: string[], _out?: string): Promise<number> {
  throw new TfgradeError('USAGE', 'grade gradescope-bundle is not available yet');
}
