// `grade batch <folder>`: placeholder until issue 4 lands (a pool of gradeSubmission over discovered students).
import type { Io } from '../cli/io.js';
import type { RunArgs } from './grade.js';
import { TfgradeError } from '../util/errors.js';

export interface BatchArgs extends RunArgs {
  folder: string;
  exercises: string[];
  out?: string;
  jobs?: number;
  resume: boolean;
  force: boolean;
  shard?: string;
}

export async function batchCommand(_args: BatchArgs, _io: Io): Promise<number> {
  throw new TfgradeError('USAGE', 'grade batch is not available yet');
}
