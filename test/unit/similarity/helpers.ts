// Similarity test helpers: the repo's solutions as a "class", and a generated class of independent random programs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ROOT } from '../../helpers/cli.js';

export const SUBMISSIONS = join(ROOT, 'test', 'fixtures', 'submissions');
export const SIMILARITY = join(ROOT, 'test', 'fixtures', 'similarity');

export interface Source {
  student: string;
  text: string;
}

export const catalog = (): string[] =>
  readdirSync(join(ROOT, 'exercises'))
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => basename(n, '.yaml'))
    .sort();

export const starterOf = (exercise: string): string => readFileSync(join(ROOT, 'solutions', `${exercise}.ts`), 'utf8');
export const referenceOf = (exercise: string): Source => ({
  student: 'reference',
  text: readFileSync(join(ROOT, 'reference', `${exercise}.ts`), 'utf8'),
});

/** `<folder>/<exercise>.ts` (test/fixtures/similarity first, then test/fixtures/submissions) as a student named after its folder. */
export function fixture(folder: string): Source {
  const exercise = folder.split('--')[0];
  const root = existsSync(join(SIMILARITY, folder)) ? SIMILARITY : SUBMISSIONS;
  return { student: folder, text: readFileSync(join(root, folder, `${exercise}.ts`), 'utf8') };
}

/** Correct fixtures that are another fixture with a few lines changed, by construction: copies, not a class's solutions. */
const DERIVED = new Set(['p3--correct-with-type-errors']);

/** Every correct solution of an exercise the repo has: the reference and each `<exercise>--correct*` folder. */
export function correctSolutions(exercise: string): Source[] {
  const folders = [SUBMISSIONS, SIMILARITY].flatMap((root) =>
    readdirSync(root)
      .filter(
        (d) => d.startsWith(`${exercise}--correct`) && !DERIVED.has(d) && existsSync(join(root, d, `${exercise}.ts`)),
      )
      .map((d) => fixture(d)),
  );
  return [referenceOf(exercise), ...folders];
}

export { mulberry32 as rng } from '../../../grader/util/random.js';

const API = [
  'matMul',
  'add',
  'sub',
  'mul',
  'div',
  'relu',
  'sigmoid',
  'tanh',
  'exp',
  'log',
  'sqrt',
  'square',
  'sum',
  'mean',
  'max',
  'min',
  'reshape',
  'transpose',
  'concat',
  'stack',
  'unstack',
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
  'oneHot',
  'tile',
  'pad',
  'cumsum',
  'matrixBandPart',
  'dot',
  'outerProduct',
  'step',
  'elu',
  'selu',
  'leakyRelu',
  'prelu',
  'round',
  'floor',
  'ceil',
  'sign',
  'cos',
  'sin',
  'moments',
];

/**
 * A random tf program: statements of a few shapes around randomly chosen API names, so two of these share a 12-token
 * run only by accident, like two students who solved an exercise on their own. Constructs every student writes (a
 * loop header, a tf.tidy wrapper) are left out here: a test adds such an idiom explicitly, where it wants one.
 */
export function randomProgram(next: () => number, statements = 24): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const v = (): string => pick(['x', 'y', 'w', 'h', 'acc', 'out', 'tmp', 'g']);
  const op = (): string => pick(['+', '-', '*', '/']);
  // An API name every few tokens, as in tensor code: what tells one author's statement from another's.
  const arg = (): string =>
    pick([
      () => `${v()}.${pick(API)}`,
      () => `tf.${pick(API)}(${v()})`,
      () => `${v()}.${pick(API)}(${Math.floor(next() * 9)})`,
    ])();
  const call = (): string =>
    pick([() => `tf.${pick(API)}(${arg()}, ${arg()})`, () => `${arg()}.${pick(API)}(${arg()})`])();
  const shapes = [
    () => `  const ${v()} = ${call()};`,
    () => `  ${v()} = ${call()} ${op()} ${arg()};`,
    () => `  if (${call()} > ${arg()}) return [${call()}];`,
    () => `  out.push(${call()}.dataSync()[0]);`,
    () => `  let ${v()} = [${call()}, ${arg()}];`,
  ];
  const body = Array.from({ length: statements }, () => pick(shapes)());
  return `import * as tf from '@tensorflow/tfjs';\n\nexport function solve(x: tf.Tensor, w: tf.Tensor): number[] {\n  const out: number[] = [];\n${body.join('\n')}\n  return out;\n}\n`;
}

/** A copy with its names changed and a comment or two added: what a copier hands in. */
export function disguise(text: string, salt: string): string {
  return text
    .replace(/\b(x|y|w|h|acc|out|tmp|g)\b/g, (m) => `${m}_${salt}`)
    .replace(/;\n/g, (m, offset: number) => (offset % 3 === 0 ? ` // step\n` : m));
}
