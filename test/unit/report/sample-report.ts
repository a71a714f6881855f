// Hand-built reports for the format tests: every part status, a hidden part carrying a secret, hostile student output.
import {
  REPORT_SCHEMA_VERSION,
  type ExerciseReport,
  type PartReport,
  type Report,
} from '../../../grader/model/report.js';

/** Appears only where a view must never show it: a hidden part's expected value. */
export const SECRET = 'SECRET-EXPECTED-0.7071';

/** Student output with what XML 1.0 forbids or treats as markup: NUL, ESC, BEL, a lone surrogate, U+FFFE, "]]>", a fake end tag. */
export const HOSTILE_OUTPUT = 'loss=0.5\u0000\u001b[31m red \u0007</system-out><x a="1"> ]]> & \uD800 \uFFFE done\n';

const part = (p: Partial<PartReport> & Pick<PartReport, 'id' | 'status' | 'reason'>): PartReport => ({
  kind: 'numeric',
  score: 0,
  maxScore: 1,
  message: `${p.id}: ${p.status}`,
  visibility: 'visible',
  durationMs: 12,
  ...p,
});

export function sampleExercises(): ExerciseReport[] {
  const parts: PartReport[] = [
    part({
      id: 'ok',
      status: 'passed',
      reason: 'correct',
      score: 1,
      message: 'all 2 cases pass',
      cases: [{ label: 'ok(1)', passed: true, expected: '1', actual: '1' }],
    }),
    part({
      id: 'wrong',
      status: 'failed',
      reason: 'wrong-value',
      message: 'wrong(2): expected 4 <&> got 5',
      cases: [
        {
          label: 'wrong(2)',
          passed: false,
          expected: '4',
          actual: '5 "quoted" <tag>',
          tolerance: 'rtol 1e-6',
          maxAbsError: 1,
          maxRelError: 0.25,
          worstIndex: [0, 1],
          note: 'off by one',
        },
      ],
    }),
    part({
      id: 'half',
      kind: 'multi-choice',
      status: 'partial',
      reason: 'partial-credit',
      score: 0.5,
      message: 'credit 50%',
    }),
    part({
      id: 'crash',
      status: 'error',
      reason: 'threw',
      message: 'crash(1) threw: TypeError: x is undefined\n    at crash (he.ts:3)',
      durationMs: undefined,
    }),
    part({ id: 'slow', status: 'timeout', reason: 'timeout', message: 'slow did not finish within 2 s' }),
    part({ id: 'absent', status: 'missing', reason: 'missing-export', message: "'absent' is not exported" }),
    part({
      id: 'essay',
      kind: 'free-text',
      maxScore: 2,
      status: 'needs-review',
      reason: 'needs-review',
      message: 'needs human review; suggested 75%',
      suggestedScore: 1.5,
    }),
    part({
      id: 'secret',
      status: 'failed',
      reason: 'wrong-value',
      visibility: 'hidden',
      message: 'hidden test failed (wrong-value); hidden tests do not show expected values',
      // Defence in depth: the engine drops expected values of hidden parts, the views must not depend on it.
      cases: [{ label: 'secret(2)', passed: false, expected: SECRET, actual: '0.5', note: `want ${SECRET}` }],
    }),
  ];
  const score = parts.reduce((a, p) => a + p.score, 0);
  const maxScore = parts.reduce((a, p) => a + p.maxScore, 0);
  return [
    {
      id: 'he-init',
      title: 'He initialization',
      score,
      maxScore,
      status: 'partial',
      file: 'he-init.ts',
      parts,
      output: HOSTILE_OUTPUT,
    },
    {
      id: 'quiz-xor',
      title: 'XOR <quiz> & "friends"',
      score: 2,
      maxScore: 2,
      status: 'passed',
      file: 'quiz-xor.ts',
      parts: [
        part({
          id: 'answer',
          kind: 'choice',
          status: 'passed',
          reason: 'correct',
          score: 2,
          maxScore: 2,
          message: 'correct',
        }),
      ],
    },
  ];
}

export function sampleReport(over: Partial<Report> = {}): Report {
  const exercises = sampleExercises();
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'tfgrade', version: '0.1.0' },
    createdAt: '2026-03-01T12:34:56.789Z',
    submission: { path: 'submissions/ada', student: 'ada' },
    score: exercises.reduce((a, e) => a + e.score, 0),
    maxScore: exercises.reduce((a, e) => a + e.maxScore, 0),
    status: 'partial',
    backend: { name: 'cpu', version: '4.22.0', requested: 'cpu', reason: 'asked for with --backend cpu' },
    sandbox: {
      level: 'basic',
      platform: 'linux',
      enforced: ['time', 'heap'],
      description: 'test',
      limits: { partTimeoutMs: 10000, memoryMb: 1536, outputBytes: 16384 },
    },
    durationMs: 2345,
    exercises,
    warnings: ['skipped notes.md (not a source file)'],
    ...over,
  };
}

/** A report whose every part passed: the FullyGraded / no-failure baseline. */
export function allPassedReport(): Report {
  const r = sampleReport();
  const ex = r.exercises[1];
  return { ...r, exercises: [ex], score: ex.score, maxScore: ex.maxScore, status: 'passed', warnings: [] };
}
