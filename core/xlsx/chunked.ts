/**
 * Text written in chunks for the streamed writer: encoded straight into a buffer, a few MB at
 * a time go to the zip. Bytes made beforehand (a template row's XML, xlsx/rowxml.ts) go in
 * as they are, and numbers as their digits, so that the bulk of 校验 is never a string.
 */
import type { ZipWriter } from './zip.ts';

export const chain = (p: Promise<void> | void, then: () => Promise<void> | void): Promise<void> | void => (p ? p.then(then) : then());

export class Chunked {
  private static readonly SIZE = 4 << 20;
  private buf = new Uint8Array(Chunked.SIZE);
  private at = 0;
  private readonly utf8 = new TextEncoder();
  constructor(private readonly zip: ZipWriter) {}

  /** add text; when a chunk went to the zip, the promise says when to go on */
  add(s: string): Promise<void> | void {
    // UTF-8 takes at most three bytes for a UTF-16 unit
    if (this.at + s.length * 3 <= this.buf.length) {
      this.at += this.utf8.encodeInto(s, this.buf.subarray(this.at)).written;
      return;
    }
    const wait = this.flush();
    if (s.length * 3 > this.buf.length) return chain(wait, () => this.zip.write(this.utf8.encode(s)));
    this.at += this.utf8.encodeInto(s, this.buf.subarray(this.at)).written;
    return wait;
  }

  /**
   * Make room for `n` bytes to be put with put() and digits(); `n` must be far below the
   * chunk's size (a row, not a sheet).
   */
  room(n: number): Promise<void> | void {
    if (this.at + n <= this.buf.length) return;
    return this.flush();
  }

  /** bytes, in the room made */
  put(b: Uint8Array): void {
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  /** a whole number ≥ 0 in decimal digits, in the room made (at most 10 bytes) */
  digits(n: number): void {
    const buf = this.buf;
    if (n < 10) {
      buf[this.at++] = 48 + n;
      return;
    }
    let len = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) len++;
    let i = this.at + len;
    this.at = i;
    for (let x = n; ; ) {
      buf[--i] = 48 + (x % 10);
      x = Math.floor(x / 10);
      if (!x) break;
    }
  }

  flush(): Promise<void> | void {
    if (!this.at) return;
    // a copy: a compressor may keep what it is given, and compress it later
    const chunk = this.buf.slice(0, this.at);
    this.at = 0;
    return this.zip.write(chunk);
  }
}
