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
  const rows = exercises.flatMap((e) =>
    e.feedback.map((p) => `| ${e.id} | \`${p.id}\` | ${p.points} | ${WHAT[p.feedback]} |`),
  );
  return `# Exercises: your grader

This folder holds the exercises, a starter file for each in \`solutions/\`, and the grader your course uses, so you
can check your work before you submit. It holds no solutions and no answers.

## Install (once)

You need Node.js 20 or newer. In this folder:

\`\`\`sh
npm ci
\`\`\`

\`npm ci\` downloads the packages in \`package-lock.json\` (about 90 MB; 350 MB once unpacked). Without a network: \`npm ci --offline\`
installs from npm's cache when this machine installed the same packages before, and if your course gave you an
\`npm-cache/\` folder with the kit, \`npm ci --offline --cache ./npm-cache\` installs from it.

npm 11 may list packages whose install scripts run when they are installed. \`package.json\`'s \`allowScripts\` says
which: \`esbuild\`'s script runs (it only finds the esbuild program for your platform among the packages just
installed and checks its version); \`core-js\`'s is skipped (it only prints a thank-you banner).

## Work on an exercise

\`\`\`sh
npx grade list              # every exercise
npx grade show ${first}        # what ${first} asks, and the exports your file must have
npx grade ${first}             # check solutions/${first}.ts
npx grade ${first} --watch     # check it again every time you save
npx grade status            # where you stand on every exercise, and your total
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

It grades your files as \`npx grade\` does and names, per exercise, what will likely lose points: a starter left
as it came, a code part failing the public cases, a malformed answer, a missing export, a file that does not compile.
It exits 0 only when there is none; otherwise 1, and the zip is written all the same. Upload \`submission.zip\` where
your course asks (Canvas, Gradescope, ...).

## Commands

| command | what it does |
|---|---|
| \`npx grade <id..>\` | check \`solutions/<id>.ts\` (with no ids: every file in \`solutions/\`); \`--watch\`, \`--json\` |
| \`npx grade all\` | check every exercise |
| \`npx grade list\` | every exercise and its points |
| \`npx grade show <id>\` | what an exercise asks, and the exports your file needs |
| \`npx grade status\` | a row per exercise (passing, failing, recorded, untouched starter, missing file): points now, points after you submit |
| \`npx grade pack\` | write \`submission.zip\`, and say what would likely lose points |
| \`npx grade validate\` | check that the kit's files are the ones your course released |

\`npx grade --help\` says more.

## The parts

| exercise | part | points | feedback here |
|---|---|---|---|
${rows.join('\n')}
`;
}
