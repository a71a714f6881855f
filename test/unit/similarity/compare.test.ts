// Acceptance of the similarity detector on the repo's solutions: planted copies found, independent solutions not flagged.
import { describe, expect, it } from 'vitest';
import {
  compareExercise,
  DEFAULTS,
  type ExerciseSimilarity,
  type SimilarPair,
} from '../../../grader/similarity/index.js';
import { catalog, correctSolutions, fixture, referenceOf, starterOf, type Source } from './helpers.js';

const pairOf = (r: ExerciseSimilarity, x: string, y: string): SimilarPair | undefined =>
  r.pairs.find((p) => (p.a === x && p.b === y) || (p.a === y && p.b === x));

/** The original among every other correct p3 solution the repo has, so the copy must stand out from a class. */
const p3Class = (...extra: Source[]): Source[] => [...correctSolutions('p3'), ...extra];

describe('planted copies are found', () => {
  it.each([
    ['p3', 'p3--copy-renamed-reordered', 'p3--correct', 'variables renamed, functions reordered'],
    ['p3', 'p3--copy-commented', 'p3--correct', 'comments added, indentation and line breaks changed'],
    ['p1', 'p1--copy-of-dana', 'p1--correct-dana', 'renamed, reordered and recommented'],
  ])('%s: %s of %s (%s)', (exercise, copy, original) => {
    const r = compareExercise(
      exercise,
      exercise === 'p3' ? p3Class(fixture(copy)) : [...correctSolutions(exercise), fixture(copy)],
      starterOf(exercise),
    );
    const pair = pairOf(r, copy, original);
    expect(pair, JSON.stringify(r.pairs.map((p) => [p.a, p.b, p.similarity]))).toBeDefined();
    expect(pair!.similarity).toBeGreaterThanOrEqual(DEFAULTS.threshold);
    // The copy is flagged with its original and with nobody else.
    expect(r.pairs.filter((p) => p.a === copy || p.b === copy)).toHaveLength(1);
  });

  it('the matching regions are the original lines of each side', () => {
    const orig = fixture('p3--correct');
    const copy = fixture('p3--copy-renamed-reordered');
    const pair = pairOf(compareExercise('p3', [orig, copy], starterOf('p3')), orig.student, copy.student)!;
    const lines = { [orig.student]: orig.text.split('\n'), [copy.student]: copy.text.split('\n') };
    expect(pair.regions.length).toBeGreaterThanOrEqual(3); // three functions, in another order: several regions
    for (const g of pair.regions) {
      for (const [side, who] of [
        [g.a, pair.a],
        [g.b, pair.b],
      ] as const) {
        expect(side.from).toBeLessThanOrEqual(side.to);
        expect(side.text).toBe(lines[who].slice(side.from - 1, side.to).join('\n'));
      }
    }
    // gradientFlow's loop (the copy moved it first) is on both sides of one region.
    const loop = (who: string, g: (typeof pair.regions)[number]) => (who === pair.a ? g.a : g.b).text;
    expect(
      pair.regions.some(
        (g) =>
          loop(orig.student, g).includes('r.map((v, i) => v + jr[i])') &&
          loop(copy.student, g).includes('skip.map((e, q) => e + js[q])'),
      ),
    ).toBe(true);
  });
});

describe('independent correct solutions are not flagged', () => {
  // The reference and every correct fixture of each exercise, as one class per exercise.
  it.each(catalog())('%s', (exercise) => {
    const r = compareExercise(exercise, correctSolutions(exercise), starterOf(exercise));
    const flagged = r.pairs.map((p) => `${p.a} ~ ${p.b} ${p.similarity}`);
    // p3--correct-needs-cpu-kernel is not independent: its gradientNorms and gradientFlow are the reference's, verbatim
    // but for one line (see the next test). Every other pair of the catalog must stay below the threshold.
    expect(flagged.filter((f) => !f.startsWith('p3--correct-needs-cpu-kernel ~ reference'))).toEqual([]);
  });

  it('a fixture that took two of its three functions from the reference IS flagged, with those functions as regions', () => {
    const r = compareExercise('p3', correctSolutions('p3'), starterOf('p3'));
    const pair = pairOf(r, 'p3--correct-needs-cpu-kernel', 'reference')!;
    expect(pair.similarity).toBeGreaterThanOrEqual(DEFAULTS.threshold);
    expect(pair.regions.map((g) => g.a.text).join('\n')).toContain('residual.push(residual[k] * (1 + gain));');
    expect(pair.regions.map((g) => g.a.text).join('\n')).not.toContain('tf.gather');
  });

  it('the three independent p3 and two p1 solutions written for this test score well below the copies', () => {
    for (const exercise of ['p1', 'p3']) {
      const r = compareExercise(exercise, correctSolutions(exercise), starterOf(exercise), { threshold: 0 });
      const mine = r.pairs.filter(
        (p) => /--correct-(ana|ben|chen|dana|eli)$/.test(p.a) || /--correct-(ana|ben|chen|dana|eli)$/.test(p.b),
      );
      expect(mine.length).toBeGreaterThan(0);
      for (const p of mine) expect(p.similarity, `${p.a} ~ ${p.b}`).toBeLessThan(DEFAULTS.threshold);
    }
  });
});

describe('starter code', () => {
  const a = fixture('p3--starter-one-line-a');
  const b = fixture('p3--starter-one-line-b');

  it('two students who only filled in the same line of the starter are not flagged', () => {
    const r = compareExercise('p3', [a, b], starterOf('p3'));
    expect(r.pairs).toEqual([]);
    expect(r.tooShort).toEqual([a.student, b.student]);
  });

  it('without the starter subtracted they would be (so the subtraction is what clears them)', () => {
    const r = compareExercise('p3', [a, b], undefined);
    expect(pairOf(r, a.student, b.student)?.similarity).toBeGreaterThanOrEqual(DEFAULTS.threshold);
  });

  it("the starter's own lines never count as shared, even between two full copies", () => {
    const orig = fixture('p3--correct');
    const pair = compareExercise('p3', [orig, fixture('p3--copy-commented')], starterOf('p3')).pairs[0];
    const withStarter = compareExercise('p3', [orig, fixture('p3--copy-commented')], undefined).pairs[0];
    expect(pair.fingerprints.a).toBeLessThan(withStarter.fingerprints.a);
  });
});

describe('output', () => {
  it('is deterministic: input order does not matter, the JSON is byte-identical', () => {
    const srcs = p3Class(fixture('p3--copy-commented'), fixture('p3--copy-renamed-reordered'));
    const one = JSON.stringify(compareExercise('p3', srcs, starterOf('p3')));
    const two = JSON.stringify(compareExercise('p3', [...srcs].reverse(), starterOf('p3')));
    expect(two).toBe(one);
    const r = JSON.parse(one) as ExerciseSimilarity;
    for (const p of r.pairs) expect(p.a < p.b).toBe(true);
    for (let i = 1; i < r.pairs.length; i++)
      expect(r.pairs[i - 1].similarity).toBeGreaterThanOrEqual(r.pairs[i].similarity);
  });

  it.each([[{ k: 0 }], [{ w: 1.5 }], [{ threshold: 1.2 }], [{ maxShare: 0 }], [{ minTokens: -1 }]])(
    'rejects options %j',
    (opts) => {
      expect(() => compareExercise('p3', [], undefined, opts)).toThrow(RangeError);
    },
  );

  it('rejects a student twice', () => {
    expect(() => compareExercise('p3', [referenceOf('p3'), referenceOf('p3')], undefined)).toThrow(/twice/);
  });
});
