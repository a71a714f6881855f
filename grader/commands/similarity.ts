// `grade similarity <folder> --out <dir>`: compare the code of a batch's students again, e.g. after merging shards
// (each shard saw only its own students) or with another threshold; summary.json and summary.html get the pairs.
import { resolve } from 'node:path';
import { shown, type Io } from '../util/io.js';
import { TfgradeError } from '../util/errors.js';
import { loadSpecs } from '../spec/load.js';
import { readBatchFolder } from '../class-report/output-folder.js';
import { writeAggregates } from '../class-report/outputs.js';
import { aggregatesOf } from '../class-report/summary.js';
import { classSimilarity } from '../class-report/similarity.js';
import { renderSimilarityText } from '../class-report/table.js';
import { batchFolder, discoverStudents } from './batch.js';

export interface SimilarityArgs {
  folder: string;
  out?: string;
  /** Pairs at or above this share of the smaller submission's fingerprints are listed. */
  threshold?: number;
  format?: 'text' | 'json';
}

export async function similarityCommand(args: SimilarityArgs, io: Io): Promise<number> {
  const folder = batchFolder(io, args.folder);
  const out = resolve(io.cwd, args.out ?? 'reports');
  const batch = readBatchFolder(out, (f) => shown(io, f));
  const found = discoverStudents(io, folder, out);
  // The students of the reports, found again in the folder they were graded from.
  const graded = new Set(batch.graded.map((g) => g.id));
  const students = found.students.filter((s) => graded.has(s.id));
  if (!students.length) {
    throw new TfgradeError(
      'USAGE',
      `none of the ${graded.size} students of ${shown(io, out)} is in ${shown(io, folder)}`,
      'pass the submissions folder that batch graded',
    );
  }
  const missing = graded.size - students.length;
  if (missing)
    io.stderr.write(
      `note: ${missing} student${missing === 1 ? ' of the reports is' : 's of the reports are'} not in ${shown(io, folder)}: not compared\n`,
    );
  const exercises = new Set(batch.graded[0]?.report.exercises.map((e) => e.id));
  const specs = loadSpecs(io.root, io.cwd)
    .map((s) => s.spec)
    .filter((s) => exercises.has(s.id));
  const similarity = classSimilarity(
    io.root,
    students,
    specs,
    args.threshold !== undefined ? { threshold: args.threshold } : {},
  );
  const summary = writeAggregates(out, batch.graded, { ...aggregatesOf(batch.summary), similarity }, []);
  io.stdout.write(
    args.format === 'json'
      ? `${JSON.stringify(summary.similarity, null, 2)}\n`
      : renderSimilarityText(similarity, shown(io, out)),
  );
  return 0;
}
