// Safe extraction of a student's zip upload, pure (bytes in, files out): refuses zip-slip, bombs and links, takes only .ts.
import { InflateCapError, ZipFormatError, inflateEntry, readCentralDirectory, type ZipEntry } from './zip-entries.js';
import { plural } from '../util/plural.js';
import { isNoise, shallowestRoot } from './solution-root.js';
import { MAX_DEPTH } from './copy-tree.js';

/** Stable names: reports, docs and tests use them. */
export type ZipRefusal = 'ZIP_UNREADABLE' | 'ZIP_UNSAFE_PATH' | 'ZIP_SYMLINK' | 'ZIP_TOO_LARGE' | 'ZIP_TOO_MANY_FILES';

export interface ZipLimits {
  /** The upload itself (read before anything else). */
  maxZipBytes: number;
  /** Central-directory records, folders included. */
  maxEntries: number;
  /** Declared uncompressed bytes of all entries, and inflated bytes of the taken ones. */
  maxTotalBytes: number;
}

// A course's solutions are a few KB each: these caps are generous for any honest upload, and tiny for a bomb.
export const ZIP_LIMITS: ZipLimits = { maxZipBytes: 8 << 20, maxEntries: 500, maxTotalBytes: 16 << 20 };

export type Unzipped =
  | {
      ok: true /** The folder inside the zip the files came from ('' for the top). */;
      root: string;
      files: { path: string; data: Uint8Array }[];
      notes: string[];
    }
  | { ok: false; code: ZipRefusal; message: string };

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Why an entry name could land outside the staging folder, or undefined when it is a plain relative path. */
export function unsafePath(name: string): string | undefined {
  if (name.includes('\\')) return 'a backslash (Windows path separator)';
  if (name.startsWith('/')) return 'an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'a drive letter';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a control character';
  if (name.split('/').includes('..')) return "a '..' segment";
  return undefined;
}

const refuse = (code: ZipRefusal, message: string): Extract<Unzipped, { ok: false }> => ({ ok: false, code, message });

/**
 * The `.ts` files of an upload, relative to its solution root: the shallowest folder (at most two levels down, first by
 * name) holding a file of `known` (`he-init.ts`, ...), so `grade pack`'s `solutions/he-init.ts`, a bare `he-init.ts` and
 * a wrapping `hw1/` folder all work. Every entry is checked, taken or not: one unsafe name refuses the whole zip.
 */
export function unzipSolutions(zip: Uint8Array, known: readonly string[], limits: ZipLimits = ZIP_LIMITS): Unzipped {
  if (zip.length > limits.maxZipBytes)
    return refuse('ZIP_TOO_LARGE', `the zip is ${mb(zip.length)}; uploads are read up to ${mb(limits.maxZipBytes)}`);
  const entries = readEntries(zip, limits);
  if (!Array.isArray(entries)) return entries;
  const unsafe = checkEntries(entries, limits);
  if (unsafe) return unsafe;
  const { root, taken, notes } = chooseFiles(entries, known);
  const files = inflateTaken(zip, taken, limits);
  if (!Array.isArray(files)) return files;
  return { ok: true, root: root.join('/'), files, notes };
}

type Refused = Extract<Unzipped, { ok: false }>;
type Taken = { path: string; entry: ZipEntry };

/** The central directory's entries, or why it cannot be read (damaged, or more entries than the cap). */
function readEntries(zip: Uint8Array, limits: ZipLimits): ZipEntry[] | Refused {
  try {
    const dir = readCentralDirectory(zip, limits.maxEntries);
    if (!Array.isArray(dir))
      return refuse('ZIP_TOO_MANY_FILES', `it holds ${dir.tooMany} entries; at most ${limits.maxEntries} are read`);
    return dir;
  } catch (e) {
    if (e instanceof ZipFormatError) return refuse('ZIP_UNREADABLE', e.message);
    throw e;
  }
}

