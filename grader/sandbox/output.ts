// A capped buffer for a sandbox child's stdout+stderr: keeps the first bytes, drains and counts the rest.

// CSI/OSC escape sequences and other C0 controls (except tab and newline): student output must not drive the terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)?|\u001b.|[\u0000-\u0008\u000b-\u001f\u007f\u009b]/g;

export function stripControl(s: string): string {
  return s.replace(CONTROL, '');
}

export class OutputBuffer {
  private chunks: Buffer[] = [];
  private kept = 0;
  private dropped = 0;
  /** The last few KB, kept separately so a crash (e.g. "heap out of memory") is recognised even when output overflowed. */
  private tail = '';

  constructor(private readonly cap: number) {}

  add(b: Buffer): void {
    this.tail = (this.tail + b.toString('utf8')).slice(-4096);
    const room = this.cap - this.kept;
    if (room > 0) {
      const piece = b.subarray(0, room);
      this.chunks.push(piece);
      this.kept += piece.length;
    }
    this.dropped += Math.max(0, b.length - Math.max(0, room));
  }

  peekTail(): string {
    return this.tail;
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
