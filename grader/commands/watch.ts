// `--watch`: grade again when a watched solution file is saved; one run at a time, the latest save always graded.
import { watch } from 'node:fs';
import { shown, type Io } from '../util/io.js';

/** Local time, HH:MM:SS: when the report on screen was made (a save that changed nothing looks the same otherwise). */
export const clock = (d: Date): string =>
  [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');

/** Editors save in bursts (write, rename, chmod): one grading per burst. */
const SETTLE_MS = 150;

/**
 * Watches the folder, not the files: many editors save by writing a new file and renaming it over the old one, which
 * a watch on the file itself would lose. Resolves (with the last run's exit code) only when the process is told to
 * stop, so a terminal's Ctrl-C ends it cleanly.
 */
export function watchFiles(io: Io, dir: string, names: string[], run: () => Promise<number>): Promise<number> {
  return new Promise((done) => {
    let last = 0;
    let timer: NodeJS.Timeout | undefined;
    let running = false;
    let again = false;
    // Said after each run (the first one too: `grade` ran it before watching).
    const say = () =>
      io.stderr.write(
        `graded at ${clock(new Date())} · watching ${names.join(', ')} in ${shown(io, dir)}/: save a file to grade it again (Ctrl-C stops)\n`,
      );
    const grade = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      // Clear the screen only on a terminal: a pipe or log file keeps every report.
      if (io.stdout.isTTY) io.stdout.write('\x1b[2J\x1b[H');
      try {
        last = await run();
      } finally {
        running = false;
      }
      say();
      if (again) {
        again = false;
        void grade();
      }
    };
    const watcher = watch(dir, (_event, file) => {
      if (file && !names.includes(String(file))) return;
      clearTimeout(timer);
      timer = setTimeout(() => void grade(), SETTLE_MS);
    });
    const stop = () => {
      watcher.close();
      clearTimeout(timer);
      done(last);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    say();
  });
}
