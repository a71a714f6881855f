// `grade merge` on synthetic shard folders: union of reports, identical aggregates, conflicts and incomplete shards refused.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeCommand } from '../../../grader/commands/merge.js';
import { writeAggregates } from '../../../grader/class-report/outputs.js';
import type { Graded } from '../../../grader/model/student.js';
import { writeFileAtomic } from '../../../grader/util/atomic-write.js';
import { renderReport } from '../../../grader/report/formats.js';
import { captureIo, fakeReport, makeTree, removeTrees } from './helpers.js';

afterAll(removeTrees);

const g = (id: string, ok: boolean, createdAt?: string): Graded => ({
  id,
  file: id,
  identity: { name: `Name ${id}`, userId: `u-${id}` },
  report: fakeReport(id, { e1: [ok ? 'passed' : 'failed', 'passed'] }, createdAt),
});
const extra = {
  layout: 'canvas' as const,
  unattributed: [{ path: 'readme.txt', reason: 'not a submission' }],
  ignored: [],
};

function shardDir(base: string, name: string, graded: Graded[]): string {
  const dir = join(base, name);
  for (const x of graded) writeFileAtomic(join(dir, `${x.file}.json`), renderReport(x.report, 'json'));
  writeAggregates(dir, graded, extra, []);
  return dir;
}

describe('grade merge', () => {
  it('copies every report and recomputes the aggregates exactly as one folder would have them', async () => {
    const base = makeTree({});
    const all = [g('a', true), g('b', false), g('c', true)];
    shardDir(base, 's1', [all[0], all[2]]);
    shardDir(base, 's2', [all[1]]);
    const whole = shardDir(base, 'whole', all);
    const { io, out } = captureIo(base, base);
    expect(await mergeCommand({ dirs: ['s1', 's2'], out: 'merged' }, io)).toBe(1);
    const merged = join(base, 'merged');
    expect(readdirSync(merged).sort()).toEqual(readdirSync(whole).sort());
    for (const f of readdirSync(whole))
      if (f !== 'lti-scores.json')
        expect(readFileSync(join(merged, f), 'utf8')).toBe(readFileSync(join(whole, f), 'utf8'));
    expect(out()).toMatch(/^3 students, 2 passed everything/);
    // Merging again into the same folder is a no-op, not a conflict.
    expect(await mergeCommand({ dirs: ['s1', 's2'], out: 'merged' }, io)).toBe(1);
  });

  it('accepts the same student in two shards when only the time differs, refuses different results', async () => {
    const base = makeTree({});
    shardDir(base, 's1', [g('a', true)]);
    shardDir(base, 's2', [g('a', true, '2030-01-01T00:00:00.000Z')]);
    shardDir(base, 's3', [g('a', false)]);
    const { io } = captureIo(base, base);
    expect(await mergeCommand({ dirs: ['s1', 's2'], out: 'ok' }, io)).toBe(0);
    await expect(mergeCommand({ dirs: ['s1', 's3'], out: 'bad' }, io)).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('student a'),
    });
    expect(existsSync(join(base, 'bad'))).toBe(false);
  });

  it('refuses to overwrite a different report already in --out', async () => {
    const base = makeTree({});
    shardDir(base, 's1', [g('a', true)]);
    writeFileAtomic(join(base, 'out', 'a.json'), renderReport(fakeReport('a', { e1: ['failed', 'failed'] }), 'json'));
    const { io } = captureIo(base, base);
    await expect(mergeCommand({ dirs: ['s1'], out: 'out' }, io)).rejects.toMatchObject({ code: 'USAGE' });
  });

  it.each([
    ['no --out', ['s1'], undefined, () => {}],
    ['--out that is one of the shards', ['s1'], 's1', () => {}],
    ['a folder that does not exist', ['s1', 'nope'], 'm', () => {}],
    [
      'a corrupt report',
      ['s1'],
      'm',
      (b: string) => writeFileSync(join(b, 's1', 'a.json'), '{"schemaVersion": "1.0.0"'),
    ],
    [
      'a report that fails the schema',
      ['s1'],
      'm',
      (b: string) => writeFileSync(join(b, 's1', 'a.json'), '{"schemaVersion": "1.0.0"}'),
    ],
    [
      'an incomplete shard (its summary lists a report that is gone)',
      ['s1'],
      'm',
      (b: string) => rmSync(join(b, 's1', 'b.json')),
    ],
    [
      'shards graded on different exercises',
      ['s1', 's2'],
      'm',
      (b: string) => shardDir(b, 's2', [{ ...g('z', true), report: fakeReport('z', { e9: ['passed'] }) }]),
    ],
  ] as const)('refuses %s', async (_name, dirs, outDir, damage) => {
    const base = makeTree({});
    shardDir(base, 's1', [g('a', true), g('b', true)]);
    damage(base);
    const { io } = captureIo(base, base);
    await expect(mergeCommand({ dirs: [...dirs], out: outDir }, io)).rejects.toMatchObject({ code: 'USAGE' });
    if (outDir === 'm') expect(existsSync(join(base, 'm'))).toBe(false);
  });

  it('skips a stale report that the shard summary does not list, and says so', async () => {
    const base = makeTree({});
    const s1 = shardDir(base, 's1', [g('a', true)]);
    writeFileAtomic(join(s1, 'zed.json'), renderReport(fakeReport('zed', { e1: ['failed', 'failed'] }), 'json'));
    const { io, err } = captureIo(base, base);
    expect(await mergeCommand({ dirs: ['s1'], out: 'm' }, io)).toBe(0);
    expect(existsSync(join(base, 'm', 'zed.json'))).toBe(false);
    expect(err()).toMatch(/skipped s1\/zed\.json/);
  });
});
