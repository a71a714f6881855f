// Batch progress on stderr: a cli-progress bar (counts, rate, ETA) on a terminal, one plain line per student otherwise.
import { showControl } from '../util/control-chars.js';
import cliProgress from 'cli-progress';
import type { Io } from '../util/io.js';
import type { Report } from '../model/report.js';
import { pointsOf } from '../util/numbers.js';

export interface Progress {
  graded(student: string, report: Report): void;
  stop(): void;
}

export function startProgress(stderr: Io['stderr'], total: number, now: () => number = Date.now): Progress {
  let done = 0;
  if (!stderr.isTTY || total === 0) {
    // Logs (CI, Slurm, kubectl logs) get whole lines they can grep; no carriage returns or cursor codes.
    return {
      graded(student, r) {
        done++;
        stderr.write(`graded ${done}/${total} ${showControl(student)} (${pointsOf(r.score, r.maxScore)})\n`);
      },
      stop() {},
    };
  }
  const started = now();
  const bar = new cliProgress.SingleBar(
    {
      stream: stderr as unknown as NodeJS.WritableStream,
      format: 'grading {bar} {value}/{total} | {rate}/min | ETA {eta_formatted} | {student}',
      hideCursor: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { rate: '–', student: '' });
  return {
    graded(student) {
      done++;
      const minutes = (now() - started) / 60_000;
      // The id is the student's text: an escape in it must not move the cursor or retitle the terminal.
      bar.update(done, { rate: minutes > 0 ? (done / minutes).toFixed(1) : '–', student: showControl(student) });
    },
    stop() {
      bar.stop();
    },
  };
}
