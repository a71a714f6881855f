// Generates N whole-catalog submissions (one folder per student, one <id>.ts per exercise) from the test fixtures:
// a fixed-seed mix of all-correct students, students with some wrong answers, and slow-but-correct students.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { ROOT } from './util.mjs';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'submissions');
export const SLOW_MS = 300;

/** Deterministic PRNG (mulberry32, as grader/util/random.ts): the same N gives the same students on every machine. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function catalog() {
  return readdirSync(join(ROOT, 'exercises'))
    .filter((n) => /\.(ya?ml|json)$/.test(n))
    .map((n) => basename(n, extname(n)))
    .sort();
}

/** Per exercise: the correct source and the wrong-answer fixtures (hostile ones, hangs and crashes, are left out). */
function sources(ids) {
  const dirs = readdirSync(FIXTURES);
  return Object.fromEntries(
    ids.map((id) => {
      const fixture = join(FIXTURES, `${id}--correct`, `${id}.ts`);
      const correct = readFileSync(existsSync(fixture) ? fixture : join(ROOT, 'reference', `${id}.ts`), 'utf8');
      const wrong = dirs
        .filter((d) => d.startsWith(`${id}--wrong-`) || d.startsWith(`${id}--partial-`))
        .filter((d) => existsSync(join(FIXTURES, d, `${id}.ts`)))
        .map((d) => ({ name: d, text: readFileSync(join(FIXTURES, d, `${id}.ts`), 'utf8') }));
      const callParts = [...correct.matchAll(/^export function (\w+)\s*\(/gm)].map((m) => m[1]);
      return [id, { correct, wrong, callParts }];
    }),
  );
}

/** A correct solution whose `part` busy-waits SLOW_MS on its first call: a slow student, not a wrong one. */
function slowed(text, part) {
  const renamed = text.replace(new RegExp(`^export function ${part}\\s*\\(`, 'm'), `function __bench_${part}(`);
  return `${renamed}
// bench: the first call of ${part} busy-waits ${SLOW_MS} ms (a correct but slow student).
let __benchSlowDone = false;
export function ${part}(...args: any[]): any {
  if (!__benchSlowDone) {
    __benchSlowDone = true;
    const t0 = Date.now();
    while (Date.now() - t0 < ${SLOW_MS}) { /* busy */ }
  }
  return (__bench_${part} as any)(...args);
}
`;
}

/** 50% all correct, 35% with some wrong answers, 15% slow; returns what each student got, for the results file. */
export function generateSubmissions({ n, dir, seed = 6 }) {
  const ids = catalog();
  const src = sources(ids);
  const rand = rng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  rmSync(dir, { recursive: true, force: true });
  const students = [];
  for (let i = 0; i < n; i++) {
    const id = `student-${String(i + 1).padStart(3, '0')}`;
    const r = rand();
    const profile = r < 0.5 ? 'correct' : r < 0.85 ? 'wrong' : 'slow';
    const files = {};
    const got = {};
    for (const ex of ids) {
      files[ex] = src[ex].correct;
      got[ex] = 'correct';
    }
    if (profile === 'wrong') {
      const withWrong = ids.filter((ex) => src[ex].wrong.length);
      for (const ex of withWrong) {
        if (rand() < 0.35) {
          const w = pick(src[ex].wrong);
          files[ex] = w.text;
          got[ex] = w.name;
        }
      }
      if (!Object.values(got).some((g) => g !== 'correct')) {
        const ex = pick(withWrong);
        const w = pick(src[ex].wrong);
        files[ex] = w.text;
        got[ex] = w.name;
      }
    } else if (profile === 'slow') {
      const ex = pick(ids.filter((x) => src[x].callParts.length));
      const part = pick(src[ex].callParts);
      files[ex] = slowed(src[ex].correct, part);
      got[ex] = `slow:${part}`;
    }
    const sdir = join(dir, id);
    mkdirSync(sdir, { recursive: true });
    for (const [ex, text] of Object.entries(files)) writeFileSync(join(sdir, `${ex}.ts`), text);
    students.push({ id, profile, got });
  }
  const composition = { correct: 0, wrong: 0, slow: 0 };
  for (const s of students) composition[s.profile]++;
  return { dir, exercises: ids, students, composition };
}
