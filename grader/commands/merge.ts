// `grade merge <dirs..> --out <dir>`: combine shard folders into one, refusing conflicts, and recompute every aggregate.
import { showControl } from '../util/control-chars.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { shown, type Io } from '../util/io.js';
import { allPassed, type Report } from '../model/report.js';
import type { Ignored, Layout, Unattributed } from '../model/student.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { TfgradeError } from '../util/errors.js';
import { byPath } from '../layouts/discover.js';
import { readStudentReport, writeAggregates } from '../class-report/outputs.js';
import { decisionPass, mergeDecisions, readDecisions, writeDecisions, type Decision } from '../review/reviews.js';
import { identityOf, readSummary } from '../class-report/output-folder.js';
import { decodeStudentFile, isReportFileName, studentFile, byId } from '../layouts/student-id.js';
import { summarize, type RosterRow } from '../class-report/summary.js';
import type { Graded } from '../model/student.js';
import { renderSummaryTable } from '../class-report/table.js';

/** A report without the fields that differ between two gradings of the same files (when, how long). */
export function stableView(r: Report): string {
  const { createdAt: _c, durationMs: _d, ...rest } = r;
  return JSON.stringify({
    ...rest,
    exercises: r.exercises.map((e) => ({ ...e, parts: e.parts.map(({ durationMs: _p, ...p }) => p) })),
  });
}

interface Entry {
  graded: Graded;
  text: string;
  from: string;
}

/** What the shard folders hold together: reports by student, and the summaries' and reviews' parts to merge. */
interface Shards {
  entries: Map<string, Entry>;
  layouts: Set<Layout | undefined>;
  unattributed: Map<string, Unattributed>;
  ignored: Map<string, Ignored>;
  decisions: Decision[][];
}

export async function mergeCommand({ dirs, out }: { dirs: string[]; out?: string }, io: Io): Promise<number> {
  if (!out)
    throw new TfgradeError('USAGE', 'grade merge needs --out <dir>', 'e.g. grade merge shard-1 shard-2 --out reports');
  const outAbs = resolve(io.cwd, out);
  const shards: Shards = {
    entries: new Map(),
    layouts: new Set(),
    unattributed: new Map(),
    ignored: new Map(),
    decisions: [],
  };
  for (const given of dirs) readShard(resolve(io.cwd, given), outAbs, io, shards);
  const { entries, layouts, unattributed, ignored } = shards;
  // Each shard's TA decisions come along (the latest per part), and apply to the merged reports as in any batch folder.
  const merged = mergeDecisions(shards.decisions);
  const stale = applyDecisions(entries, merged);
  const all = [...entries.values()].sort((a, b) => byId(a.graded, b.graded));
  const layout = layouts.size === 1 ? [...layouts][0] : undefined;
  const graded = all.map((e) => e.graded);
  const extra = {
    layout,
    unattributed: [...unattributed.values()].sort(byPath),
    ignored: [...ignored.values()].sort(byPath),
    stale,
  };
  // Check everything before writing anything: a refused merge leaves --out as it was (summarize refuses mixed exercises).
  summarize(graded, extra);
  refuseOverwrites(all, outAbs, io);
  for (const e of all) writeFileAtomic(join(outAbs, `${e.graded.file}.json`), e.text);
  if (merged.length) writeDecisions(outAbs, merged);
  const summary = writeAggregates(outAbs, graded, extra, []);
  io.stdout.write(renderSummaryTable(summary, { out: shown(io, outAbs) }));
  return graded.every((g) => allPassed(g.report)) ? 0 : 1;
}

/** One shard folder into `shards`: its summary's lists, its reviews, and the reports of the students it lists. */
function readShard(dir: string, outAbs: string, io: Io, shards: Shards): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new TfgradeError('USAGE', `no report folder at ${shown(io, dir)}`, 'pass the --out folders of the shards');
  if (dir === outAbs)
    throw new TfgradeError(
      'USAGE',
      `--out ${shown(io, outAbs)} is also one of the folders to merge`,
      'merge into a new folder',
    );
  const summary = readSummary(dir, (f) => shown(io, f), 'merge the --out folders of `grade batch` runs');
  shards.decisions.push(readDecisions(dir, (f) => shown(io, f)));
  shards.layouts.add(summary?.layout);
  for (const u of summary?.unattributed ?? []) shards.unattributed.set(JSON.stringify([u.path, u.reason]), u);
  for (const u of summary?.ignored ?? []) shards.ignored.set(JSON.stringify([u.path, u.student, u.reason]), u);
  const roster = new Map((summary?.roster ?? []).map((r) => [r.report, r]));
  for (const name of readdirSync(dir).filter(isReportFileName).sort()) {
    const file = join(dir, name);
    // A shard's summary.json names its students; any other .json there (a stale report) is not part of that shard.
    if (summary && !roster.has(name)) {
      io.stderr.write(`note: skipped ${showControl(shown(io, file))}: not a student of that folder's summary.json\n`);
      continue;
    }
    addReport(file, name, roster.get(name), io, shards.entries);
  }
  for (const name of roster.keys()) {
    if (!existsSync(join(dir, name)))
      throw new TfgradeError(
        'USAGE',
        `${shown(io, join(dir, name))} is missing, though that folder's summary.json lists it`,
        'the shard is incomplete: rerun it with --resume, then merge again',
      );
  }
}

/** One student's report; the same student in two shards is fine only when the two gradings agree. */
function addReport(file: string, name: string, row: RosterRow | undefined, io: Io, entries: Map<string, Entry>): void {
  const r = readStudentReport(file);
  if (!r.ok)
    throw new TfgradeError(
      'USAGE',
      `${shown(io, file)} is ${r.problem}`,
      'regrade that shard (grade batch ... --resume) and merge again',
    );
  const id =
    r.report.submission.student ??
    row?.id ??
    decodeStudentFile(name.slice(0, -'.json'.length)) ??
    name.slice(0, -'.json'.length);
  const graded: Graded = {
    id,
    file: studentFile(id),
    identity: identityOf(row),
    ...(row?.late ? { late: true } : {}),
    report: r.report,
  };
  const prev = entries.get(id);
  if (prev && stableView(prev.graded.report) !== stableView(r.report)) {
    throw new TfgradeError(
      'USAGE',
      `student ${showControl(id)} has different reports in ${prev.from} and ${shown(io, file)}`,
      'the shards overlap: were they graded with the same --shard n and the same exercises? Remove one report and merge again',
    );
  }
  if (!prev) entries.set(id, { graded, text: r.text, from: shown(io, file) });
}

/** The merged decisions applied to every report (its text redone only when one changed it); returns the stale ones. */
function applyDecisions(entries: Map<string, Entry>, merged: Decision[]): ReturnType<typeof decisionPass>['stale'] {
  const pass = decisionPass(merged);
  for (const e of entries.values()) {
    const report = pass.apply(e.graded.report);
    if (stableView(report) !== stableView(e.graded.report)) {
      e.graded.report = report;
      e.text = `${JSON.stringify(report, null, 2)}\n`;
    }
  }
  return pass.stale;
}

/** A report already in --out is left alone only when it is the very same text: merging never overwrites a different one. */
function refuseOverwrites(all: Entry[], outAbs: string, io: Io): void {
  for (const e of all) {
    const dest = join(outAbs, `${e.graded.file}.json`);
    if (existsSync(dest) && readFileSync(dest, 'utf8') !== e.text) {
      throw new TfgradeError(
        'USAGE',
        `${shown(io, dest)} already holds a different report`,
        'merge into an empty folder',
      );
    }
  }
}
