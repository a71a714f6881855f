// The validated-spec cache: a warm run reads what this build validated; a changed spec is validated and reported as ever.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { loadCourseSpecs } from '../../../grader/engine/spec-cache.js';
import { cacheDir } from '../../../grader/engine/cache.js';
import { loadSpecs } from '../../../grader/spec/load.js';
import type { ExerciseSpec } from '../../../grader/spec/model.js';

const good = readFileSync(new URL('../../../exercises/he-init.yaml', import.meta.url), 'utf8');
const xor = readFileSync(new URL('../../../exercises/quiz-xor.yaml', import.meta.url), 'utf8');

function course(): string {
  const root = mkdtempSync(join(tmpdir(), 'tfgrade-spec-cache-'));
  mkdirSync(join(root, 'exercises'));
  writeFileSync(join(root, 'exercises', 'he-init.yaml'), good);
  writeFileSync(join(root, 'exercises', 'quiz-xor.yaml'), xor);
  return root;
}
const entries = (root: string): string[] => {
  try {
    return readdirSync(cacheDir(root)).filter((n) => n.startsWith('spec-'));
  } catch {
    return [];
  }
};
/** Rewrites every cached spec's title: a run that returns the new title read the cache instead of the file. */
function markCached(root: string): void {
  for (const n of entries(root)) {
    const file = join(cacheDir(root), n);
    const spec = deserialize(readFileSync(file)) as ExerciseSpec;
    writeFileSync(file, serialize({ ...spec, title: `cached ${spec.id}` }));
  }
}
const ids = ['he-init', 'quiz-xor'];
const on = { cache: true, build: 'build-1' };

describe('loadCourseSpecs', () => {
  it('validates on a cold run, as loadSpecs does, and caches each spec', async () => {
    const root = course();
    const specs = await loadCourseSpecs(root, root, ids, on);
    expect(specs).toEqual(loadSpecs(root, root, ids));
    expect(entries(root)).toHaveLength(2);
  });

  it('a warm run of the same build reads the cache; file, text and order are those of the files', async () => {
    const root = course();
    await loadCourseSpecs(root, root, ids, on);
    markCached(root);
    const warm = await loadCourseSpecs(root, root, ids, on);
    expect(warm.map((s) => s.spec.title)).toEqual(['cached he-init', 'cached quiz-xor']);
    expect(warm.map((s) => [s.file, s.text])).toEqual(loadSpecs(root, root, ids).map((s) => [s.file, s.text]));
    expect((await loadCourseSpecs(root, root, ['quiz-xor'], on)).map((s) => s.spec.id)).toEqual(['quiz-xor']);
  });

  it('another build, --no-cache, or no build at all (from source) never reads the cache', async () => {
    const root = course();
    await loadCourseSpecs(root, root, ids, on);
    markCached(root);
    for (const opts of [{ cache: true, build: 'build-2' }, { cache: false, build: 'build-1' }, { cache: true }]) {
      const specs = await loadCourseSpecs(root, root, ids, opts);
      expect(specs.map((s) => s.spec.title)).toEqual(loadSpecs(root, root, ids).map((s) => s.spec.title));
    }
    expect(entries(root)).toHaveLength(4); // build-2's two; --no-cache and the source run wrote nothing
  });

  it('a changed spec is validated again: its problems are reported together with the others, as without a cache', async () => {
    const root = course();
    await loadCourseSpecs(root, root, ids, on);
    markCached(root);
    writeFileSync(join(root, 'exercises', 'he-init.yaml'), good.replace('kind: statistical', 'kind: nope'));
    writeFileSync(join(root, 'exercises', 'quiz-xor.yaml'), xor.replace(/^id: quiz-xor$/m, 'id: xor'));
    const cold = (() => {
      try {
        loadSpecs(root, root, ids);
      } catch (e) {
        return e;
      }
    })();
    await expect(loadCourseSpecs(root, root, ids, on)).rejects.toEqual(cold);
    expect(cold).toMatchObject({ code: 'SPEC_INVALID' });
    expect((cold as { problems: { file: string }[] }).problems.map((p) => p.file)).toEqual(
      expect.arrayContaining(['exercises/he-init.yaml', 'exercises/quiz-xor.yaml']),
    );
  });

  it('an edit back to valid text is validated once, then cached under its new text', async () => {
    const root = course();
    await loadCourseSpecs(root, root, ids, on);
    const edited = good.replace(/^title: .*$/m, 'title: He init, edited');
    writeFileSync(join(root, 'exercises', 'he-init.yaml'), edited);
    const specs = await loadCourseSpecs(root, root, ids, on);
    expect(specs[0].spec.title).toBe('He init, edited');
    expect(entries(root)).toHaveLength(3);
  });
});
