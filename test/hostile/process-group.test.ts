// The sandbox child leads its own process group: a solution that signals its group (kill(0), kill(-pgid)) can only
// reach itself, never the grader, even with the kill trap out of the way (Linux: read from /proc).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../grader/model/limits.js';
import { Session } from '../../grader/sandbox/session.js';
import { ROOT } from '../helpers/cli.js';

/** Field 5 of /proc/<pid>/stat, after the parenthesised command name (which may itself hold spaces). */
const pgrp = (pid: number): number =>
  Number(
    readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ')[2],
  );

describe('process group', () => {
  it.skipIf(!existsSync('/proc/self/stat'))(
    'the child is a group leader, apart from the grader (needs /proc)',
    async () => {
      const paths = { runtimeDir: join(ROOT, 'dist', 'runtime'), nodeModules: join(ROOT, 'node_modules') };
      // Basic isolation: no pid namespace in between, the case where a group signal would matter.
      const s = await Session.start(paths, 'cpu', DEFAULT_LIMITS, 'basic');
      try {
        const pid = (s as unknown as { child: { pid: number } }).child.pid;
        expect(pgrp(pid)).toBe(pid);
        expect(pgrp(pid)).not.toBe(pgrp(process.pid));
      } finally {
        s.kill();
      }
    },
  );
});
