// The reference bundle is reused only while every file it was built from is unchanged, imported helpers included.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleReference } from '../../../grader/engine/reference-bundle.js';
import { cacheDir } from '../../../grader/engine/cache.js';

function course(): string {
  const root = mkdtempSync(join(tmpdir(), 'tfgrade-ref-bundle-'));
  mkdirSync(join(root, 'reference', 'lib'), { recursive: true });
  writeFileSync(
    join(root, 'reference', 'toy.ts'),
    "import { gain } from './lib/gain';\nexport const answer = gain * 2;\n",
  );
  writeFileSync(join(root, 'reference', 'lib', 'gain.ts'), 'export const gain: number = 21;\n');
  return root;
}
const entryFile = (root: string) =>
  join(cacheDir(root), readdirSync(cacheDir(root)).find((n) => n.startsWith('bundle-toy-'))!);
/** Swaps the cached code for a marker: a bundle that returns the marker came from the cache. */
function tamper(root: string): void {
  const entry = deserialize(readFileSync(entryFile(root))) as { code: string };
  writeFileSync(entryFile(root), serialize({ ...entry, code: 'cached' }));
}

describe('bundleReference', () => {
  it('bundles exactly what a plain esbuild build gives', async () => {
    const root = course();
    const plain = await build({
      entryPoints: [join(root, 'reference', 'toy.ts')],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
      absWorkingDir: root,
    });
    expect(await bundleReference(root, 'toy', true)).toBe(plain.outputFiles[0].text);
  });

  it('a second run with no file changed reuses the bundle', async () => {
    const root = course();
    await bundleReference(root, 'toy', true);
    tamper(root);
    expect(await bundleReference(root, 'toy', true)).toBe('cached');
  });

  it('a changed imported helper file rebuilds the bundle', async () => {
    const root = course();
    expect(await bundleReference(root, 'toy', true)).toContain('21');
    tamper(root);
    writeFileSync(join(root, 'reference', 'lib', 'gain.ts'), 'export const gain: number = 34;\n');
    const code = await bundleReference(root, 'toy', true);
    expect(code).toContain('34');
    expect(await bundleReference(root, 'toy', true)).toBe(code);
  });

  it('a changed entry file, a deleted helper, or a new tsconfig.json rebuilds it', async () => {
    const root = course();
    await bundleReference(root, 'toy', true);
    tamper(root);
    writeFileSync(join(root, 'reference', 'toy.ts'), 'export const answer = 1;\n');
    expect(await bundleReference(root, 'toy', true)).toContain('answer = 1');

    writeFileSync(join(root, 'reference', 'toy.ts'), "export { gain } from './lib/gain';\n");
    await bundleReference(root, 'toy', true);
    tamper(root);
    writeFileSync(join(root, 'reference', 'lib', 'gain.ts'), '');
    expect(await bundleReference(root, 'toy', true)).not.toBe('cached');

    await bundleReference(root, 'toy', true);
    tamper(root);
    writeFileSync(join(root, 'tsconfig.json'), '{ "compilerOptions": { "useDefineForClassFields": false } }\n');
    expect(await bundleReference(root, 'toy', true)).not.toBe('cached');
  });

  it('a new file that changes how an import resolves rebuilds it, though no compiled file changed', async () => {
    const root = course();
    mkdirSync(join(root, 'reference', 'lib', 'scale'));
    writeFileSync(join(root, 'reference', 'lib', 'scale', 'index.ts'), 'export const scale: number = 3;\n');
    writeFileSync(
      join(root, 'reference', 'toy.ts'),
      "import { scale } from './lib/scale';\nexport const answer = scale;\n",
    );
    expect(await bundleReference(root, 'toy', true)).toContain('scale = 3');
    tamper(root);
    // './lib/scale' now resolves to lib/scale.ts before lib/scale/index.ts; every file compiled before is unchanged.
    writeFileSync(join(root, 'reference', 'lib', 'scale.ts'), 'export const scale: number = 5;\n');
    const code = await bundleReference(root, 'toy', true);
    expect(code).toContain('scale = 5');
    expect(await bundleReference(root, 'toy', true)).toBe(code);
  });

  it('a file written in the course folder itself (a report) keeps the bundle', async () => {
    const root = course();
    await bundleReference(root, 'toy', true);
    tamper(root);
    writeFileSync(join(root, 'report.json'), '{}\n');
    expect(await bundleReference(root, 'toy', true)).toBe('cached');
  });

  it("two course folders sharing one cache (a symlinked node_modules) never get each other's bundle", async () => {
    const a = course();
    mkdirSync(join(a, 'node_modules'));
    const b = mkdtempSync(join(tmpdir(), 'tfgrade-ref-bundle-'));
    cpSync(join(a, 'reference'), join(b, 'reference'), { recursive: true });
    symlinkSync(join(a, 'node_modules'), join(b, 'node_modules'), 'dir');
    writeFileSync(join(b, 'reference', 'lib', 'gain.ts'), 'export const gain: number = 55;\n');
    expect(await bundleReference(a, 'toy', true)).toContain('21');
    expect(await bundleReference(b, 'toy', true)).toContain('55');
    expect(await bundleReference(a, 'toy', true)).toContain('21');
  });

  it('without the cache (validate, --no-cache) it always builds, and leaves the cache alone', async () => {
    const root = course();
    await bundleReference(root, 'toy', true);
    tamper(root);
    expect(await bundleReference(root, 'toy', false)).toContain('21');
    expect(await bundleReference(root, 'toy', true)).toBe('cached');
  });
});
