// --shard i/n: a deterministic slice of the students by a stable hash of their id, so adding a student moves no other one.
import { createHash } from 'node:crypto';
import { TfgradeError } from '../util/errors.js';

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count || !Number.isSafeInteger(count)) {
    throw new TfgradeError(
      'USAGE',
      `--shard ${JSON.stringify(text)} is not i/n with 1 <= i <= n`,
      'e.g. --shard 2/4 grades the second of four slices',
    );
  }
  return { index, count };
}

/** 1-based slice of a student id: sha256 of the id (not its position in the folder), so it is the same on every machine. */
export function shardOf(studentId: string, count: number): number {
  const h = createHash('sha256').update(studentId, 'utf8').digest();
  // 48 bits keep the modulo bias far below anything visible, and stay exact in a double.
  return (h.readUIntBE(0, 6) % count) + 1;
}

export function inShard(studentId: string, shard: Shard | undefined): boolean {
  return !shard || shardOf(studentId, shard.count) === shard.index;
}
