// The README a student kit opens with: install, check, submit, and what each part's feedback means.
import type { KitFeedback } from '../spec/model.js';

export interface KitExerciseSummary {
  id: string;
  title: string;
  feedback: { id: string; points: number; feedback: KitFeedback }[];
}

const WHAT: Record<KitFeedback, string> = {
  immediate: 'checked now, on the public cases',
  'on-submit': 'form checked now, graded after you submit',
  hidden: 'hidden: graded after you submit',
};

export function studentReadme(exercises: KitExerciseSummary[]): string {
  const first = exercises[0]?.id ?? 'p1';
  const rows = exercises.flatMap((e) => e.feedback.map((p) => `| ${e.id} | \`${p.id}\` | ${p.points} | ${WHAT[p.feedback]} |`));
  return `# Exercises: your grader

This folder holds the exercises, a starter file for each in \`solutions/\`, and the grader your course uses, so you
can check your work before you submit. It holds no solutions and no answers.

## Install (once)

You need Node.js 20 or newer. In this folder:

\`\`\`sh
npm ci
\`\`\`

## Work on an exercise

\`\`\`sh
npx grade list              # every exercise
npx grade show ${first}        # what ${first} asks, and the exports your file must have
npx grade ${first}             # check solutions/${first}.ts
npx grade ${first} --watch     # check it again every time you save
\`\`\`

What you see for each part:

- **passed / failed**: a code part, run on the public cases that ship here. Your course grades it on these and on
  more cases that do not ship, so make it work for any input, not only for these.
- **recorded**: an answer part (an option, a number, a formula, an explanation). Here the grader only checks that it
  is an answer of the right form (an option that exists, a finite number, a formula that parses); whether it is
  right is decided after you submit. A malformed answer shows as failed, with what to fix.
- **hidden**: a part graded only after you submit; here only its form is checked.

\`npx grade\` exits 0 when nothing failed (recorded parts are not failures), 1 otherwise.

## Submit

\`\`\`sh
npx grade pack              # writes submission.zip with your solutions/*.ts
\`\`\`

It warns about a file that does not compile or misses an export. Upload \`submission.zip\` where your course asks
(Canvas, Gradescope, ...).

## The parts

| exercise | part | points | feedback here |
|---|---|---|---|
${rows.join('\n')}
`;
}
