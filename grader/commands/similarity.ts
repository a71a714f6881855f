// `grade similarity <folder> --out <dir>`: compare the code of a batch's students again, e.g. after merging shards
// (each shard saw only its own students) or with another threshold; summary.json and summary.html get the pairs.
import { resolve } from 'node:path';
import type { Io } from '../util/io.js';
import { TfgradeError } from '../util/errors.js';
import { listSpecFiles, loadSpecs } from '../spec/load.js';
import { discover } from '../batch/discover.js';
import { readBatchFolder } from '../batch/folder.js';
import { writeAggregates } from '../batch/outputs.js';
import { classSimilarity } from '../batch/similarity.js';
import { renderSimilarityText } from '../batch/table.js';
import { batchFolder } from './batch.js';
import { shown } from './grade.js';

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
  const batch = readBatchFolder(out);
  const known = [...listSpecFiles(io.root, io.cwd).keys()].map((id) => `${id}.ts`);
  const found = discover(folder, { known, exclude: out });
  // The students of the reports, found again in the folder they were graded from.
  const graded = new Set(batch.graded.map((g) => g.id));
  const students = found.students.filter((s) => graded.has(s.id));
  if (!students.length) {
    throw new TfgradeError('USAGE', `none of the ${graded.size} students of ${shown(io, out)} is in ${shown(io, folder)}`, 'pass the submissions folder that batch graded');
  }
  const missing = graded.size - students.length;
  if (missing) io.stderr.write(`note: ${missing} student${missing === 1 ? ' of the reports is' : 's of the reports are'} not in ${shown(io, folder)}: not compared\n`);
  const exercises = new Set(batch.graded[0]?.report.exercises.map((e) => e.id));
  const specs = loadSpecs(io.root, io.cwd).map((s) => s.spec).filter((s) => exercises.has(s.id));
  const similarity = classSimilarity(io.root, students, specs, args.threshold !== undefined ? { threshold: args.threshold } : {});
  const { layout, unattributed, ignored, reviews } = batch.summary;
  const summary = writeAggregates(out, batch.graded, { layout, unattributed, ignored, stale: reviews.stale, similarity }, []);
  io.stdout.write(args.format === 'json' ? JSON.stringify(summary.similarity, null, 2) + '\n' : renderSimilarityText(similarity, shown(io, out)));
  return 0;
}
