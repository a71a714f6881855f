// Decodes the PNGs a headless browser writes (8-bit RGB or RGBA, not interlaced), to test what a page looks like.
import { unzlibSync } from 'fflate';

export interface Image {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8Array;
}
export type Rgb = readonly [number, number, number];

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a),
    pb = Math.abs(p - b),
    pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Pixels of a PNG, scanline filters undone; throws on anything that is not a well-formed PNG of the kind expected. */
export function decodePng(buf: Uint8Array): Image {
  if (buf.length < 8 || !SIGNATURE.every((b, i) => buf[i] === b)) throw new Error('not a PNG (bad signature)');
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let width = 0,
    height = 0,
    depth = 0,
    type = 0,
    interlace = 0,
    ended = false;
  const idat: Uint8Array[] = [];
  for (let pos = 8; pos + 12 <= buf.length && !ended; ) {
    const len = view.getUint32(pos);
    const kind = String.fromCharCode(...buf.subarray(pos + 4, pos + 8));
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (kind === 'IHDR')
      [width, height, depth, type, interlace] = [
        view.getUint32(pos + 8),
        view.getUint32(pos + 12),
        body[8],
        body[9],
        body[12],
      ];
    else if (kind === 'IDAT') idat.push(body);
    ended = kind === 'IEND';
    pos += 12 + len;
  }
  if (!ended || !width || !height) throw new Error('not a PNG (no IHDR or no IEND)');
  if (depth !== 8 || (type !== 2 && type !== 6) || interlace)
    throw new Error(`unsupported PNG: depth ${depth}, colour type ${type}, interlace ${interlace}`);
  const channels = type === 6 ? 4 : 3;
  const joined = new Uint8Array(idat.reduce((n, c) => n + c.length, 0));
  idat.reduce((at, c) => (joined.set(c, at), at + c.length), 0);
  const raw = unzlibSync(joined);
  const stride = width * channels;
  if (raw.length !== height * (stride + 1))
    throw new Error(`PNG data is ${raw.length} bytes, expected ${height * (stride + 1)}`);
  const data = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride,
      up = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? data[row + x - channels] : 0;
      const b = y ? data[up + x] : 0;
      const c = x >= channels && y ? data[up + x - channels] : 0;
      const pred = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (pred === undefined) throw new Error(`bad PNG filter ${filter} on row ${y}`);
      data[row + x] = (line[x] + pred) & 255;
    }
  }
  return { width, height, channels, data };
}

/** Pixels within `tol` of a colour on every channel. */
export function countColor(img: Image, [r, g, b]: Rgb, tol = 0): number {
  const d = img.data;
  let n = 0;
  for (let i = 0; i < d.length; i += img.channels)
    if (Math.abs(d[i] - r) <= tol && Math.abs(d[i + 1] - g) <= tol && Math.abs(d[i + 2] - b) <= tol) n++;
  return n;
}

/** How much is on the page: the share of pixels that are not (near) white, and how many colours there are. */
export function inkStats(img: Image): { ink: number; colors: number } {
  const d = img.data;
  const seen = new Set<number>();
  let ink = 0;
  for (let i = 0; i < d.length; i += img.channels) {
    seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    if (d[i] + d[i + 1] + d[i + 2] < 3 * 245) ink++;
  }
  return { ink: ink / (img.width * img.height), colors: seen.size };
}

/** The share of pixels that differ between two images of one size. */
export function differing(a: Image, b: Image): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let n = 0;
  for (let i = 0; i < a.data.length; i += a.channels)
    if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2]) n++;
  return n / (a.width * a.height);
}
