// grade publish against a local LMS that enforces the documented rules: auth, content types, known users, increasing
// AGS timestamps, a 429 to retry; a re-run posts only what changed. No live LMS is used.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { publishCommand, type PublishArgs } from '../../../grader/commands/publish.js';
import type { Io } from '../../../grader/util/io.js';
import type { TfgradeError } from '../../../grader/util/errors.js';
import { parseCsv } from '../../../grader/lms/csv.js';
import { LMS_FIXTURES, makeBatch } from '../../helpers/lms-batch.js';
import { startLmsServer, toolKeys, type LmsServer } from '../../helpers/lms-server.js';
import { ltiErrors } from '../report/schemas.js';

const tmp = mkdtempSync(join(tmpdir(), 'tfgrade-publish-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let servers: LmsServer[] = [];
afterEach(async () => {
  for (const s of servers) {
    expect(s.overflow).toBe(false);
    await s.close();
  }
  servers = [];
});

function io(env: NodeJS.ProcessEnv = {}): Io & { out: string; err: string } {
  const x: Io & { out: string; err: string } = {
    root: tmp,
    cwd: tmp,
    env: { TFGRADE_RETRY_BASE_MS: '1', ...env },
    out: '',
    err: '',
    stdout: { write: (s: string) => (x.out += s) },
    stderr: { write: (s: string) => (x.err += s) },
  };
  return x;
}

let n = 0;
function batch(scoreOf?: (id: string) => number): string {
  const out = join(tmp, `b${n++}`);
  mkdirSync(out, { recursive: true });
  makeBatch(out, scoreOf);
  return out;
}

describe('--to csv: the Canvas import file', () => {
  it('uses the export as template: its identity cells, Title (id) headers, no Total, matched students only', async () => {
    const out = batch();
    const x = io();
    const code = await publishCommand({ out, roster: `${LMS_FIXTURES}canvas-gradebook-export.csv` }, x);
    expect(code, x.err).toBe(1); // ghost is in no roster: listed, and the exit code says something was left out
    expect(x.err).toMatch(/student ghost is not in the roster/);
    const rows = parseCsv(readFileSync(join(out, 'canvas-import.csv'), 'utf8'), 'c');
    expect(rows[0]).toEqual([
      'Student',
      'ID',
      'SIS User ID',
      'SIS Login ID',
      'Section',
      'He initialization (101)',
      'quiz-xor (102)',
    ]);
    expect(rows[1]).toEqual(['Points Possible', '', '', '', '', '9', '2']);
    expect(rows.slice(2)).toEqual([
      ["'=cmd(), Eve", '203', 'S003', 'eve', 'Section 2, "late"', '1.5', '2'],
      ['Doe, Jane', '201', 'S001', 'jdoe@uni.edu', 'Section 1', '1.5', '2'],
      ['Smith, Al', '202', 'S002', 'asmith', 'Section 1', '1.5', '2'],
    ]);
    expect(rows.flat()).not.toContain('Total');
  });
});

describe('--to canvas', () => {
  it('posts update_grades per assignment with the token, retries a 429, then posts only what changed', async () => {
    const s = await startLmsServer({
      canvasToken: 'tok-123',
      courseId: '77',
      assignments: ['101', '102'],
      users: ['201', '202', '203'],
      throttleOnce: true,
    });
    servers.push(s);
    const out = batch();
    const args: PublishArgs = {
      out,
      roster: `${LMS_FIXTURES}canvas-gradebook-export.csv`,
      to: 'canvas',
      canvasUrl: s.url,
      course: '77',
    };
    const x = io({ TFGRADE_CANVAS_TOKEN: 'tok-123' });
    expect(await publishCommand(args, x), x.err).toBe(1); // ghost
    expect(x.err).toMatch(/HTTP 429; retry 1/);
    expect(Object.fromEntries([...s.grades].map(([a, m]) => [a, Object.fromEntries(m)]))).toEqual({
      101: { 201: '1.5', 202: '1.5', 203: '1.5' },
      102: { 201: '2', 202: '2', 203: '2' },
    });
    expect(s.seen.map((r) => r.status)).toEqual([429, 200, 200]);
    expect(x.err + x.out).not.toContain('tok-123');
    const record = JSON.parse(readFileSync(join(out, 'published.json'), 'utf8'));
    expect(Object.keys(record.entries)).toHaveLength(6);

    // Again, unchanged: nothing posted. Then one student's quiz changes: one request with one grade.
    const again = io({ TFGRADE_CANVAS_TOKEN: 'tok-123' });
    await publishCommand(args, again);
    expect(s.seen).toHaveLength(3);
    expect(again.out).toMatch(/posted 0 scores, 6 unchanged/);
    makeBatch(out, (id) => (id === 'asmith' ? 1 : 2));
    const changed = io({ TFGRADE_CANVAS_TOKEN: 'tok-123' });
    await publishCommand(args, changed);
    expect(s.seen.slice(3).map((r) => [r.path, decodeURIComponent(r.body)])).toEqual([
      ['/api/v1/courses/77/assignments/102/submissions/update_grades', 'grade_data[202][posted_grade]=1'],
    ]);
  });

  it('a refused request is a failure (exit 1) and is not recorded', async () => {
    const s = await startLmsServer({
      canvasToken: 'right',
      courseId: '77',
      assignments: ['101', '102'],
      users: ['201', '202', '203'],
    });
    servers.push(s);
    const out = batch();
    const x = io({ TFGRADE_CANVAS_TOKEN: 'wrong' });
    expect(
      await publishCommand(
        { out, roster: `${LMS_FIXTURES}canvas-gradebook-export.csv`, to: 'canvas', canvasUrl: s.url, course: '77' },
        x,
      ),
    ).toBe(1);
    expect(x.err).toMatch(/failed 1\/2 .*HTTP 401/);
    expect(() => readFileSync(join(out, 'published.json'))).toThrow();
  });

  it('needs a token from the environment or a file, never an argument', async () => {
    const out = batch();
    const e = await publishCommand(
      {
        out,
        roster: `${LMS_FIXTURES}canvas-gradebook-export.csv`,
        to: 'canvas',
        canvasUrl: 'http://127.0.0.1:9',
        course: '77',
      },
      io(),
    ).catch((x: unknown) => x);
    expect((e as TfgradeError).code).toBe('USAGE');
    const file = join(tmp, 'token.txt');
    writeFileSync(file, 'from-file\n');
    const x = io({ TFGRADE_CANVAS_TOKEN_FILE: file });
    await publishCommand(
      {
        out,
        roster: `${LMS_FIXTURES}canvas-gradebook-export.csv`,
        to: 'canvas',
        canvasUrl: 'http://127.0.0.1:9',
        course: '77',
        dryRun: true,
      },
      x,
    );
    expect(x.out).toContain('Authorization: Bearer <redacted>');
    expect(x.out).not.toContain('from-file');
  });
});

describe('--to lti', () => {
  const keys = toolKeys();
  const lineItemsFor = (s: LmsServer): string => {
    const f = join(tmp, `lineitems-${n++}.json`);
    writeFileSync(
      f,
      JSON.stringify([
        { id: `${s.url}/lineitems/1?type_id=x`, label: 'He initialization', scoreMaximum: 9, resourceId: 'he-init' },
        { id: `${s.url}/lineitems/2`, label: 'XOR', scoreMaximum: 2, tag: 'quiz-xor' },
      ]),
    );
    return f;
  };

  it('gets a token with a signed client assertion, posts AGS scores, and re-posts with later timestamps', async () => {
    const s = await startLmsServer({
      clientId: 'tool-1',
      toolPublicKey: keys.publicKey,
      lineItems: ['1', '2'],
      users: ['a1b2-jane', 'c3d4-al'],
      throttleOnce: true,
    });
    servers.push(s);
    const out = batch();
    const args: PublishArgs = {
      out,
      roster: `${LMS_FIXTURES}nrps-membership.json`,
      lineitems: lineItemsFor(s),
      tokenUrl: `${s.url}/token`,
      clientId: 'tool-1',
    };
    const x = io({ TFGRADE_LTI_KEY: keys.privatePem });
    expect(await publishCommand(args, x), x.err).toBe(1); // 203 and ghost are not in this roster
    expect(s.scores.get('1')!.get('a1b2-jane')).toMatchObject({
      userId: 'a1b2-jane',
      scoreGiven: 1.5,
      scoreMaximum: 9,
      gradingProgress: 'PendingManual',
      activityProgress: 'Completed',
    });
    for (const per of s.scores.values()) for (const score of per.values()) expect(ltiErrors(score)).toEqual([]);
    expect(s.seen.filter((r) => r.status === 429)).toHaveLength(1);
    expect(s.seen.filter((r) => r.path.includes('/scores') && r.status === 204)).toHaveLength(4);
    expect(s.seen.find((r) => r.path.startsWith('/lineitems/1'))!.path).toBe('/lineitems/1/scores?type_id=x');
    expect(x.err + x.out).not.toMatch(/lti-token-|PRIVATE KEY/);

    // After a review the score changes: posted again with a timestamp after the first (the server refuses otherwise).
    const first = s.scores.get('2')!.get('c3d4-al')!.timestamp as string;
    makeBatch(out, (id) => (id === 'asmith' ? 1 : 2));
    const y = io({ TFGRADE_LTI_KEY: keys.privatePem });
    await publishCommand(args, y);
    const posts = s.seen.filter((r) => r.path.includes('/scores')).slice(5);
    expect(posts.map((r) => [r.path, r.status, JSON.parse(r.body).userId])).toEqual([
      ['/lineitems/2/scores', 204, 'c3d4-al'],
    ]);
    expect(Date.parse(s.scores.get('2')!.get('c3d4-al')!.timestamp as string)).toBeGreaterThan(Date.parse(first));
  });

  it('a record whose timestamp is ahead of the clock still yields a later timestamp', async () => {
    const s = await startLmsServer({
      clientId: 'tool-1',
      toolPublicKey: keys.publicKey,
      lineItems: ['1', '2'],
      users: ['a1b2-jane', 'c3d4-al'],
    });
    servers.push(s);
    const out = batch();
    const args: PublishArgs = {
      out,
      roster: `${LMS_FIXTURES}nrps-membership.json`,
      lineitems: lineItemsFor(s),
      tokenUrl: `${s.url}/token`,
      clientId: 'tool-1',
    };
    await publishCommand(args, io({ TFGRADE_LTI_KEY: keys.privatePem }));
    // A clock that went back: shift the platform's and the record's timestamps an hour ahead.
    const rec = JSON.parse(readFileSync(join(out, 'published.json'), 'utf8'));
    const future = new Date(Date.now() + 3_600_000).toISOString();
    for (const e of Object.values(rec.entries) as { timestamp: string; sent: string }[]) {
      e.timestamp = future;
      e.sent = 'changed';
    }
    for (const per of s.scores.values()) for (const v of per.values()) v.timestamp = future;
    writeFileSync(join(out, 'published.json'), JSON.stringify(rec));
    const y = io({ TFGRADE_LTI_KEY: keys.privatePem });
    expect(await publishCommand(args, y), y.err).toBe(1);
    expect(y.err).not.toMatch(/HTTP 409/);
    expect(s.seen.filter((r) => r.status === 409)).toEqual([]);
  });

  it('an unknown user is refused by the platform and reported, the others posted', async () => {
    const s = await startLmsServer({
      clientId: 'tool-1',
      toolPublicKey: keys.publicKey,
      lineItems: ['1', '2'],
      users: ['a1b2-jane'],
    });
    servers.push(s);
    const out = batch();
    const x = io({ TFGRADE_LTI_KEY: keys.privatePem });
    expect(
      await publishCommand(
        {
          out,
          roster: `${LMS_FIXTURES}nrps-membership.json`,
          lineitems: lineItemsFor(s),
          tokenUrl: `${s.url}/token`,
          clientId: 'tool-1',
        },
        x,
      ),
    ).toBe(1);
    expect(x.err.match(/failed .*HTTP 422/g)).toHaveLength(2);
    expect(x.out).toMatch(/posted 2 scores, 0 unchanged, 2 requests failed/);
  });

  it('--dry-run shows every request, tokens and assertion redacted, and sends nothing', async () => {
    const s = await startLmsServer({
      clientId: 'tool-1',
      toolPublicKey: keys.publicKey,
      lineItems: ['1', '2'],
      users: ['a1b2-jane', 'c3d4-al'],
    });
    servers.push(s);
    const out = batch();
    const x = io({ TFGRADE_LTI_KEY: keys.privatePem });
    await publishCommand(
      {
        out,
        roster: `${LMS_FIXTURES}nrps-membership.json`,
        lineitems: lineItemsFor(s),
        tokenUrl: `${s.url}/token`,
        clientId: 'tool-1',
        dryRun: true,
      },
      x,
    );
    expect(s.seen).toEqual([]);
    expect(x.out.match(/^POST /gm)).toHaveLength(5);
    expect(x.out).toContain('client_assertion=<redacted>');
    expect(x.out).toContain('Content-Type: application/vnd.ims.lis.v1.score+json');
    expect(x.out).not.toMatch(/eyJ/);
  });
});
