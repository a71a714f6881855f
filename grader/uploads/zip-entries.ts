// Reads a zip's central directory and inflates one entry under a byte cap: the format layer under uploads/unzip.ts.
import { inflateRawSync } from 'node:zlib';

/** One central-directory record: the directory is authoritative (local headers can disagree, and are never trusted). */
export interface ZipEntry {
  name: string;
  /** Unix mode from the high 16 bits of the external attributes (0 when the zip tool wrote none). */
  mode: number;
  method: number;
  encrypted: boolean;
  crc: number;
  compressedSize: number;
  /** As the zip declares it: a bomb can lie, so inflating never trusts it beyond a cap. */
  size: number;
  localOffset: number;
}

export class ZipFormatError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The central directory; throws ZipFormatError on anything malformed, ZIP64 included (no solution needs 4 GB). */
export function readCentralDirectory(zip: Uint8Array, maxEntries: number): ZipEntry[] | { tooMany: number } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end record sits in the last 22 + 65535 (comment) bytes.
  let eocd = zip.length - 22;
  const stop = Math.max(0, zip.length - 22 - 0xffff);
  while (eocd >= stop && view.getUint32(eocd, true) !== EOCD) eocd--;
  if (eocd < stop) throw new ZipFormatError('it is not a zip file (no end-of-central-directory record)');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (count === 0xffff || at === 0xffffffff)
    throw new ZipFormatError('it is a ZIP64 archive, which the grader does not read');
  // Counted before reading a single record: a zip that declares a million entries costs nothing to refuse.
  if (count > maxEntries) return { tooMany: count };
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || view.getUint32(at, true) !== CENTRAL)
      throw new ZipFormatError('its central directory is damaged');
    const flags = view.getUint16(at + 8, true);
    const nameLen = view.getUint16(at + 28, true);
    const next = at + 46 + nameLen + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (next > zip.length) throw new ZipFormatError('its central directory is damaged');
    const raw = zip.subarray(at + 46, at + 46 + nameLen);
    // Bit 11: UTF-8 names; otherwise CP437, read as latin1 (such names never match an exercise file anyway).
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(raw);
    entries.push({
      name,
      mode: view.getUint32(at + 38, true) >>> 16,
      method: view.getUint16(at + 10, true),
      encrypted: (flags & 1) !== 0,
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at = next;
  }
  return entries;
}

/** Raised when an entry inflates past the bytes it was allowed: a zip bomb whose declared size lies. */
export class InflateCapError extends Error {}

/**
 * The entry's bytes, never more than `cap`: zlib's maxOutputLength stops inflating at the cap instead of allocating
 * whatever the stream expands to. A result that is not exactly the declared size, or fails its CRC, is damage.
 */
export function inflateEntry(zip: Uint8Array, e: ZipEntry, cap: number): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  if (e.localOffset + 30 > zip.length || view.getUint32(e.localOffset, true) !== LOCAL)
    throw new ZipFormatError(`the local header of "${e.name}" is damaged`);
  const start =
    e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true);
  if (start + e.compressedSize > zip.length)
    throw new ZipFormatError(`the data of "${e.name}" runs past the end of the zip`);
  const data = zip.subarray(start, start + e.compressedSize);
  let out: Uint8Array;
  if (e.method === 0) {
    out = data;
  } else if (e.method === 8) {
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, cap) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        throw new InflateCapError(`"${e.name}" inflates to more than ${cap} bytes`);
      throw new ZipFormatError(`"${e.name}" cannot be inflated (${(err as Error).message})`);
    }
  } else {
    throw new ZipFormatError(`"${e.name}" uses compression method ${e.method}; only stored and deflate are read`);
  }
  if (out.length > cap) throw new InflateCapError(`"${e.name}" holds more than ${cap} bytes`);
  if (out.length !== e.size)
    throw new ZipFormatError(`"${e.name}" inflates to ${out.length} bytes, not the ${e.size} it declares`);
  if (crc32(out) !== e.crc) throw new ZipFormatError(`"${e.name}" fails its CRC check`);
  return out;
}

let TABLE: Uint32Array | undefined;

/** CRC-32 (IEEE), as zip stores it; Node 20's zlib has no crc32 before 20.15. */
export function crc32(data: Uint8Array): number {
  if (!TABLE) {
    TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      TABLE[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
