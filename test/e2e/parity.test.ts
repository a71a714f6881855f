// Backend parity: every fixture submission, graded by `grade batch` on tensorflow (native), wasm and cpu, gets the same
// status, score and reason for every part. Runs where the native backend is built (`npm run native`) and bubblewrap works.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../grader/model/report.js';
import { nativeInstalls } from '../../grader/engine/backend-choice.js';
import { bubblewrapUsable } from '../../grader/sandbox/host.js';
import { isReportFileName } from '../../grader/layouts/student-id.js';
import { ROOT, runCli } from '../helpers/cli.js';

const NATIVE = bubblewrapUsable() && nativeInstalls(ROOT).some((n) => !n.problem);
const FIX = join(ROOT, 'test', 'fixtures', 'submissions');
const BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
const base = mkdtempSync(join(tmpdir(), 'tfgrade-parity-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

type Outcomes = Record<string, Record<string, string>>;

/** student -> "exercise.part" -> "status score reason" (what must not depend on the backend). */
function outcomes(dir: string): Record<string, Outcomes> {
  const out: Record<string, Outcomes> = {};
  for (const f of readdirSync(dir).filter(isReportFileName)) {
    const r = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Report;
    out[r.submission.student!] = Object.fromEntries(
      r.exercises.map((e) => [
        e.id,
        Object.fromEntries(e.parts.map((p) => [p.id, `${p.status} ${p.score} ${p.reason}`])),
      ]),
    );
  }
  return out;
}

describe.skipIf(!NATIVE)(
  `backend parity${NATIVE ? '' : ' (skipped: needs the native backend, built with `npm run native`, and bubblewrap)'}`,
  () => {
    it('every fixture grades identically on tensorflow, wasm and cpu', async () => {
      const fixtures = readdirSync(FIX)
        .filter((n) => /--/.test(n))
        .sort();
      const subs = join(base, 'subs');
      for (const f of fixtures)
        cpSync(join(FIX, f), join(subs, f), { recursive: true, filter: (src) => !src.endsWith('expected.json') });
      const exercises = [...new Set(fixtures.map((f) => f.split('--')[0]))];
      const got: Record<string, Record<string, Outcomes>> = {};
      for (const backend of BACKENDS) {
        const out = join(base, backend);
        const r = await runCli(
          ['batch', subs, '--out', out, '--backend', backend, '--exercises', ...exercises, '--jobs', '2'],
          { timeoutMs: 600_000 },
        );
        expect([0, 1], r.stderr.slice(-2000)).toContain(r.code);
        got[backend] = outcomes(out);
        expect(Object.keys(got[backend]).sort()).toEqual(fixtures);
      }
      // The fixtures' own expectations hold on every backend (so parity is not "all three equally broken")...
      for (const f of fixtures) {
        const { $feedback: _feedback, ...expected } = JSON.parse(
          readFileSync(join(FIX, f, 'expected.json'), 'utf8'),
        ) as Outcomes;
        for (const backend of BACKENDS) {
          for (const [ex, parts] of Object.entries(expected)) {
            const statuses = Object.fromEntries(
              Object.entries(got[backend][f][ex]).map(([p, o]) => [
                p,
                parts[p]?.includes('/')
                  ? o
                      .split(' ')
                      .filter((_, i) => i !== 1)
                      .join('/')
                  : o.split(' ')[0],
              ]),
            );
            expect({ [backend]: { [f]: statuses } }).toEqual({ [backend]: { [f]: parts } });
          }
        }
      }
      // ...and every part of every student, exercises missing from the folder included, is the same on all three.
      expect(got.tensorflow).toEqual(got.wasm);
      expect(got.cpu).toEqual(got.wasm);
    }, 900_000);
  },
);
