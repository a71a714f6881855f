// The run's inputs file: big input tensors written once per grader process and read by every child from an inherited
// read-only descriptor, instead of being copied through each child's IPC channel (15 MB per whole-catalog student).
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INPUT_ARRAYS, type InputRef, type InputWire } from '../protocol/messages.js';
import type { Wire } from '../model/wire.js';

/** Below this a tensor rides in the message: a file read costs more than copying a few KB twice. */
export const INPUT_REF_MIN_BYTES = 64 * 1024;

interface Opened {
  write: number;
  read: number;
  size: number;
  /** Where each input's bytes are: a prepared case's arrays are the same objects for every student of a run. */
  at: WeakMap<ArrayBufferView, number>;
}

let opened: Opened | null | undefined;

/**
 * The file, opened once: unlinked at once, so it has no name a child could open (it only holds the descriptor the
 * grader hands it, read-only) and nothing is left behind however the grader ends. null where that cannot be done:
 * Windows (no descriptors past stdio for a child, no unlinking an open file) or an unwritable temp folder; the
 * inputs then travel in the messages as before.
 */
function open(): Opened | null {
  if (opened !== undefined) return opened;
  opened = null;
  if (process.platform === 'win32') return opened;
  let dir: string | undefined;
  try {
    dir = mkdtempSync(join(tmpdir(), 'tfgrade-inputs-'));
    const file = join(dir, 'inputs.bin');
    const write = openSync(file, 'w', 0o600);
    const read = openSync(file, 'r');
    unlinkSync(file);
    opened = { write, read, size: 0, at: new WeakMap() };
  } catch {
    // the messages carry everything
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  return opened;
}

/** The descriptor a child gets as stdio slot INPUTS_FD (read-only: a child cannot change what another one reads). */
export function inputsDescriptor(): number | undefined {
  return open()?.read;
}

/** INPUT_ARRAYS the other way: a tensor's typed array to the name its InputRef gives. */
const ARRAY_NAMES = new Map<unknown, InputRef['array']>(
  Object.entries(INPUT_ARRAYS).map(([name, array]) => [array, name as InputRef['array']]),
);

/** `w` as it is sent: each big tensor in it becomes a reference into the inputs file, written there the first time. */
export function toInputWire(w: Wire): InputWire {
  switch (w.t) {
    case 'array':
      return { t: 'array', items: w.items.map(toInputWire) };
    case 'object':
      return { t: 'object', entries: w.entries.map(([k, v]) => [k, toInputWire(v)]) };
    case 'tensor':
      return refOf(w) ?? w;
    default:
      return w;
  }
}

function refOf(w: Extract<Wire, { t: 'tensor' }>): InputRef | undefined {
  const array = ARRAY_NAMES.get(w.data.constructor);
  const f = w.data.byteLength >= INPUT_REF_MIN_BYTES && array ? open() : null;
  if (!f || !array) return undefined;
  let offset = f.at.get(w.data);
  if (offset === undefined) {
    const bytes = new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength);
    try {
      for (let done = 0; done < bytes.length; )
        done += writeSync(f.write, bytes, done, bytes.length - done, f.size + done);
    } catch {
      return undefined; // a full disk: this one goes in the message
    }
    offset = f.size;
    f.size += bytes.length;
    f.at.set(w.data, offset);
  }
  return { t: 'input-ref', shape: w.shape, dtype: w.dtype, array, offset, bytes: w.data.byteLength };
}

/** Tests: forget the file (the next use opens a new one). */
export function closeInputs(): void {
  if (opened) for (const fd of [opened.write, opened.read]) closeSync(fd);
  opened = undefined;
}
