/**
 * The one door for every file a unit sends: bytes and a name → the text the reader reads, or
 * why the file cannot be read (in Chinese). The type is told by content (magic numbers, zip
 * part names, markup), the name only breaks ties. The CLI and the pane both call this; what
 * only one of them can do is handed in: where pdf.js's files are, and the OCR engine (a node
 * worker in the CLI, a web worker in the pane).
 */
import { unzipSync } from 'fflate';
import { decode, type DecodeFailureCode, type Decoded, type Encoding } from './decode.ts';
import { docToText, type DocFailureCode } from './doc.ts';
import { docxToText, DOCX_MESSAGES, type DocxFailureCode } from './docx.ts';
import { htmlToText, looksLikeHtml } from './html.ts';
import { MarkupRefused } from './tree.ts';
import { ocrPdf, type OcrEngine, type OcrFailureCode, type OcrMeta, type OcrProgress } from './ocr.ts';
import { pdfToText, type PdfFailureCode, type PdfOptions } from './pdf.ts';

export type FileKind = 'text' | 'html' | 'pdf' | 'docx' | 'doc' | 'scan';

export type ExtractFailureCode = DecodeFailureCode | PdfFailureCode | DocxFailureCode | DocFailureCode | OcrFailureCode | 'too_complex';

export type Extracted =
  /** `encoding` is the text's for text and web pages, moot ('utf-8') for documents; `ocr` for scans */
  | { ok: true; text: string; kind: FileKind; encoding: Encoding; replaced: number; ocr?: OcrMeta }
  | { ok: false; code: ExtractFailureCode; message: string };

export interface ExtractOptions {
  pdf?: PdfOptions;
  /** recognises scanned pages; without one a scan is refused with what to do instead */
  ocr?: OcrEngine;
  onProgress?: (p: OcrProgress) => void;
}

/** what each kind of file is called in a sheet or a message */
export const FILE_KIND_ZH: Record<FileKind, string> = { text: '文本', html: '网页', pdf: 'PDF', docx: 'Word', doc: 'Word 97-2003/WPS', scan: '扫描 PDF（文字识别）' };

/** the extensions gouji reads (a folder's files are picked by these; the content decides the rest) */
export const READABLE_EXTENSIONS = ['txt', 'text', 'md', 'markdown', 'html', 'htm', 'docx', 'doc', 'wps', 'pdf'] as const;

const startsWith = (b: Uint8Array, prefix: number[]) => prefix.every((x, i) => b[i] === x);
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const ext = (name: string) => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
const WORD_EXT = new Set(['docx', 'docm', 'dotx', 'dotm']);

/** the names in a zip's central directory, without unpacking anything; null if it is no zip */
function zipNames(bytes: Uint8Array): string[] | null {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        return false;
      },
    });
  } catch {
    return null;
  }
  return names;
}

const doc = (text: string, kind: FileKind, ocr?: OcrMeta): Extracted => ({ ok: true, text, kind, encoding: 'utf-8', replaced: 0, ...(ocr ? { ocr } : {}) });

/** PDF, .docx, .doc/.wps → text; null for anything else */
async function document(bytes: Uint8Array, name: string, opts: ExtractOptions): Promise<Extracted | null> {
  const e = ext(name);
  if (startsWith(bytes, PDF)) {
    const r = await pdfToText(bytes, opts.pdf);
    if (r.ok) return doc(r.text, 'pdf');
    if (r.code !== 'pdf_scanned' || !opts.ocr) return r;
    const o = await ocrPdf(bytes, opts.ocr, opts.onProgress);
    return o.ok ? doc(o.text, 'scan', o.meta) : o;
  }
  if (startsWith(bytes, ZIP)) {
    const names = zipNames(bytes);
    // a zip too damaged to list may still show Word's part names in its first entries
    const word = names ? names.some((n) => n.startsWith('word/')) : new TextDecoder('latin1').decode(bytes.subarray(0, 65536)).includes('word/');
    if (!word && !WORD_EXT.has(e)) return null;
    if (!names) return { ok: false, code: 'docx_damaged', message: DOCX_MESSAGES.docx_damaged };
    const r = docxToText(bytes);
    return r.ok ? doc(r.text, 'docx') : r;
  }
  if (startsWith(bytes, OLE)) {
    const r = docToText(bytes);
    return r.ok ? doc(r.text, 'doc') : r;
  }
  // named .docx but no zip at all: damaged, or something else renamed
  if (WORD_EXT.has(e)) return { ok: false, code: 'docx_damaged', message: DOCX_MESSAGES.docx_damaged };
  return null;
}

/** the charset a page declares in its first bytes: <meta charset=…> or http-equiv Content-Type */
function metaCharset(bytes: Uint8Array): 'utf-8' | 'gb18030' | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]*charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  const name = m?.[1]?.toLowerCase();
  if (!name) return null;
  if (name === 'utf-8' || name === 'utf8') return 'utf-8';
  if (/^(?:gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/.test(name)) return 'gb18030';
  return null;
}

const isHtml = (name: string, text: string): boolean => ['html', 'htm', 'xhtml', 'shtml'].includes(ext(name)) || looksLikeHtml(text);

/**
 * A web page's text. The bytes decide the encoding where they can (strictly valid UTF-8 is
 * UTF-8, whatever the page claims); where they cannot — damaged bytes that fit neither
 * encoding cleanly — the page's own <meta charset> does.
 */
function htmlInput(bytes: Uint8Array, decoded: Decoded): Extracted | null {
  const certain = decoded.ok ? decoded.bom || decoded.replaced === 0 : decoded.code !== 'unknown_encoding';
  const meta = certain ? null : metaCharset(bytes);
  if (meta) {
    const text = new TextDecoder(meta).decode(bytes);
    const replaced = text.split('\ufffd').length - 1;
    return { ok: true, text: htmlToText(text), kind: 'html', encoding: meta, replaced };
  }
  if (!decoded.ok) return null;
  return { ok: true, text: htmlToText(decoded.text), kind: 'html', encoding: decoded.encoding, replaced: decoded.replaced };
}

/** Bytes of a file (its name only a hint) → the text of the report in it, or why not. */
export async function extract(bytes: Uint8Array, name: string, opts: ExtractOptions = {}): Promise<Extracted> {
  const d0 = await document(bytes, name, opts);
  if (d0) return d0;
  const d = decode(bytes);
  // a page whose bytes fit no encoding cleanly may still say its own in <meta charset>
  const head = d.ok ? d.text : new TextDecoder('latin1').decode(bytes.subarray(0, 65536));
  if (isHtml(name, head)) {
    let h: Extracted | null;
    try {
      h = htmlInput(bytes, d);
    } catch (e) {
      // markup nested or tangled past any report: refused in words, never a hang
      if (e instanceof MarkupRefused) return { ok: false, code: 'too_complex', message: e.message };
      throw e;
    }
    if (h) return h;
  }
  if (!d.ok) return d;
  return { ok: true, text: d.text, kind: 'text', encoding: d.encoding, replaced: d.replaced };
}
