// The one solution-root rule: the pure search over path segments, its folder feed, and the Gradescope script's search.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAutograderScript } from '../../../grader/bundle/scripts.js';
import { MAX_ROOT_DEPTH, shallowestRoot, solutionRoot } from '../../../grader/uploads/solution-root.js';
import { makeTree, removeTrees, type TreeSpec } from '../batch/helpers.js';

afterAll(removeTrees);

const KNOWN = ['he-init.ts', 'p3.ts'];
const segs = (...paths: string[]): string[][] => paths.map((p) => p.split('/'));

describe('shallowestRoot', () => {
  it.each<[string, string[][], string[] | undefined]>([
    ['a file at the top: the top', segs('he-init.ts', 'solutions/p3.ts'), []],
    ["grade pack's solutions/ folder", segs('solutions/he-init.ts', 'solutions/util.ts'), ['solutions']],
    ['the shallowest wins over the first by name', segs('a/b/he-init.ts', 'z/p3.ts'), ['z']],
    ['equally shallow: first by name, folder by folder', segs('hw1 (1)/he-init.ts', 'hw1/he-init.ts'), ['hw1']],
    ['equally shallow: code units, not locale', segs('b/p3.ts', 'B/he-init.ts'), ['B']],
    ['deeper: the prefix folder first', segs('hw1-old/x/p3.ts', 'hw1/z/he-init.ts'), ['hw1', 'z']],
    [`exactly ${MAX_ROOT_DEPTH} down is found`, segs('hw1/solutions/he-init.ts'), ['hw1', 'solutions']],
    [`more than ${MAX_ROOT_DEPTH} down is not`, segs('a/hw1/solutions/he-init.ts'), undefined],
    [
      'hidden, __MACOSX and node_modules never lead to one',
      segs('.git/he-init.ts', '__MACOSX/p3.ts', 'node_modules/x/p3.ts'),
      undefined,
    ],
    ['noise beside a real one', segs('.hidden/he-init.ts', 'src/he-init.ts'), ['src']],
    ['a hidden file of a known name is not one', segs('._he-init.ts', 'x/.p3.ts'), undefined],
    ['other names are not', segs('notes.ts', 'he-init.js', 'sub/HE-INIT.ts'), undefined],
    ['a folder named like a solution is not a file', segs('he-init.ts/util.ts'), undefined],
    ['nothing at all', [], undefined],
  ])('%s', (_what, files, root) => {
    expect(shallowestRoot(files, KNOWN)).toEqual(root);
  });
});

/** Trees for the folder feed and the Gradescope script: the root the rule picks, as a relative path. */
/** [what, tree, the root found ('' the folder itself, undefined none)]. */
const TREES: [string, TreeSpec, string | undefined][] = [
  ['a file at the top', { 'he-init.ts': 'x', 'sub/p3.ts': 'x' }, ''],
  ['a nested solutions/ folder', { 'notes.md': 'x', 'hw/solutions/he-init.ts': 'x' }, 'hw/solutions'],
  ['shallowest, then first by name', { 'b/he-init.ts': 'x', 'a/x/he-init.ts': 'x', 'c/he-init.ts': 'x' }, 'b'],
  ['folder by folder: hw1 before hw1 (1)', { 'hw1 (1)/he-init.ts': 'x', 'hw1/he-init.ts': 'x' }, 'hw1'],
  ['too deep is not searched', { 'a/b/c/he-init.ts': 'x' }, undefined],
  [
    'hidden and node_modules folders are skipped',
    { '.git/he-init.ts': 'x', 'node_modules/he-init.ts': 'x', 'z/he-init.ts': 'x' },
    'z',
  ],
  ['a linked folder is not entered', { a: { link: '/tmp' }, 'real/x': 'x', 'lib/he-init.ts': 'x' }, 'lib'],
];

describe('solutionRoot over a folder', () => {
  it.each(TREES)('%s', (_what, spec, root) => {
    const dir = makeTree(spec);
    expect(solutionRoot(dir, KNOWN)).toBe(root === undefined ? undefined : root ? join(dir, root) : dir);
  });

  it('a linked folder holding a solution is not entered, a linked file of a known name does not count', () => {
    const target = makeTree({ 'he-init.ts': 'x' });
    const dir = makeTree({
      'a/he-init.ts': { link: join(target, 'he-init.ts') },
      b: { link: target },
      'c/d/p3.ts': 'x',
    });
    expect(solutionRoot(dir, KNOWN)).toBe(join(dir, 'c/d'));
  });

  it('an unreadable or missing folder holds no root (the caller grades it as it is)', () => {
    const dir = join(makeTree({}), 'gone');
    expect(solutionRoot(dir, KNOWN)).toBeUndefined();
  });
});

describe("the Gradescope script's search states the same rule", () => {
  // The script finds each exercise file by itself (not one root), but as deep and in the same order as the rule.
  const search = runAutograderScript(['he-init']).match(/found="\$\(cd[\s\S]*?cut -f3-\)"/)?.[0];

  it.each(TREES.filter(([what]) => !what.startsWith('a file at the top')))('%s', (_what, spec, root) => {
    expect(search).toBeDefined();
    const dir = makeTree({
      'submission/.keep': '',
      ...Object.fromEntries(Object.entries(spec).map(([k, v]) => [`submission/${k}`, v])),
    });
    const found = execFileSync(
      'bash',
      ['-c', `id=he-init; ROOT="$1"; TAB="$(printf '\\t')"; ${search}; printf %s "$found"`, 'sh', dir],
      {
        encoding: 'utf8',
      },
    );
    expect(found).toBe(root ? `./${root}/he-init.ts` : '');
  });
});
