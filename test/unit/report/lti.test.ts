// LTI AGS score: valid against the AGS 2.0 score object, PendingManual while a part awaits review.
import { describe, expect, it } from 'vitest';
import { toLtiScore } from '../../../grader/report/lti.js';
import { reportErrors } from '../../../grader/model/validate-report.js';
import { SECRET, allPassedReport, sampleReport } from './sample-report.js';
import { ltiErrors } from './schemas.js';

describe('lti schema (test/schemas/lti-score.schema.json)', () => {
  const ok = {
    userId: 'u1',
    timestamp: '2026-03-01T12:34:56.789Z',
    activityProgress: 'Completed',
    gradingProgress: 'FullyGraded',
  };
  it('accepts a minimal score', () => expect(ltiErrors(ok)).toEqual([]));
  it.each([
    ['no userId', { ...ok, userId: undefined }],
    ['an unknown gradingProgress', { ...ok, gradingProgress: 'Done' }],
    ['scoreGiven without scoreMaximum', { ...ok, scoreGiven: 3 }],
    ['a zero scoreMaximum', { ...ok, scoreGiven: 0, scoreMaximum: 0 }],
    ['a timestamp without sub-seconds', { ...ok, timestamp: '2026-03-01T12:34:56Z' }],
    ['an unknown field', { ...ok, grade: 3 }],
  ])('rejects %s', (_label, bad) => {
    expect(ltiErrors(JSON.parse(JSON.stringify(bad)))).not.toEqual([]);
  });
});

describe('toLtiScore', () => {
  it('scores a report with a part awaiting review as PendingManual', () => {
    const report = sampleReport();
    expect(reportErrors(report)).toEqual([]);
    const s = toLtiScore(report, 'canvas-user-42');
    expect(ltiErrors(s)).toEqual([]);
    expect(s).toMatchObject({
      userId: 'canvas-user-42',
      scoreGiven: report.score,
      scoreMaximum: report.maxScore,
      timestamp: report.createdAt,
      activityProgress: 'Completed',
      gradingProgress: 'PendingManual',
    });
    expect(s.comment).toMatch(/manual review/);
    expect(s.comment.length).toBeLessThanOrEqual(1000);
    expect(JSON.stringify(s)).not.toContain(SECRET);
  });

  it('is FullyGraded when no part awaits review', () => {
    const s = toLtiScore(allPassedReport(), 'u2');
    expect(ltiErrors(s)).toEqual([]);
    expect(s).toMatchObject({ gradingProgress: 'FullyGraded', scoreGiven: 2, scoreMaximum: 2 });
  });

  it('gives no score at all rather than an invalid scoreMaximum of 0', () => {
    const s = toLtiScore(sampleReport({ exercises: [], score: 0, maxScore: 0 }), 'u3');
    expect(ltiErrors(s)).toEqual([]);
    expect(s.scoreGiven).toBeUndefined();
    expect(s.scoreMaximum).toBeUndefined();
  });

  it('keeps a long comment short', () => {
    const r = sampleReport();
    const many = Array.from({ length: 200 }, (_, i) => ({ ...r.exercises[1], id: `exercise-number-${i}` }));
    expect(toLtiScore({ ...r, exercises: many }, 'u4').comment.length).toBeLessThanOrEqual(1000);
  });
});
