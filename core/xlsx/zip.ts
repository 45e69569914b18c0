/**
 * A zip file written as it goes (the container of .xlsx): each entry deflated in chunks and
 * followed by a data descriptor, so neither an entry nor the file has to be held whole.
 * The compressor is given (node's zlib is ten times faster than any JS deflate); the default
 * uses fflate, so this runs in a browser too.
 */
import { Deflate } from 'fflate';

export interface Codec {
  /**
   * A raw-deflate stream for one entry: each call gives the bytes for `data`; `final` ends it.
   * A codec whose chunks are independent (each sync-flushed) may compress them in parallel and
   * answer with a promise; the writer keeps them in order.
   */
  deflater(): (data: Uint8Array, final: boolean) => Uint8Array | Promise<Uint8Array>;
  crc32(data: Uint8Array, crc: number): number;
}

/** chunks compressed at once, at most: enough to keep the cores busy, little memory */
const IN_FLIGHT = 6;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32js(data: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const FFLATE_CODEC: Codec = {
  deflater() {
    const d = new Deflate({ level: 6 });
    let out: Uint8Array[] = [];
    d.ondata = (chunk) => out.push(chunk);
    return (data, final) => {
      d.push(data, final);
      const got = concat(out);
      out = [];
      return got;
    };
  },
  crc32: crc32js,
};

interface Entry {
  name: Uint8Array;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

const utf8 = new TextEncoder();

export class ZipWriter {
  private offset = 0;
  private entries: Entry[] = [];
  private current: { entry: Entry; deflate: (d: Uint8Array, final: boolean) => Uint8Array | Promise<Uint8Array> } | null = null;
  /** compressed chunks not yet written, in order */
  private pending: (Uint8Array | Promise<Uint8Array>)[] = [];
  // 1980-01-01: the zip epoch; a fixed date keeps the bytes of a workbook reproducible
  private static readonly DOS_TIME = 0;
  private static readonly DOS_DATE = (0 << 9) | (1 << 5) | 1;

  constructor(
    private readonly emit: (bytes: Uint8Array) => void,
    private readonly codec: Codec = FFLATE_CODEC,
  ) {}

  private out(bytes: Uint8Array): void {
    if (!bytes.length) return;
    this.offset += bytes.length;
    this.emit(bytes);
  }

  begin(name: string): void {
    if (this.current) throw new Error('zip: an entry is still open');
    const n = utf8.encode(name);
    const h = new DataView(new ArrayBuffer(30));
    h.setUint32(0, 0x04034b50, true);
    h.setUint16(4, 20, true);
    h.setUint16(6, 0x0808, true); // sizes in a data descriptor; UTF-8 names
    h.setUint16(8, 8, true); // deflate
    h.setUint16(10, ZipWriter.DOS_TIME, true);
    h.setUint16(12, ZipWriter.DOS_DATE, true);
    h.setUint16(26, n.length, true);
    const entry: Entry = { name: n, offset: this.offset, crc: 0, compressed: 0, size: 0 };
    this.out(new Uint8Array(h.buffer));
    this.out(n);
    this.current = { entry, deflate: this.codec.deflater() };
  }

  /** compress `data` into the open entry; wait for the returned promise before writing much more */
  write(data: Uint8Array, final = false): Promise<void> | void {
    const c = this.current;
    if (!c) throw new Error('zip: no entry is open');
    c.entry.crc = this.codec.crc32(data, c.entry.crc);
    c.entry.size += data.length;
    const d = c.deflate(data, final);
    if (d instanceof Uint8Array && !this.pending.length) {
      c.entry.compressed += d.length;
      this.out(d);
      return;
    }
    this.pending.push(d);
    if (this.pending.length >= IN_FLIGHT) return this.settle(IN_FLIGHT >> 1);
  }

  /** write compressed chunks in order until at most `keep` are outstanding */
  private async settle(keep = 0): Promise<void> {
    while (this.pending.length > keep) {
      const d = await this.pending.shift()!;
      this.current!.entry.compressed += d.length;
      this.out(d);
    }
  }

  async end(): Promise<void> {
    const c = this.current!;
    await this.write(new Uint8Array(0), true);
    await this.settle();
    const e = c.entry;
    if (e.size > 0xffffffff || this.offset > 0xffffffff) throw new Error('zip: 工作簿超过 4 GB，无法写出');
    const d = new DataView(new ArrayBuffer(16));
    d.setUint32(0, 0x08074b50, true);
    d.setUint32(4, e.crc, true);
    d.setUint32(8, e.compressed, true);
    d.setUint32(12, e.size, true);
    this.out(new Uint8Array(d.buffer));
    this.entries.push(e);
    this.current = null;
  }

  /** one whole entry */
  async file(name: string, text: string): Promise<void> {
    this.begin(name);
    await this.write(utf8.encode(text));
    await this.end();
  }

  finish(): void {
    const start = this.offset;
    for (const e of this.entries) {
      const h = new DataView(new ArrayBuffer(46));
      h.setUint32(0, 0x02014b50, true);
      h.setUint16(4, 20, true);
      h.setUint16(6, 20, true);
      h.setUint16(8, 0x0808, true);
      h.setUint16(10, 8, true);
      h.setUint16(12, ZipWriter.DOS_TIME, true);
      h.setUint16(14, ZipWriter.DOS_DATE, true);
      h.setUint32(16, e.crc, true);
      h.setUint32(20, e.compressed, true);
      h.setUint32(24, e.size, true);
      h.setUint16(28, e.name.length, true);
      h.setUint32(42, e.offset, true);
      this.out(new Uint8Array(h.buffer));
      this.out(e.name);
    }
    const end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, this.entries.length, true);
    end.setUint16(10, this.entries.length, true);
    end.setUint32(12, this.offset - start, true);
    end.setUint32(16, start, true);
    this.out(new Uint8Array(end.buffer));
  }
}
