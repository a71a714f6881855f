// --shard parsing and the hash slice (deterministic, complete, stable when students are added), and the ordered pool.
import { describe, expect, it } from 'vitest';
import { inShard, parseShard, shardOf } from '../../../grader/batch/shard.js';
import { runPool } from '../../../grader/batch/pool.js';

describe('parseShard', () => {
  it.each([
    ['1/1', { index: 1, count: 1 }],
    ['2/4', { index: 2, count: 4 }],
    [' 3 / 3 ', { index: 3, count: 3 }],
  ])('%j', (text, want) => {
    expect(parseShard(text)).toEqual(want);
  });

  it.each(['0/2', '3/2', '1/0', '1', 'a/b', '-1/2', '1/2/3', '1.5/2', ''])('%j is a usage error', (text) => {
    expect(() => parseShard(text)).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});

describe('shardOf', () => {
  const ids = Array.from({ length: 600 }, (_, i) => `student-${i}`);

  it('is a fixed function of the id (the same on every machine and run)', () => {
    // Pinned values: changing the hash would silently reshuffle shards between a run and its --resume.
    expect([shardOf('alice', 2), shardOf('bob', 2), shardOf('carol', 2), shardOf('dave', 2)]).toEqual([1, 1, 2, 2]);
    expect(ids.map((id) => shardOf(id, 7))).toEqual(ids.map((id) => shardOf(id, 7)));
  });

  it('puts every student in exactly one shard, in roughly equal slices', () => {
    for (const n of [1, 2, 3, 8]) {
      const sizes = Array<number>(n).fill(0);
      for (const id of ids) {
        const hits = Array.from({ length: n }, (_, i) => inShard(id, { index: i + 1, count: n })).filter(
          Boolean,
        ).length;
        expect(hits).toBe(1);
        sizes[shardOf(id, n) - 1]++;
      }
      for (const s of sizes) expect(Math.abs(s - ids.length / n)).toBeLessThan(ids.length / n / 3);
    }
  });

  it('does not move existing students when one is added (not positional)', () => {
    const before = new Map(ids.map((id) => [id, shardOf(id, 4)]));
    const after = [...ids, 'aaron-late-joiner'].sort();
    for (const id of after) if (before.has(id)) expect(shardOf(id, 4)).toBe(before.get(id));
  });

  it('no --shard means every student', () => {
    expect(ids.every((id) => inShard(id, undefined))).toBe(true);
  });
});

describe('runPool', () => {
  it('returns results in input order whatever the completion order, with at most `jobs` running', async () => {
    let running = 0;
    let peak = 0;
    const delays = [30, 5, 20, 1, 15, 2, 9];
    const out = await runPool(delays, 3, async (d, i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, d));
      running--;
      return `${i}:${d}`;
    });
    expect(out).toEqual(delays.map((d, i) => `${i}:${d}`));
    expect(peak).toBe(3);
  });

  it('prepares each item ahead once, after the item `jobs` places before it has started, and never beyond the list', async () => {
    const events: string[] = [];
    await runPool(
      [0, 1, 2, 3, 4],
      2,
      async (_, i) => {
        events.push(`start ${i}`);
        await new Promise((r) => setTimeout(r, 1));
      },
      (i) => events.push(`ahead ${i}`),
    );
    const ahead = events.filter((e) => e.startsWith('ahead')).map((e) => Number(e.split(' ')[1]));
    expect(ahead).toEqual([2, 3, 4]);
    for (const i of ahead) {
      // made ready after its lane's current item started (that start takes what was ready for it), before its own
      expect(events.indexOf(`ahead ${i}`)).toBeGreaterThan(events.indexOf(`start ${i - 2}`));
      expect(events.indexOf(`ahead ${i}`)).toBeLessThan(events.indexOf(`start ${i}`));
    }
  });

  it.each([[0], [1], [100]])('handles jobs = %i and an empty list', async (jobs) => {
    expect(await runPool([], jobs, async () => 1)).toEqual([]);
    expect(await runPool([1, 2], jobs, async (x) => x * 2)).toEqual([2, 4]);
  });
});
