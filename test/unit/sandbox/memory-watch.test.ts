// A SIGKILL near the memory limit (the kernel's OOM killer, silent) reads as out of memory; other deaths do not.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FRESH_MS, killedForMemory, watchMemory } from '../../../grader/sandbox/memory-watch.js';

const seen = (peakMb: number, limitMb = 1000, oomKilled = false) => ({ peakMb, limitMb, oomKilled });

describe('killedForMemory', () => {
  it.each([
    ['SIGKILL at 90% of the limit', null, 'SIGKILL', seen(900), true],
    ['exit code 137 (a wrapper reporting SIGKILL) at 80%', 137, null, seen(800), true],
    ['SIGKILL far below the limit', null, 'SIGKILL', seen(200), false],
    ['SIGKILL at 60%, and the cgroup counted an OOM kill', null, 'SIGKILL', seen(600, 1000, true), true],
    [
      "SIGKILL far below the limit: another process's OOM kill in the shared cgroup",
      null,
      'SIGKILL',
      seen(200, 1000, true),
      false,
    ],
    ['SIGKILL with no sample (no /proc)', null, 'SIGKILL', seen(0), false],
    ['SIGSEGV near the limit', null, 'SIGSEGV', seen(990), false],
    ['exit code 1 near the limit', 1, null, seen(990), false],
    ['SIGKILL without a watch', null, 'SIGKILL', undefined, false],
  ] as const)('%s', (_label, code, signal, s, want) => {
    expect(killedForMemory(code, signal, s)).toBe(want);
  });
});

describe.skipIf(process.platform !== 'linux')('watchMemory', () => {
  it('sees the resident size of a child that holds memory', async () => {
    const child = spawn(
      process.execPath,
      ['-e', 'const b = Buffer.alloc(64 * 2 ** 20, 1); setInterval(() => b[0]++, 50)'],
      { stdio: 'ignore' },
    );
    const w = watchMemory(child.pid, 100_000);
    await new Promise((r) => setTimeout(r, 600));
    const s = w.stop();
    child.kill('SIGKILL');
    expect(s.peakMb).toBeGreaterThan(60);
    expect(s.limitMb).toBeLessThanOrEqual(100_000);
  });
});

describe.skipIf(process.platform !== 'linux')('watchMemory, request after request', () => {
  it(`reuses a reading for ${FRESH_MS} ms at most: memory grown since then is seen`, async () => {
    const child = spawn(
      process.execPath,
      [
        '-e',
        "process.stdin.once('data', () => { globalThis.b = Buffer.alloc(96 * 2 ** 20, 1); console.log('grown') }); console.log('ready')",
      ],
      { stdio: ['pipe', 'pipe', 'ignore'] },
    );
    const said = (word: string) =>
      new Promise<void>((r) => child.stdout!.on('data', (d: Buffer) => d.toString().includes(word) && r()));
    try {
      await said('ready');
      const small = watchMemory(child.pid, 100_000).stop();
      child.stdin!.write('go\n');
      await said('grown');
      await new Promise((r) => setTimeout(r, FRESH_MS + 20));
      const grown = watchMemory(child.pid, 100_000).stop();
      expect(grown.peakMb).toBeGreaterThan(small.peakMb + 80);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
