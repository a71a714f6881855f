// `grade review <out>`: the TA's side of a batch. Decide every needs-review part (interactively, by accepting the
// rubric's suggestions, or through a spreadsheet), override any part with a reason; each decision is saved at once in
// <out>/reviews.json and flows into every report and aggregate of the folder.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { userInfo } from 'node:os';
import { shown, type Io } from '../util/io.js';
import { TfgradeError, formatProblems } from '../util/errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { loadSpecs } from '../spec/load.js';
import { applyToFolder, readBatchFolder } from '../class-report/output-folder.js';
import {
  findPart,
  parseScore,
  readDecisions,
  draftDecision,
  writeDecisions,
  type Decision,
  type DecisionDraft,
} from '../review/reviews.js';
import { reviewQueue, runReviewSession } from '../review/review-session.js';
import { exportCsv, importCsv } from '../review/reviews-csv.js';
import { plural } from '../util/plural.js';

export interface ReviewArgs {
  out: string;
  acceptSuggested?: boolean;
  /** With acceptSuggested: only suggestions at least this fraction of the part's points. */
  minSuggested?: number;
  export?: string;
  import?: string;
  /** student, exercise.part, score */
  override?: string[];
  reason?: string;
  by?: string;
}

export async function reviewCommand(args: ReviewArgs, io: Io): Promise<number> {
  const out = resolve(io.cwd, args.out);
  const folder = readBatchFolder(out, (f) => shown(io, f));
  const decisions = readDecisions(out, (f) => shown(io, f));
  const by = args.by ?? io.env.TFGRADE_REVIEWER ?? safeUser();
  const stamp = (d: DecisionDraft): Decision => ({ ...d, by, at: new Date().toISOString() });
  const save = (more: DecisionDraft[]) => {
    decisions.push(...more.map(stamp));
    writeDecisions(out, decisions);
    return applyToFolder(out, folder, decisions);
  };
  const queue = () => reviewQueue(folder.graded);

  if (args.export) {
    const file = resolve(io.cwd, args.export);
    const items = queue();
    writeFileAtomic(file, exportCsv(items, folder.graded));
    io.stdout.write(
      `wrote ${shown(io, file)}: ${items.length} parts to review; fill in score (and comment), then grade review ${shown(io, out)} --import ${shown(io, file)}\n`,
    );
    return 0;
  }
  let made: DecisionDraft[] = [];
  if (args.import) {
    const path = resolve(io.cwd, args.import);
    const file = shown(io, path);
    const { decisions: rows, problems } = importCsv(readText(io, path), folder.graded);
    if (problems.length) {
      const listed = problems.map((p) => ({
        file,
        path: `row ${p.row}, column ${p.column}`,
        message: `[${p.code}] ${p.message}`,
      }));
      throw new TfgradeError(
        'REVIEWS_INVALID',
        `${plural(problems.length, 'bad row')} in ${file}; nothing was imported:\n${formatProblems(listed)}`,
        'fix those cells and import again',
        listed,
      );
    }
    made = rows;
  } else if (args.override) {
    made = [overrideOf(args, folder.graded)];
  } else if (args.acceptSuggested) {
    const min = args.minSuggested ?? 0;
    made = queue()
      .filter((x) => !x.p.review && x.p.suggestedScore !== undefined && x.p.suggestedScore >= min * x.p.maxScore)
      .map((x) =>
        draftDecision(x, x.p, 'review', x.p.suggestedScore!, { comment: "accepted the rubric's suggestion" }),
      );
  } else {
    if (!io.stdin)
      throw new TfgradeError(
        'USAGE',
        'grade review asks its questions on standard input, and there is none',
        'use --accept-suggested, --export/--import or --override',
      );
    const specs = new Map(loadSpecs(io.root, io.cwd).map((s) => [s.spec.id, s.spec]));
    const terminal = io.stdout.isTTY === true;
    const screen = {
      input: io.stdin,
      write: (s: string) => io.stdout.write(s),
      ...(terminal ? { clear: () => io.stdout.write('\x1b[2J\x1b[H'), columns: io.stdout.columns } : {}),
    };
    await runReviewSession(queue(), specs, screen, (d) => {
      save([d]);
      return findPart(folder.graded, d.student, d.exercise, d.part);
    });
  }
  const summary = made.length ? save(made) : applyToFolder(out, folder, decisions);
  const r = summary.reviews;
  io.stdout.write(
    `${shown(io, out)}: ${plural(r.decided, 'part')} decided, ${r.pending} still to review${r.stale.length ? `, ${r.stale.length} made on an earlier answer (listed in summary.json)` : ''}\n`,
  );
  return 0;
}

function overrideOf(args: ReviewArgs, graded: ReturnType<typeof readBatchFolder>['graded']): DecisionDraft {
  const [student, target, scoreText] = args.override ?? [];
  const [exercise, part] = (target ?? '').split('.');
  const p = findPart(graded, student, exercise, part);
  if (!graded.some((g) => g.id === student))
    throw new TfgradeError('USAGE', `no student '${student}' in this batch`, "use the id from summary.json's roster");
  if (!p) throw new TfgradeError('USAGE', `no part '${target}'`, 'name it as <exercise>.<part>, e.g. p3.gradientFlow');
  const score = parseScore(scoreText ?? '', p);
  if ('problem' in score)
    throw new TfgradeError('USAGE', score.message, `give the points for the part, from 0 to ${p.maxScore}`);
  if (!args.reason?.trim())
    throw new TfgradeError(
      'USAGE',
      'an override needs --reason',
      'say why, e.g. --reason "regrade request: equivalent formulation"',
    );
  return draftDecision({ student, exercise, part }, p, 'override', score.score, { reason: args.reason });
}

function readText(io: Io, file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new TfgradeError('USAGE', `cannot read ${shown(io, file)}`, 'pass the CSV written by --export');
  }
  try {
    // Not the lenient decoder: a sheet saved in another encoding would turn every é of a comment into U+FFFD.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TfgradeError(
      'REVIEWS_INVALID',
      `${shown(io, file)} is not UTF-8 [NOT_UTF8]; nothing was imported`,
      'save it from the spreadsheet as "CSV UTF-8" and import again',
    );
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
