/**
 * File bytes → text. Reports arrive saved by Windows tools: UTF-8 with or without BOM,
 * UTF-16 (Notepad's “Unicode”), or GBK/GB18030 (the default “ANSI” of a Chinese Windows).
 * Files that are not text at all (Word, PDF, images, archives) get a Chinese reason instead.
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodeFailureCode =
  /** a document format we cannot read yet: .docx, .doc, .pdf, .xlsx, .rtf */
  | 'unsupported_document'
  /** some other binary file: image, archive, executable … */
  | 'binary'
  /** text in no encoding we know */
  | 'unknown_encoding';

export type Decoded =
  | {
      ok: true;
      text: string;
      encoding: Encoding;
      bom: boolean;
      /** characters that could not be decoded and were replaced by U+FFFD */
      replaced: number;
    }
  | { ok: false; code: DecodeFailureCode; message: string };

const COPY_TEXT = '请在 Word 或阅读器中打开它，全选复制正文，另存为 .txt 文本文件后再检查。';

interface Magic {
  bytes: number[];
  /** what the file is, in Chinese */
  kind: string;
  document: boolean;
}

const MAGICS: Magic[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: 'PDF 文件', document: true }, // %PDF-
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], kind: '旧版 Word/Excel 文件（.doc/.xls）', document: true },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], kind: 'RTF 文档', document: true }, // {\rtf
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'PNG 图片', document: false },
  { bytes: [0xff, 0xd8, 0xff], kind: 'JPEG 图片', document: false },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'GIF 图片', document: false },
  { bytes: [0x52, 0x61, 0x72, 0x21], kind: 'RAR 压缩包', document: false },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], kind: '7z 压缩包', document: false },
  { bytes: [0x1f, 0x8b], kind: 'gzip 压缩文件', document: false },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: '可执行程序', document: false },
  { bytes: [0x4d, 0x5a], kind: '可执行程序', document: false },
];

const startsWith = (b: Uint8Array, prefix: number[], at = 0) => prefix.every((x, i) => b[at + i] === x);

/** does `needle` (ASCII) occur in the first `limit` bytes? */
function containsAscii(b: Uint8Array, needle: string, limit: number): boolean {
  const n = [...needle].map((c) => c.charCodeAt(0));
  const end = Math.min(b.length, limit) - n.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < n.length; j++) if (b[i + j] !== n[j]) continue outer;
    return true;
  }
  return false;
}

/** a zip container: Office Open XML names its parts in the first entries */
function zipKind(b: Uint8Array): Magic {
  const head = 64 * 1024;
  if (containsAscii(b, 'word/', head)) return { bytes: [], kind: 'Word 文档（.docx）', document: true };
  if (containsAscii(b, 'xl/', head)) return { bytes: [], kind: 'Excel 工作簿（.xlsx）', document: true };
  if (containsAscii(b, 'ppt/', head)) return { bytes: [], kind: 'PowerPoint 文档（.pptx）', document: true };
  if (containsAscii(b, 'content.xml', head)) return { bytes: [], kind: 'WPS/OpenDocument 文档', document: true };
  return { bytes: [], kind: 'zip 压缩包', document: false };
}

function sniff(b: Uint8Array): Magic | null {
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return zipKind(b);
  return MAGICS.find((m) => startsWith(b, m.bytes)) ?? null;
}

function refuse(m: Magic): Decoded {
  if (m.document) {
    return { ok: false, code: 'unsupported_document', message: `这是${m.kind}，暂不支持直接读取。${COPY_TEXT}` };
  }
  return { ok: false, code: 'binary', message: `这是${m.kind}，不是文本文件。请提供年报的文字内容（.txt）。` };
}

const BINARY: Decoded = {
  ok: false,
  code: 'binary',
  message: `这不是文本文件（含有大量控制字符），无法读取。如果这是 Word 或 PDF 文件，${COPY_TEXT}`,
};

/** C0 controls other than tab, line feed, vertical tab (Word's soft line break), form feed and carriage return */
const isControl = (c: number) => c <= 0x08 || (c >= 0x0e && c < 0x20);

/**
 * Text may hold a stray NUL (a paste gone wrong); binary files hold them by the hundred.
 * Judged on the head of the file: one control byte in 200, or a run of NULs.
 */
