// Zip uploads for the extraction tests, built with fflate at test time (and byte-patched where a hostile zip must lie).
// Generated rather than checked in: a binary zip is unreviewable in a diff, and a zip-slip or bomb file in the tree
// is what virus scanners and careless `unzip -o` runs trip over. Each builder is named for the outcome under test.
import { zipSync, type Zippable } from 'fflate';

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A file's content, a symbolic link (`{ link: target }`), or raw bytes. */
export type ZipFile = string | Uint8Array | { link: string };

/** A zip as `zip`/Finder write it: unix modes in the external attributes (os 3), entries in the given order. */
export function makeZip(files: Record<string, ZipFile>): Uint8Array {
  const z: Zippable = {};
  for (const [name, f] of Object.entries(files)) {
    const link = typeof f === 'object' && 'link' in f;
    const data = link ? utf8(f.link) : typeof f === 'string' ? utf8(f) : f;
    z[name] = [data, { os: 3, attrs: (link ? 0o120777 : 0o100644) * 0x10000, mtime: new Date('2020-01-01T00:00:00Z') }];
  }
  return zipSync(z);
}

/** Rewrites the declared uncompressed size of `name`, in the central directory and the local header: a lying bomb. */
export function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  let eocd = out.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  let at = view.getUint32(eocd + 16, true);
  for (let i = 0; i < view.getUint16(eocd + 10, true); i++) {
    const nameLen = view.getUint16(at + 28, true);
    if (new TextDecoder().decode(out.subarray(at + 46, at + 46 + nameLen)) === name) {
      view.setUint32(at + 24, size, true);
      view.setUint32(view.getUint32(at + 42, true) + 22, size, true);
      return out;
    }
    at += 46 + nameLen + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  throw new Error(`no entry ${name}`);
}

const HE_INIT = 'export const std = 0.125;\n';

/** The hostile and the honest uploads of the tests, by the outcome each must get. */
export const ZIPS = {
  'ok-grade-pack-layout': () =>
    makeZip({ 'solutions/he-init.ts': HE_INIT, 'solutions/quiz-xor.ts': 'export const x = 1;\n' }),
  'ok-top-level': () => makeZip({ 'he-init.ts': HE_INIT, 'README.md': '# hw1\n' }),
  'ok-wrapping-folder': () =>
    makeZip({
      'hw1/': '',
      'hw1/solutions/he-init.ts': HE_INIT,
      'hw1/package.json': '{}',
      '__MACOSX/hw1/solutions/._he-init.ts': 'junk',
    }),
  'ok-nested-zip-not-extracted': () =>
    makeZip({ 'solutions/he-init.ts': HE_INIT, 'solutions/old.zip': makeZip({ 'p1.ts': 'x' }) }),
  'refused-zip-slip-dotdot': () => makeZip({ 'solutions/he-init.ts': HE_INIT, '../../evil.ts': 'pwned' }),
  'refused-zip-slip-inner-dotdot': () => makeZip({ 'solutions/../../evil.ts': 'pwned' }),
  'refused-zip-slip-absolute': () => makeZip({ '/tmp/evil.ts': 'pwned' }),
  'refused-zip-slip-drive-letter': () => makeZip({ 'C:/evil.ts': 'pwned' }),
  'refused-zip-slip-backslash': () => makeZip({ '..\\evil.ts': 'pwned' }),
  'refused-symlink': () => makeZip({ 'solutions/he-init.ts': { link: '/etc/passwd' } }),
  'refused-symlink-untaken': () => makeZip({ 'solutions/he-init.ts': HE_INIT, 'docs/escape': { link: '../../..' } }),
  // 17 MB of spaces deflate to ~17 KB: an honest declared size over the 16 MB cap.
  'refused-bomb-declared-size': () => makeZip({ 'solutions/he-init.ts': HE_INIT + ' '.repeat(17 << 20) }),
  // The same bytes declaring 26: the check of declared sizes passes, inflating must stop at 26 bytes.
  'refused-bomb-lying-size': () =>
    declareSize(
      makeZip({ 'solutions/he-init.ts': HE_INIT + ' '.repeat(17 << 20) }),
      'solutions/he-init.ts',
      HE_INIT.length,
    ),
  'refused-too-many-files': () =>
    makeZip(Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`solutions/f${i}.ts`, '']))),
  'refused-not-a-zip': () => utf8('export const std = 1; // a .ts renamed to .zip\n'),
} satisfies Record<string, () => Uint8Array>;
