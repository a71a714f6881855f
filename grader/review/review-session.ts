// `grade review`'s interactive loop: every needs-review part of a batch, one question at a time (all answers to one part
// in a row), the prompt, rubric, suggestion and answer on screen; each decision saved at once, so quitting loses nothing.
import { showControl } from '../util/control-chars.js';
import { createInterface } from 'node:readline/promises';
import type { PartReport } from '../model/report.js';
import { fenceLines } from '../report/fence.js';
import { points, pointsOf } from '../util/numbers.js';
import type { ExerciseSpec } from '../spec/model.js';
import { parseScore, draftDecision, type DecisionDraft } from './reviews.js';
import type { Graded } from '../model/student.js';

export interface QueueItem {
  student: string;
  exercise: string;
  part: string;
  exerciseIndex: number;
  partIndex: number;
  p: PartReport;
}

/** Every part a human must decide, decided or not, ordered by exercise, then part, then student: one question in a row. */
export function reviewQueue(graded: Graded[]): QueueItem[] {
  const items = graded.flatMap((g) =>
    g.report.exercises.flatMap((e, exerciseIndex) =>
      e.parts
        .map((p, partIndex) => ({ student: g.id, exercise: e.id, part: p.id, exerciseIndex, partIndex, p }))
        .filter((x) => (x.p.review?.automatic.status ?? x.p.status) === 'needs-review'),
    ),
  );
  return items.sort(
    (a, b) =>
      a.exerciseIndex - b.exerciseIndex ||
      a.partIndex - b.partIndex ||
      (a.student < b.student ? -1 : a.student > b.student ? 1 : 0),
  );
}

export interface SessionIo {
  input: NodeJS.ReadableStream;
  write(s: string): void;
  /** Clears the screen between questions (terminals only). */
  clear?: () => void;
  /** Columns to wrap the answer at. */
  columns?: number;
}

/** Words wrapped at `width` columns (an essay is one long line; a terminal would break it mid-word). */
export function wrap(text: string, width: number): string[] {
  return text.split('\n').flatMap((para) => {
    const lines: string[] = [];
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
    return lines;
  });
}

/** Lines of an answer on the review screen; the rest is in the student's JSON report (`answer`). */
const MAX_ANSWER_LINES = 200;

/** What the reviewer sees of one answer. */
function screen(item: QueueItem, left: number, total: number, specs: Map<string, ExerciseSpec>, width: number): string {
  const part = specs.get(item.exercise)?.parts.find((p) => p.id === item.part);
  const check = part?.check.kind === 'free-text' ? part.check : undefined;
  const p = item.p;
  const suggested = p.suggestedScore;
  const lines = [
    `${item.exercise}.${item.part} · ${item.student}   (${left} of ${total} left)`,
    '',
    ...(part ? [`prompt: ${part.prompt.trim()}`] : []),
    ...(check ? [`rubric: ${check.rubric.map((r) => `${r.label} (${points(r.weight)})`).join('; ')}`] : []),
    `suggested: ${suggested !== undefined ? pointsOf(suggested, p.maxScore) : 'none'} — ${p.review?.automatic.status === 'needs-review' ? 'see the rubric' : p.message}`,
    ...(p.review
      ? [
          `decided:   ${pointsOf(p.score, p.maxScore)} by ${p.review.by}${p.review.comment ? ` — ${p.review.comment}` : ''} (a new score replaces it)`,
        ]
      : []),
    '',
    'answer:',
    // Fenced like every view of student text: blank runs collapsed, and an answer past a few screens says what it left out.
    ...fenceLines(wrap(p.answer ?? '(not in the report)', width).join('\n'), {
      maxLines: MAX_ANSWER_LINES,
      maxLineChars: Math.max(width, 80),
    }),
    '',
    `a = accept ${suggested !== undefined ? points(suggested) : '-'}, 0-${points(p.maxScore)} = that score, s = skip, b = back, q = quit`,
  ];
  // Ids, answers, comments and reviewer names are untrusted text: shown with their control characters made visible.
  return `${lines.map((l) => showControl(l)).join('\n')}\n`;
}

/**
 * Walks the queue from its first undecided item. `decide` saves one decision (atomically, at once) and returns the part
 * as decided; the loop ends at the end of the queue or on `q`. Returns how many decisions were made.
 */
export async function runReviewSession(
  queue: QueueItem[],
  specs: Map<string, ExerciseSpec>,
  io: SessionIo,
  decide: (d: DecisionDraft) => PartReport | undefined,
): Promise<number> {
  const rl = createInterface({ input: io.input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (q: string): Promise<string | undefined> => {
    io.write(q);
    const next = await lines.next();
    return next.done ? undefined : String(next.value).trim();
  };
  const decided = new Set(queue.filter((x) => x.p.review));
  let made = 0;
  let i = queue.findIndex((x) => !decided.has(x));
  try {
    while (i >= 0 && i < queue.length) {
      const item = queue[i];
      io.clear?.();
      io.write(
        screen(
          item,
          queue.filter((x) => !decided.has(x)).length,
          queue.length,
          specs,
          Math.max(40, Math.min(100, io.columns || 100)) - 2,
        ),
      );
      const answer = await ask('> ');
      if (answer === undefined || answer === 'q') break;
      if (answer === 'b') {
        i = Math.max(0, i - 1);
        continue;
      }
      if (answer === 's') {
        i++;
        continue;
      }
      const suggested = item.p.suggestedScore;
      // Only plain decimals: Number('') is 0 (an Enter pressed by mistake), Number('0x2') is 2.
      const typed = answer === 'a' ? undefined : parseScore(answer, item.p);
      const score = answer === 'a' ? suggested : typed && 'score' in typed ? typed.score : undefined;
      if (score === undefined) {
        io.write(
          `type a, a score from 0 to ${points(item.p.maxScore)}, s, b or q${answer ? ` (not '${showControl(answer)}')` : ''}\n`,
        );
        continue;
      }
      const comment = await ask('comment (Enter for none) > ');
      const now = decide(draftDecision(item, item.p, 'review', score, { comment }));
      // The part as decided, so going back shows the decision.
      if (now) item.p = now;
      decided.add(item);
      made++;
      i++;
      if (comment === undefined) break;
    }
  } finally {
    rl.close();
  }
  return made;
}
