// TA decisions over automatic results: applied, undone, stale on a changed answer, merged across shards, stored safely.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyDecisions, mergeDecisions, readDecisions, writeDecisions } from '../../../grader/review/reviews.js';
import { TfgradeError } from '../../../grader/util/errors.js';
import { makeTree, removeTrees } from './helpers.js';
import { decision, partOf, reviewReport } from './review-fixtures.js';

afterAll(removeTrees);

describe('applyDecisions', () => {
  it.each([
    // kind, part, score, expected status, reason, report score
    ['review', 'p2', 2, 'passed', 'reviewed', 3],
    ['review', 'p2', 1, 'partial', 'reviewed', 2],
    ['review', 'p2', 0, 'failed', 'reviewed', 1],
    ['override', 'p1', 0, 'failed', 'overridden', 0],
  ] as const)('a %s of %s at %d makes it %s (%s), the report %d', (kind, part, score, status, reason, total) => {
    const report = reviewReport('ana', { suggested: 2 });
    const d = decision('ana', {
      kind,
      part,
      score,
      answerHash: partOf(report, part).answerHash,
      ...(kind === 'override' ? { reason: 'copied' } : {}),
    });
    const { report: after, stale } = applyDecisions(report, [d]);
    const p = partOf(after, part);
    expect(stale).toEqual([]);
    expect([p.status, p.reason, p.score]).toEqual([status, reason, score]);
    // The automatic result is kept alongside, as it was.
    const before = partOf(report, part);
    expect(p.review).toMatchObject({
      kind,
      by: 'ta',
      automatic: { score: before.score, status: before.status, reason: before.reason },
    });
    expect(after.score).toBe(total);
    expect(after.exercises[0].score).toBe(total);
  });

  it('is idempotent, and an empty list of decisions restores the automatic result', () => {
    const report = reviewReport('ana');
    const once = applyDecisions(report, [decision('ana', { comment: 'good' })]).report;
    expect(applyDecisions(once, [decision('ana', { comment: 'good' })]).report).toEqual(once);
    expect(applyDecisions(once, []).report).toEqual(report);
  });

  it('leaves other students alone, and lists a decision made on another answer as stale without applying it', () => {
    const report = reviewReport('ana', { hash: 'new-answer' });
    const { report: after, stale } = applyDecisions(report, [decision('ana'), decision('ben')]);
    expect(after).toEqual(report);
    expect(stale.map((d) => d.student)).toEqual(['ana']);
  });

  it('keeps a decided score within the part: an out-of-range score (hand-edited file) is clamped', () => {
    const { report } = applyDecisions(reviewReport('ana'), [decision('ana', { score: 7 })]);
    expect(partOf(report).score).toBe(2);
  });
});

describe('mergeDecisions', () => {
  it('keeps the latest decision per part, from whichever folder', () => {
    const early = decision('ana', { score: 1, at: '2026-01-01T00:00:00.000Z' });
    const late = decision('ana', { score: 2, at: '2026-01-02T00:00:00.000Z' });
    expect(mergeDecisions([[late], [early, decision('ben')]]).map((d) => [d.student, d.score])).toEqual([
      ['ana', 2],
      ['ben', 2],
    ]);
  });
});

describe('reviews.json', () => {
  it('round-trips the latest decision per part, and is absent until the first decision', () => {
    const out = makeTree({});
    expect(readDecisions(out)).toEqual([]);
    writeDecisions(out, [
      decision('ben'),
      decision('ana', { score: 1 }),
      decision('ana', { score: 2, comment: 'on second reading' }),
    ]);
    const back = readDecisions(out);
    expect(back.map((d) => [d.student, d.score, d.comment])).toEqual([
      ['ana', 2, 'on second reading'],
      ['ben', 2, undefined],
    ]);
    expect(JSON.parse(readFileSync(join(out, 'reviews.json'), 'utf8')).reviewsVersion).toBe(1);
  });

  it.each([['{ not json'], ['{"reviewsVersion": 9, "decisions": []}'], ['[]']])(
    'refuses an unreadable file (%s) with REVIEWS_INVALID',
    (text) => {
      const out = makeTree({});
      writeFileSync(join(out, 'reviews.json'), text);
      let err: unknown;
      try {
        readDecisions(out);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(TfgradeError);
      expect((err as TfgradeError).code).toBe('REVIEWS_INVALID');
    },
  );
});