function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 64 * 1024);
  let controls = 0;
  let nulRun = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0) {
      if (++nulRun >= 8) return true;
    } else nulRun = 0;
    if (isControl(c)) controls++;
  }
  return controls > 8 && controls * 200 > n;
}

/**
 * UTF-16 without a BOM (rare, but some exporters write it): ASCII characters put a NUL in
 * every other byte, all on the same side.
 */
function bomlessUtf16(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 64 * 1024) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.2 && even * 4 < odd) return 'utf-16le';
  if (even > pairs * 0.2 && odd * 4 < even) return 'utf-16be';
  return null;
}

function strict(encoding: Encoding, b: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(b);
  } catch {
    return null;
  }
}

function lenient(encoding: Encoding, b: Uint8Array): { text: string; replaced: number } {
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(b);
  let replaced = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) replaced++;
  return { text, replaced };
}

/** the text of UTF-8 bytes whose only fault is an incomplete last character, else null */
function utf8CutShort(b: Uint8Array): string | null {
  for (let k = 1; k <= 3 && k < b.length; k++) {
    const c = b[b.length - k]!;
    if (c < 0x80) return null;
    if (c >= 0xc0) return strict('utf-8', b.subarray(0, b.length - k));
  }
  return null;
}

/** decoded text that is still mostly control characters is a binary file in disguise */
function controlShare(text: string): number {
  const n = Math.min(text.length, 64 * 1024);
  let controls = 0;
  for (let i = 0; i < n; i++) if (isControl(text.charCodeAt(i))) controls++;
  return n ? controls / n : 0;
}

function utf16(b: Uint8Array, encoding: 'utf-16le' | 'utf-16be', bom: boolean): Decoded {
  const body = bom ? b.subarray(2) : b;
  const { text, replaced } = lenient(encoding, body.length % 2 ? body.subarray(0, body.length - 1) : body);
  if (controlShare(text) > 0.005 || replaced * 100 > text.length) return BINARY;
  return { ok: true, text, encoding, bom, replaced };
}

/** Bytes of a file → its text, or why it is not a text we can read. */
export function decode(bytes: Uint8Array): Decoded {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const { text, replaced } = lenient('utf-8', bytes.subarray(3));
    if (controlShare(text) > 0.005) return BINARY;
    return { ok: true, text, encoding: 'utf-8', bom: true, replaced };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return utf16(bytes, 'utf-16le', true);
  if (startsWith(bytes, [0xfe, 0xff])) return utf16(bytes, 'utf-16be', true);

  const magic = sniff(bytes);
  if (magic) return refuse(magic);
  const wide = bomlessUtf16(bytes);
  if (wide) return utf16(bytes, wide, false);
  if (looksBinary(bytes)) return BINARY;

  // strict UTF-8 first: GBK text is almost never valid UTF-8, the reverse is common
  const u8 = strict('utf-8', bytes);
  if (u8 !== null) return { ok: true, text: u8, encoding: 'utf-8', bom: false, replaced: 0 };
  // a UTF-8 file cut in the middle of its last character would pass as GB18030 gibberish
  const cut = utf8CutShort(bytes);
  if (cut !== null) return { ok: true, text: cut + '\ufffd', encoding: 'utf-8', bom: false, replaced: 1 };
  const gb = strict('gb18030', bytes);
  if (gb !== null) return { ok: true, text: gb, encoding: 'gb18030', bom: false, replaced: 0 };

  // a damaged byte or two (a file cut mid-character): keep the encoding that fits best
  const a = lenient('utf-8', bytes);
  const g = lenient('gb18030', bytes);
  const best = a.replaced <= g.replaced ? { ...a, encoding: 'utf-8' as const } : { ...g, encoding: 'gb18030' as const };
  if (best.replaced * 1000 <= best.text.length) {
    return { ok: true, text: best.text, encoding: best.encoding, bom: false, replaced: best.replaced };
  }
  return {
    ok: false,
    code: 'unknown_encoding',
    message: '无法识别文件的文字编码（既不是 UTF-8，也不是 GBK/GB18030 或 UTF-16）。请用记事本打开后“另存为” UTF-8 编码的文本文件。',
  };
}

export const ENCODING_ZH: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  gb18030: 'GBK/GB18030',
};
