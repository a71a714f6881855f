// `grade publish <out>`: a batch's scores to the LMS: Canvas's import file, Canvas's REST API, or LTI AGS scores.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { shown, type Io } from '../util/io.js';
import { TfgradeError } from '../util/errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { readBatchFolder } from '../class-report/output-folder.js';
import { lineItems, readRoster, type Roster } from '../lms/roster.js';
import { matchAssignments, matchStudents } from '../lms/match.js';
import { postings, renderCanvasImport } from '../lms/scores.js';
import { publish, type Destination } from '../lms/publish.js';
import type { LtiTool } from '../lms/lti-auth.js';
import { agree, plural } from '../util/plural.js';

export interface PublishArgs {
  out: string;
  roster: string;
  to?: 'csv' | 'canvas' | 'lti';
  lineitems?: string;
  canvasUrl?: string;
  course?: string;
  tokenUrl?: string;
  clientId?: string;
  keyId?: string;
  total?: string;
  dryRun?: boolean;
}

/** A secret from `NAME` or from the file `NAME_FILE` (never from the command line, which `ps` and shell history show). */
export function secret(io: Io, name: string): string | undefined {
  const file = io.env[`${name}_FILE`];
  if (file) {
    try {
      return readFileSync(resolve(io.cwd, file), 'utf8').trim();
    } catch (e) {
      throw new TfgradeError(
        'USAGE',
        `cannot read ${name}_FILE (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`,
        `point ${name}_FILE at a readable file`,
      );
    }
  }
  return io.env[name]?.trim() || undefined;
}

const need = (v: string | undefined, flag: string, hint: string): string => {
  if (!v) throw new TfgradeError('USAGE', `${flag} is required here`, hint);
  return v;
};

function destination(args: PublishArgs, io: Io, to: 'canvas' | 'lti'): Destination {
  if (to === 'canvas') {
    const baseUrl = need(
      args.canvasUrl,
      '--canvas-url',
      'the address of your Canvas, e.g. --canvas-url https://canvas.example.edu',
    );
    const courseId = need(args.course, '--course', "the number in your course's address: /courses/<id>");
    const token = secret(io, 'TFGRADE_CANVAS_TOKEN');
    if (!token && !args.dryRun)
      throw new TfgradeError(
        'USAGE',
        'no Canvas token: set TFGRADE_CANVAS_TOKEN or TFGRADE_CANVAS_TOKEN_FILE',
        "Canvas: Account → Settings → New Access Token (a teacher's or TA's)",
      );
    return { kind: 'canvas', baseUrl, courseId, ...(token ? { token } : {}) };
  }
  const tokenUrl = need(
    args.tokenUrl,
    '--token-url',
    "the platform's OAuth 2 token endpoint, from its LTI 1.3 tool registration",
  );
  const clientId = need(args.clientId, '--client-id', 'the client id the platform gave the tool');
  const pem = secret(io, 'TFGRADE_LTI_KEY');
  if (!pem && !args.dryRun)
    throw new TfgradeError(
      'USAGE',
      "no LTI private key: set TFGRADE_LTI_KEY_FILE (or TFGRADE_LTI_KEY) to the tool's PEM private key",
      'the platform must hold the matching public key (its JWKS URL or the PEM)',
    );
  const tool: LtiTool | undefined = pem
    ? { clientId, tokenUrl, privateKeyPem: pem, ...(args.keyId ? { keyId: args.keyId } : {}) }
    : undefined;
  return { kind: 'lti', ...(tool ? { tool } : {}) };
}

function withLineItems(roster: Roster, args: PublishArgs, io: Io): Roster {
  if (!args.lineitems) return roster;
  const file = resolve(io.cwd, args.lineitems);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new TfgradeError(
      'ROSTER_INVALID',
      `cannot read the line items ${shown(io, file)} (${(e as Error).message})`,
      "save the platform's lineitems response as JSON",
    );
  }
  return { ...roster, assignments: lineItems(data, shown(io, file)) };
}

