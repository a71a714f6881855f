// The real binary posts a batch's scores to a local LTI platform and a local Canvas (no live LMS), then posts nothing
// more when nothing changed; secrets come from files and the environment and never reach the output.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { LMS_FIXTURES, makeBatch } from '../helpers/lms-batch.js';
import { startLmsServer, toolKeys } from '../helpers/lms-server.js';

describe('grade publish (the built binary)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tfgrade-publish-e2e-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('posts AGS scores to an LTI platform, retrying its 429, and a second run posts nothing', async () => {
    const keys = toolKeys();
    const s = await startLmsServer({
      clientId: 'tool-e2e',
      toolPublicKey: keys.publicKey,
      lineItems: ['1', '2'],
      users: ['a1b2-jane', 'c3d4-al'],
      throttleOnce: true,
      maxRequests: 30,
    });
    try {
      const out = join(tmp, 'reports');
      mkdirSync(out, { recursive: true });
      makeBatch(out);
      const keyFile = join(tmp, 'tool.pem');
      writeFileSync(keyFile, keys.privatePem, { mode: 0o600 });
      const items = join(tmp, 'lineitems.json');
      writeFileSync(
        items,
        JSON.stringify([
          { id: `${s.url}/lineitems/1`, label: 'He initialization', scoreMaximum: 9, resourceId: 'he-init' },
          { id: `${s.url}/lineitems/2`, label: 'quiz-xor', scoreMaximum: 2 },
        ]),
      );
      const args = [
        'publish',
        out,
        '--roster',
        `${LMS_FIXTURES}nrps-membership.json`,
        '--lineitems',
        items,
        '--token-url',
        `${s.url}/token`,
        '--client-id',
        'tool-e2e',
      ];
      const env = { TFGRADE_LTI_KEY_FILE: keyFile, TFGRADE_RETRY_BASE_MS: '10' };

      const dry = await runCli([...args, '--dry-run'], { env });
      expect(dry.code, dry.stderr).toBe(1); // students 203 and ghost are not in this roster
      expect(s.seen).toEqual([]);
      expect(dry.stdout.match(/^POST /gm)).toHaveLength(5);

      const r = await runCli(args, { env });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/student ghost is not in the roster/);
      expect(r.stderr).toMatch(/HTTP 429; retry 1/);
      expect(r.stdout).toMatch(/posted 4 scores, 0 unchanged, 0 requests failed/);
      expect([...s.scores.get('2')!.keys()].sort()).toEqual(['a1b2-jane', 'c3d4-al']);
      expect(r.stdout + r.stderr).not.toMatch(/PRIVATE KEY|lti-token-/);
      const record = JSON.parse(readFileSync(join(out, 'published.json'), 'utf8'));
      expect(Object.keys(record.entries)).toHaveLength(4);

      const again = await runCli(args, { env });
      expect(again.stdout).toMatch(/posted 0 scores, 4 unchanged/);
      expect(s.seen.filter((x) => x.path.includes('/scores'))).toHaveLength(5);
      expect(s.overflow).toBe(false);
    } finally {
      await s.close();
    }
  });

  it('refuses a secret on the command line: there is no option for it', async () => {
    const r = await runCli(['publish', tmp, '--roster', 'x.csv', '--token', 'abc']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('abc');
  });
});
