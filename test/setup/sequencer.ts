// Longest test files first, so the run does not end with one worker alone on a long e2e file. Vitest's own order does
// this only from its results cache; a fresh clone (CI) has none, so a file without a cached time gets its folder's guess.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Seconds a file of each folder typically takes (the e2e and hostile folders spawn the real bin, many times). */
const GUESS: [RegExp, number][] = [
  [/^test\/e2e\/fixtures\.test\.ts$/, 60],
  [/^test\/hostile\/hostile\.test\.ts$/, 40],
  [/^test\/e2e\/(cli|student-kit)\.test\.ts$/, 30],
  [/^test\/(e2e|hostile)\//, 15],
  [/^test\/(hostile-ta|fuzz)\//, 5],
  [/^test\/unit\/(reference|report)\//, 3],
];

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const rel = (spec: TestSpecification): string => relative(config.root, spec.moduleId);
    const known = (spec: TestSpecification) => cache.getFileTestResults(`${spec.project.name}:${rel(spec)}`);
    const guess = (spec: TestSpecification): number =>
      GUESS.find(([re]) => re.test(rel(spec).replaceAll('\\', '/')))?.[1] ?? 1;
    const seconds = (spec: TestSpecification): number => (known(spec)?.duration ?? 1000 * guess(spec)) / 1000;
    const failed = (spec: TestSpecification): boolean => known(spec)?.failed ?? false;
    // Files that failed last time still come first (Vitest's default): their answer matters most.
    return [...files].sort((a, b) => Number(failed(b)) - Number(failed(a)) || seconds(b) - seconds(a));
  }
}