export async function publishCommand(args: PublishArgs, io: Io): Promise<number> {
  const out = resolve(io.cwd, args.out);
  const folder = readBatchFolder(out, (f) => shown(io, f));
  const roster = withLineItems(
    readRoster(resolve(io.cwd, args.roster), shown(io, resolve(io.cwd, args.roster))),
    args,
    io,
  );
  const to = args.to ?? (roster.source === 'canvas' ? 'csv' : 'lti');
  if (to === 'csv' && roster.source !== 'canvas')
    throw new TfgradeError(
      'USAGE',
      "--to csv needs the course's Canvas gradebook export as --roster (its columns are the template)",
      'Canvas: Grades → Export → Export Entire Gradebook',
    );
  if (to === 'lti' && !roster.assignments.some((a) => /^https?:/.test(a.id)))
    throw new TfgradeError(
      'USAGE',
      '--to lti needs the line items to post to',
      "save the platform's lineitems response (GET <lineitems URL>) and pass it as --lineitems <file.json>",
    );
  if (to === 'canvas' && roster.source !== 'canvas')
    throw new TfgradeError(
      'USAGE',
      '--to canvas needs the Canvas gradebook export as --roster (it gives user and assignment ids)',
      'Canvas: Grades → Export → Export Entire Gradebook',
    );

  const exercises = folder.summary.exercises.map((e) => ({ id: e.id, title: e.title, maxScore: e.maxScore }));
  const { targets, unmatched: lost } = matchAssignments(exercises, roster.assignments, args.total);
  for (const id of lost)
    io.stderr.write(`warning: exercise ${id} matches no assignment of the roster (title or id): not published\n`);
  if (!targets.length)
    throw new TfgradeError(
      'USAGE',
      'no exercise matches an assignment or line item of the roster',
      'create the assignments in the LMS named after the exercises (or their ids), export again; or name one with --total',
    );
  for (const t of targets) {
    const max = t.exercise ? exercises.find((e) => e.id === t.exercise)!.maxScore : folder.summary.maxScore;
    if (to !== 'lti' && t.assignment.points !== undefined && t.assignment.points !== max) {
      io.stderr.write(
        `warning: ${t.assignment.header ?? t.assignment.title} is worth ${t.assignment.points} points in the LMS, ${t.exercise ?? 'the total'} ${max}: grades are posted as points (set the assignment to ${max})\n`,
      );
    }
  }
  const { matched, unmatched } = matchStudents(folder.graded, roster);
  for (const g of unmatched)
    io.stderr.write(
      `warning: student ${g.id} is not in the roster (by LMS id, SIS id, login or email): not published\n`,
    );
  const missing = roster.students.length - matched.length;
  if (missing > 0)
    io.stderr.write(
      `note: ${plural(missing, 'student')} of the roster ${agree(missing, 'has', 'have')} no report: left as they are in the LMS\n`,
    );
  const all = postings(matched, targets);
  const pending = new Set(all.filter((p) => p.pending).map((p) => p.student)).size;
  if (pending)
    io.stderr.write(
      `note: ${plural(pending, 'student')} ${agree(pending, 'has', 'have')} parts awaiting review (grade review); their current scores are posted${to === 'lti' ? ' as PendingManual' : ''}\n`,
    );

  if (to === 'csv') {
    const file = join(out, 'canvas-import.csv');
    writeFileAtomic(file, renderCanvasImport(roster, matched, targets, all));
    io.stdout.write(
      `wrote ${shown(io, file)}: ${matched.length} students, ${plural(targets.length, 'assignment')} (Canvas: Grades → Import)\n`,
    );
    return unmatched.length || lost.length ? 1 : 0;
  }
  const result = await publish({
    out,
    dest: destination(args, io, to),
    postings: all,
    dryRun: !!args.dryRun,
    io,
    shown: (f) => shown(io, f),
    retry: { baseDelayMs: Number(io.env.TFGRADE_RETRY_BASE_MS ?? 1000) },
  });
  io.stdout.write(
    `${args.dryRun ? 'would post' : 'posted'} ${plural(args.dryRun ? result.planned : result.posted, 'score')}, ${result.unchanged} unchanged, ${plural(result.failed.length, 'request')} failed\n`,
  );
  return result.failed.length || unmatched.length || lost.length ? 1 : 0;
}
