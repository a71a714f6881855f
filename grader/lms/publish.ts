// Posting scores: Canvas's bulk grade update per assignment, or one AGS score per (line item, user); changed ones only.
import type { Io } from '../util/io.js';
import { describeRequest, sendWithRetry, type HttpRequest, type RetryOptions } from './http.js';
import { fetchAccessToken, tokenRequest, type LtiTool } from './lti-auth.js';
import { nextTimestamp, publishedFile, readPublished, writePublished, type Published } from './record.js';
import { ltiScoreOf, type Posting } from './scores.js';
import { plural } from '../util/plural.js';

export type Destination =
  | { kind: 'canvas'; baseUrl: string; courseId: string; token?: string }
  | { kind: 'lti'; tool?: LtiTool };

export const LTI_SCORE_TYPE = 'application/vnd.ims.lis.v1.score+json';

/** POST <lineitem>/scores: the path gets /scores, a query string stays after it (AGS §3.4). */
export function scoresUrl(lineItem: string): string {
  const u = new URL(lineItem);
  u.pathname = `${u.pathname.replace(/\/$/, '')}/scores`;
  return u.toString();
}

interface Item {
  key: string;
  posting: Posting;
  sent: string;
  timestamp?: string;
}
interface Job {
  label: string;
  items: Item[];
  request(token: string): HttpRequest;
}

const keyOf = (d: Destination, p: Posting): string =>
  d.kind === 'canvas'
    ? `canvas ${d.baseUrl} course ${d.courseId} assignment ${p.target.assignment.id} user ${p.lmsUser}`
    : `lti ${p.target.assignment.id} user ${p.lmsUser}`;

function canvasJobs(d: Extract<Destination, { kind: 'canvas' }>, items: Item[]): Job[] {
  const byAssignment = new Map<string, Item[]>();
  for (const it of items)
    byAssignment.set(it.posting.target.assignment.id, [
      ...(byAssignment.get(it.posting.target.assignment.id) ?? []),
      it,
    ]);
  return [...byAssignment].map(([assignment, its]) => ({
    label: `${its[0].posting.target.assignment.title}: ${plural(its.length, 'grade')}`,
    items: its,
    request: (token) => ({
      method: 'POST',
      url: `${d.baseUrl.replace(/\/$/, '')}/api/v1/courses/${encodeURIComponent(d.courseId)}/assignments/${encodeURIComponent(assignment)}/submissions/update_grades`,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body: new URLSearchParams(
        its.map((it) => [`grade_data[${it.posting.lmsUser}][posted_grade]`, String(it.posting.scoreGiven)]),
      ).toString(),
    }),
    // Canvas answers with a Progress object and applies the grades in the background.
  }));
}

function ltiJobs(items: Item[]): Job[] {
  return items.map((it) => ({
    label: `${it.posting.target.assignment.title}: ${it.posting.student}`,
    items: [it],
    request: (token) => ({
      method: 'POST',
      url: scoresUrl(it.posting.target.assignment.id),
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': LTI_SCORE_TYPE },
      body: JSON.stringify(ltiScoreOf(it.posting, it.timestamp!)),
    }),
  }));
}

export interface PublishOptions {
  out: string;
  dest: Destination;
  postings: Posting[];
  dryRun: boolean;
  retry: Omit<RetryOptions, 'onRetry'>;
  io: Io;
  shown: (f: string) => string;
}

export interface PublishResult {
  planned: number;
  unchanged: number;
  posted: number;
  failed: { what: string; why: string }[];
}

/** What a posting sends, the timestamp aside: equal to the record's means already there. */
const sentOf = (d: Destination, p: Posting): string =>
  JSON.stringify(d.kind === 'canvas' ? { posted_grade: p.scoreGiven } : { ...ltiScoreOf(p, ''), timestamp: undefined });

export async function publish(o: PublishOptions): Promise<PublishResult> {
  const record: Published = readPublished(o.out, o.shown);
  const { dest, io } = o;
  const items: Item[] = [];
  let unchanged = 0;
  for (const p of o.postings) {
    const key = keyOf(dest, p);
    const sent = sentOf(dest, p);
    const before = record.entries[key];
    if (before?.sent === sent) {
      unchanged++;
      continue;
    }
    items.push({
      key,
      posting: p,
      sent,
      ...(dest.kind === 'lti' ? { timestamp: nextTimestamp(before?.timestamp) } : {}),
    });
  }
  const jobs = dest.kind === 'canvas' ? canvasJobs(dest, items) : ltiJobs(items);
  const result: PublishResult = { planned: items.length, unchanged, posted: 0, failed: [] };
  io.stderr.write(
    `${plural(items.length, 'score')} to post in ${plural(jobs.length, 'request')}; ${unchanged} unchanged since the last post (${o.shown(publishedFile(o.out))})\n`,
  );
  if (o.dryRun) {
    if (dest.kind === 'lti' && jobs.length && dest.tool)
      io.stdout.write(`${describeRequest(tokenRequest(dest.tool))}\n\n`);
    else if (dest.kind === 'lti' && jobs.length)
      io.stderr.write('note: no LTI key set (TFGRADE_LTI_KEY_FILE): the token request is not shown\n');
    for (const j of jobs) io.stdout.write(`${describeRequest(j.request('<token>'))}\n\n`);
    io.stderr.write('dry run: nothing was posted\n');
    return result;
  }
  if (!jobs.length) return result;
  const retry: RetryOptions = {
    ...o.retry,
    onRetry: (why, ms, n) => io.stderr.write(`  ${why}; retry ${n} in ${(ms / 1000).toFixed(1)} s\n`),
  };
  const token = dest.kind === 'canvas' ? dest.token! : await fetchAccessToken(dest.tool!, retry);
  for (const [i, job] of jobs.entries()) {
    let why: string | undefined;
    try {
      const res = await sendWithRetry(job.request(token), retry);
      // Canvas and LTI AGS both answer a posted score with 2xx.
      if (res.status < 200 || res.status >= 300)
        why = `HTTP ${res.status}${res.body ? `: ${res.body.slice(0, 200).replace(/\s+/g, ' ')}` : ''}`;
    } catch (e) {
      why = (e as Error).message;
    }
    if (why) {
      result.failed.push({ what: job.label, why });
      io.stderr.write(`failed ${i + 1}/${jobs.length} ${job.label}: ${why}\n`);
      continue;
    }
    const at = new Date().toISOString();
    for (const it of job.items) {
      record.entries[it.key] = {
        student: it.posting.student,
        lmsUser: it.posting.lmsUser,
        target: it.posting.target.assignment.id,
        sent: it.sent,
        ...(it.timestamp ? { timestamp: it.timestamp } : {}),
        at,
      };
    }
    writePublished(o.out, record);
    result.posted += job.items.length;
    io.stderr.write(`posted ${i + 1}/${jobs.length} ${job.label}\n`);
  }
  return result;
}
