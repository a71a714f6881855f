// Similarity detector benchmark: a generated 300-student class per code exercise (mutated fixtures, planted copies), timed.
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { OUT_DIR, ROOT, fmtMs, load, log, median, table } from './util.mjs';
import { rng } from './generate.mjs';

/**
 * The module from source, bundled the way scripts/build.mjs bundles the CLI (esbuild, node20, ESM): the CLI bundle
 * does not export it, and a bench must not depend on whether the batch command wires it in yet.
 */
async function loadModule() {
  const outfile = join(OUT_DIR, 'similarity', 'similarity.mjs');
  mkdirSync(join(OUT_DIR, 'similarity'), { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'grader/similarity/index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile,
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}

const SOURCES = [join(ROOT, 'test/fixtures/submissions'), join(ROOT, 'test/fixtures/similarity')];

/** A file's top-level declarations: the export each defines (null for a helper) and its text. */
function declarations(text) {
  return text
    .split(/\n(?=(?:export |function |const |type |\/\*\*|\/\/ )\S)/)
    .filter((b) => !/^(import|\/\/ )/.test(b) && !/ReferenceExtras|CaseDef/.test(b))
    .map((b) => ({
      name: /^(?:\/\*\*[\s\S]*?\*\/\s*)?export (?:function|const) (\w+)/.exec(b)?.[1] ?? null,
      text: b.trim(),
    }));
}

/** Code exercises (the reference exports a function) and every solution the repo has of each, cut into declarations. */
export function exercises() {
  const ids = readdirSync(join(ROOT, 'exercises'))
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => n.slice(0, -5))
    .sort();
  return ids
    .map((id) => {
      const reference = readFileSync(join(ROOT, 'reference', `${id}.ts`), 'utf8');
      const texts = [
        reference,
        ...SOURCES.flatMap((root) =>
          readdirSync(root)
            .filter(
              (d) =>
                d.startsWith(`${id}--`) &&
                !d.includes('--copy') &&
                !d.includes('--starter') &&
                existsSync(join(root, d, `${id}.ts`)),
            )
            .map((d) => readFileSync(join(root, d, `${id}.ts`), 'utf8')),
        ),
      ];
      return {
        id,
        starter: readFileSync(join(ROOT, 'solutions', `${id}.ts`), 'utf8'),
        bases: texts.map(declarations),
        code: /^export function /m.test(reference),
      };
    })
    .filter((e) => e.code);
}

const KEEP = new Set(
  (
    'tf Math Array Number Object String JSON console import export from as const let var function return if else for while of in new ' +
    'true false null undefined number string boolean type typeof this void throw try catch finally break continue'
  ).split(' '),
);
const API = [
  'matMul',
  'add',
  'sub',
  'mul',
  'relu',
  'sigmoid',
  'tanh',
  'exp',
  'log',
  'sqrt',
  'square',
  'sum',
  'mean',
  'reshape',
  'transpose',
  'slice',
  'gather',
  'expandDims',
  'squeeze',
  'norm',
  'abs',
  'neg',
  'pow',
  'clipByValue',
  'softmax',
  'argMax',
  'tile',
  'pad',
  'cumsum',
  'step',
];

/** Every name (not a property after `.`) renamed with a per-student salt: invisible to the detector by design. */
const rename = (text, salt) =>
  text.replace(/(?<![.\w$'"/@])([A-Za-z_]\w*)\b/g, (m) => (KEEP.has(m) ? m : `${m}${salt}`));

function shuffle(xs, next) {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Comments dropped and others added: also invisible. */
const recomment = (text, next) =>
  text
    .replace(/\s*\/\/[^\n'"`]*$/gm, '')
    .replace(/;\n/g, (m) => (next() < 0.2 ? `; // step ${Math.floor(next() * 100)}\n` : m));

/** The student's own work: statements of their own between the lines they took, so no two students hand in the same file. */
function personalize(text, next) {
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const v = () => pick(['x', 'w1', 'z', 'h', 'n', 'k']);
  return text
    .split('\n')
    .map((line) => {
      if (!/^\s+\S.*[;{]$/.test(line) || next() > 0.45) return line;
      const indent = /^\s*/.exec(line)[0] + (line.endsWith('{') ? '  ' : '');
      const stmt = pick([
        () => `const t${Math.floor(next() * 99)} = tf.${pick(API)}(${v()}.${pick(API)}(), ${v()}.${pick(API)}());`,
        () =>
          `if (${v()}.${pick(API)}() > ${Math.floor(next() * 9)}) console.log(tf.${pick(API)}(${v()}).${pick(API)}());`,
        () => `check(${v()}.${pick(API)}().${pick(API)}(), tf.${pick(API)}(${v()}));`,
      ])();
      return `${line}\n${indent}${stmt}`;
    })
    .join('\n');
}

/**
 * `students` students of one exercise. Each takes every export from a random solution of the repo (with that
 * solution's helpers), in a random order, renames, recomments and adds statements of their own; every 30th hands in
 * a disguised copy (renamed, reordered, recommented) of an earlier student's file instead: the planted pairs.
 */
export function generateClass(ex, students, seed) {
  const next = rng(seed);
  const names = [...new Set(ex.bases.flatMap((b) => b.filter((d) => d.name).map((d) => d.name)))].sort();
  const sources = [];
  const planted = [];
  for (let i = 0; i < students; i++) {
    const student = `s${String(i).padStart(3, '0')}`;
    if (i % 30 === 29) {
      const from = sources[Math.floor(next() * i)];
      const parts = from.text.split(/\n\n/);
      sources.push({
        student,
        text: recomment(rename([parts[0], ...shuffle(parts.slice(1), next)].join('\n\n'), `_c${i}`), next),
      });
      planted.push(`${from.student} ${student}`);
      continue;
    }
    const used = new Set();
    const decls = names.map((name) => {
      const having = ex.bases.filter((b) => b.some((d) => d.name === name));
      const base = having[Math.floor(next() * having.length)];
      used.add(base);
      return base.find((d) => d.name === name).text;
    });
    const helpers = [...used].flatMap((b) => b.filter((d) => !d.name).map((d) => d.text));
    const body = shuffle([...new Set([...helpers, ...decls])], next).join('\n\n');
    sources.push({
      student,
      text: personalize(recomment(rename(`import * as tf from '@tensorflow/tfjs';\n\n${body}\n`, `_${i}`), next), next),
    });
  }
  return { sources, planted: new Set(planted) };
}

export async function measureSimilarity({ students = 300, runs = 3, seed = 13 } = {}) {
  const sim = await loadModule();
  const loadAtStart = load();
  const classes = exercises().map((ex, n) => ({ ex, ...generateClass(ex, students, seed + n) }));
  // Warm-up: JIT and the first regex compilations belong to no exercise.
  sim.compareExercise(classes[0].ex.id, classes[0].sources, classes[0].ex.starter);
  const rows = classes.map(({ ex, sources, planted }) => {
    const times = [];
    let r;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      r = sim.compareExercise(ex.id, sources, ex.starter);
      times.push(performance.now() - t0);
    }
    const found = r.pairs.filter((p) => planted.has(`${p.a} ${p.b}`)).length;
    const lines = sources.reduce((s, x) => s + x.text.split('\n').length, 0);
    return {
      exercise: ex.id,
      students,
      bases: ex.bases.length,
      meanLines: lines / students,
      ms: median(times),
      candidatePairs: r.candidatePairs,
      pairs: r.pairs.length,
      planted: planted.size,
      plantedFound: found,
      others: r.pairs.length - found,
      tooShort: r.tooShort.length,
    };
  });
  return {
    students,
    runs,
    seed,
    settings: {
      k: sim.DEFAULTS.k,
      w: sim.DEFAULTS.w,
      threshold: sim.DEFAULTS.threshold,
      maxShare: sim.DEFAULTS.maxShare,
    },
    rows,
    totalMs: rows.reduce((s, x) => s + x.ms, 0),
    load: { start: loadAtStart, end: load() },
  };
}

export function similaritySection(s) {
  const all = (s.students * (s.students - 1)) / 2;
  return [
    `Similarity: ${s.students} generated students per code exercise, median of ${s.runs} runs (k ${s.settings.k}, w ${s.settings.w}, threshold ${s.settings.threshold}, maxShare ${s.settings.maxShare})`,
    table(
      [
        'exercise',
        'bases',
        'lines/student',
        'compare',
        'pairs scored',
        'flagged',
        'planted found',
        'other flagged',
        'too short',
      ],
      s.rows.map((x) => [
        x.exercise,
        x.bases,
        x.meanLines.toFixed(0),
        fmtMs(x.ms),
        `${x.candidatePairs} of ${all}`,
        x.pairs,
        `${x.plantedFound}/${x.planted}`,
        x.others,
        x.tooShort,
      ]),
    ),
    `total: ${fmtMs(s.totalMs)} for ${s.rows.length} exercises (one core; load average ${s.load.start.join(' ')} at start, ${s.load.end.join(' ')} at end)`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values: o } = parseArgs({
    options: {
      students: { type: 'string', default: '300' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: '13' },
    },
  });
  log(`similarity: generating ${o.students} students per code exercise`);
  const s = await measureSimilarity({ students: Number(o.students), runs: Number(o.runs), seed: Number(o.seed) });
  process.stdout.write(`${similaritySection(s)}\n`);
}
