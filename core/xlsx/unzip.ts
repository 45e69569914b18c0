/**
 * Reading a zip (.docx, .xlsx) within limits. A zip says how large each part is; a hostile one
 * lies, and a small file can unpack to gigabytes. So each part is checked against its declared
 * size before inflating and against the bytes actually inflated while inflating, and stops at
 * the limit: memory and time stay bounded whatever the file says. Browser-safe (fflate).
 */
import { Inflate } from 'fflate';

export interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  /** as declared: not to be trusted */
  size: number;
  /** where the local header is */
  offset: number;
}

export interface UnzipLimits {
  /** bytes one part may unpack to */
  part: number;
  /** bytes all the parts read together may unpack to */
  total: number;
}

export type Unzipped =
  | { ok: true; files: Map<string, Uint8Array>; entries: ZipEntry[] }
  /** `damaged`: no zip, or a part that does not inflate; `too_large`: beyond a limit (`limit` in bytes) */
  | { ok: false; code: 'damaged' } | { ok: false; code: 'too_large'; limit: number; part: string };

/** “文件异常：解压后超过 N MB” — the one wording of this refusal */
export const unpackedMessage = (limit: number) => `文件异常：解压后超过 ${Math.round(limit / 1024 / 1024)} MB`;

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

/** the central directory's entries, or null when there is none to read */
export function zipEntries(b: Uint8Array): ZipEntry[] | null {
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (u32(b, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = u16(b, end + 10);
  let at = u32(b, end + 16);
  const names = new TextDecoder();
  const out: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > b.length || u32(b, at) !== 0x02014b50) return null;
    const nameLen = u16(b, at + 28);
    if (at + 46 + nameLen > b.length) return null;
    out.push({
      name: names.decode(b.subarray(at + 46, at + 46 + nameLen)),
      method: u16(b, at + 10),
      compressed: u32(b, at + 20),
      size: u32(b, at + 24),
      offset: u32(b, at + 42),
    });
    at += 46 + nameLen + u16(b, at + 30) + u16(b, at + 32);
  }
  return out;
}

class Beyond extends Error {}

const CHUNK = 64 * 1024;

/** one entry's bytes, inflated in slices and stopped at `limit`; kept only when `keep` */
function inflateEntry(b: Uint8Array, e: ZipEntry, limit: number, keep: boolean): { data: Uint8Array | null; size: number } {
  const local = e.offset;
  if (local + 30 > b.length || u32(b, local) !== 0x04034b50) throw new Error('no local header');
  const start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
  const raw = b.subarray(start, Math.min(b.length, start + e.compressed));
  if (e.method === 0) {
    if (raw.length > limit) throw new Beyond();
    return { data: keep ? raw : null, size: raw.length };
  }
  if (e.method !== 8) throw new Error('unknown method');
  const parts: Uint8Array[] = [];
  let size = 0;
  const inflate = new Inflate((chunk) => {
    size += chunk.length;
    if (size > limit) throw new Beyond();
    if (keep) parts.push(chunk);
  });
  for (let at = 0; at < raw.length; at += CHUNK) inflate.push(raw.subarray(at, at + CHUNK), at + CHUNK >= raw.length);
  if (!raw.length) inflate.push(new Uint8Array(0), true);
  if (!keep) return { data: null, size };
  const data = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.length;
  }
  return { data, size };
}

/**
 * The parts `want` picks, unpacked within `limits`; with `keep: false` they are only checked
 * (for a reader that unpacks the file again itself, such as exceljs).
 */
export function unzipLimited(b: Uint8Array, want: (name: string) => boolean, limits: UnzipLimits, keep = true): Unzipped {
  const entries = zipEntries(b);
  if (!entries) return { ok: false, code: 'damaged' };
  const picked = entries.filter((e) => want(e.name) && !e.name.endsWith('/'));
  // what the file declares is checked before a byte is inflated
  let declared = 0;
  for (const e of picked) {
    declared += e.size;
    if (e.size > limits.part) return { ok: false, code: 'too_large', limit: limits.part, part: e.name };
    if (declared > limits.total) return { ok: false, code: 'too_large', limit: limits.total, part: e.name };
  }
  const files = new Map<string, Uint8Array>();
  let total = 0;
  for (const e of picked) {
    let got;
    try {
      got = inflateEntry(b, e, Math.min(limits.part, limits.total - total), keep);
    } catch (x) {
      if (x instanceof Beyond) {
        const limit = limits.total - total < limits.part ? limits.total : limits.part;
        return { ok: false, code: 'too_large', limit, part: e.name };
      }
      return { ok: false, code: 'damaged' };
    }
    total += got.size;
    if (got.data) files.set(e.name, got.data);
  }
  return { ok: true, files, entries };
}
