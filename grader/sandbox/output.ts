// A capped buffer for a sandbox child's stdout+stderr: keeps the first bytes, drains and counts the rest.

import { stripControl } from '../util/control-chars.js';

export { stripControl };

export class OutputBuffer {
  private chunks: Buffer[] = [];
  private kept = 0;
  private dropped = 0;
  /** The last few KB, kept separately so a crash (e.g. "heap out of memory") is recognised even when output overflowed. */
  private tail = '';
  /** stderr's own tail: V8's dying words must not be pushed out by a stdout flood written in the same instant. */
  private errTail = '';

  constructor(private readonly cap: number) {}

  add(b: Buffer, fromStderr = false): void {
    // Only a chunk's last 4 KB can reach a 4 KB tail: a flood (GB/s through a pipe) is not decoded in full.
    const end = (b.length > 4096 ? b.subarray(b.length - 4096) : b).toString('utf8');
    this.tail = (this.tail + end).slice(-4096);
    if (fromStderr) this.errTail = (this.errTail + end).slice(-4096);
    const room = this.cap - this.kept;
    if (room > 0) {
      const piece = b.subarray(0, room);
      this.chunks.push(piece);
      this.kept += piece.length;
    }
    this.dropped += Math.max(0, b.length - Math.max(0, room));
  }

  peekTail(): string {
    return `${this.errTail}\n${this.tail}`;
  }

  /** Returns what arrived since the last take; the cap is for the whole session, so a chatty part cannot flood a report. */
  take(): string {
    let s = stripControl(Buffer.concat(this.chunks).toString('utf8'));
    if (this.dropped > 0) s += `\n[… ${this.dropped} more bytes of output dropped]`;
    this.chunks = [];
    this.dropped = 0;
    return s;
  }
}