/** Every entry, taken or not, checked before anything is inflated: one unsafe name or link refuses the whole zip. */
function checkEntries(entries: ZipEntry[], limits: ZipLimits): Refused | undefined {
  let declared = 0;
  for (const e of entries) {
    const why = unsafePath(e.name);
    if (why)
      return refuse(
        'ZIP_UNSAFE_PATH',
        `entry ${JSON.stringify(e.name)} has ${why}, which could write outside the submission folder`,
      );
    if ((e.mode & S_IFMT) === S_IFLNK)
      return refuse('ZIP_SYMLINK', `entry ${JSON.stringify(e.name)} is a symbolic link`);
    declared += e.size;
  }
  // Declared sizes first (free to check); inflating then holds every entry to its declared size, since those can lie.
  if (declared > limits.maxTotalBytes)
    return refuse(
      'ZIP_TOO_LARGE',
      `it declares ${mb(declared)} uncompressed; at most ${mb(limits.maxTotalBytes)} are extracted`,
    );
  return undefined;
}

/** The solution root and the .ts files under it to take, with a note on each file left out and why. */
function chooseFiles(
  entries: ZipEntry[],
  known: readonly string[],
): { root: string[]; taken: Taken[]; notes: string[] } {
  const files = entries
    .filter((e) => !e.name.endsWith('/'))
    .map((e) => ({ e, segs: e.name.split('/').filter((s) => s !== '' && s !== '.') }));
  const candidates = files.filter((f) => f.segs.length && !f.segs.some(isNoise));
  const found = shallowestRoot(
    candidates.map((f) => f.segs),
    known,
  );
  const root = found ?? [];
  const notes: string[] = found
    ? []
    : ['it holds no file named after an exercise of this course (`grade pack` makes solutions/<id>.ts)'];
  const taken: Taken[] = [];
  const seen = new Set<string>();
  const leftOut: string[] = [];
  for (const { e, segs } of candidates) {
    const rel = segs.slice(root.length);
    const under = root.every((s, i) => segs[i] === s);
    if (/\.zip$/i.test(e.name)) notes.push(`${JSON.stringify(e.name)} is a zip inside the zip: not extracted`);
    // Below the root, as deep as the one copier (copy-tree.ts) enters a folder.
    else if (!under || !rel.length || !rel[rel.length - 1].endsWith('.ts') || rel.length > MAX_DEPTH + 1)
      leftOut.push(e.name);
    else if (seen.has(rel.join('/')))
      notes.push(`${JSON.stringify(e.name)} appears twice in the zip: the first copy was taken`);
    else {
      seen.add(rel.join('/'));
      taken.push({ path: rel.join('/'), entry: e });
    }
  }
  if (leftOut.length) {
    const where = root.length ? `"${root.join('/')}/"` : 'the top of the zip';
    const names =
      leftOut
        .slice(0, 5)
        .map((n) => JSON.stringify(n))
        .join(', ') + (leftOut.length > 5 ? ', …' : '');
    notes.push(
      `left out ${plural(leftOut.length, 'file')} (only .ts files in ${where} and its sub-folders are taken): ${names}`,
    );
  }
  return { root, taken, notes };
}

/** The taken files' bytes, or why the zip is refused: encrypted, damaged, or inflating beyond what it declared. */
function inflateTaken(
  zip: Uint8Array,
  taken: Taken[],
  limits: ZipLimits,
): { path: string; data: Uint8Array }[] | Refused {
  const out: { path: string; data: Uint8Array }[] = [];
  let inflated = 0;
  for (const { path, entry } of taken) {
    if (entry.encrypted) return refuse('ZIP_UNREADABLE', `"${entry.name}" is encrypted (password-protected)`);
    try {
      // The cap is the entry's own declared size (already within the total): a lying entry stops right there.
      const data = inflateEntry(zip, entry, Math.min(entry.size, limits.maxTotalBytes - inflated));
      inflated += data.length;
      out.push({ path, data });
    } catch (e) {
      if (e instanceof InflateCapError)
        return refuse(
          'ZIP_TOO_LARGE',
          `${e.message}: it inflates beyond its declared size (a zip bomb, or a damaged zip)`,
        );
      if (e instanceof ZipFormatError) return refuse('ZIP_UNREADABLE', e.message);
      throw e;
    }
  }
  return out;
}

const mb = (n: number): string => `${(n / (1 << 20)).toFixed(n < 1 << 20 ? 2 : 0)} MB`;
