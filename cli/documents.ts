/**
 * The bytes of a file that is a document rather than text → the text of the report in it:
 * PDF and .docx by their content (magic numbers, not only the name), web pages after the
 * text is decoded. Old binary Word files get a Chinese reason and what to do about it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { docxToText, DOCX_MESSAGES, type DocxFailureCode } from '../core/extract/docx.ts';
import { htmlToText, looksLikeHtml } from '../core/extract/html.ts';
import { pdfToText, type PdfFailureCode } from '../core/extract/pdf.ts';
import type { Decoded, Encoding } from './decode.ts';

export type DocumentKind = 'pdf' | 'docx' | 'html';
export type DocumentFailureCode = PdfFailureCode | DocxFailureCode | 'old_word';

export type Extracted = { ok: true; text: string; kind: 'pdf' | 'docx' } | { ok: false; code: DocumentFailureCode; message: string };

const startsWith = (b: Uint8Array, prefix: number[]) => prefix.every((x, i) => b[i] === x);
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const ext = (path: string) => /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
const WORD_EXT = new Set(['docx', 'docm', 'dotx', 'dotm']);
const OLD_WORD_EXT = new Set(['doc', 'dot', 'wps', '']);

const OLD_WORD =
  '这是旧版 Word 文档（.doc，二进制格式），暂不支持直接读取。请用 Word 或 WPS 打开它，“另存为” Word 文档（.docx）后再检查；也可以全选复制正文，保存为 .txt 文本文件。';

/** pdf.js's files in its package: the minified worker, and the CMaps that fonts not embedded need */
function pdfjsFiles(): { workerSrc?: string; cMapUrl?: string; standardFontDataUrl?: string } {
  try {
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    return {
      workerSrc: pathToFileURL(join(root, 'legacy', 'build', 'pdf.worker.min.mjs')).href,
      cMapUrl: join(root, 'cmaps') + '/',
      standardFontDataUrl: join(root, 'standard_fonts') + '/',
    };
  } catch {
    return {};
  }
}

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

/**
 * A PDF, a Word document (new or old) → its text or the reason it cannot be read; null for
 * anything else (text, web pages, and the files decode() knows how to refuse).
 */
export async function extractDocument(bytes: Uint8Array, path: string): Promise<Extracted | null> {
  const e = ext(path);
  if (startsWith(bytes, PDF)) {
    const r = await pdfToText(bytes, pdfjsFiles());
    return r.ok ? { ok: true, text: r.text, kind: 'pdf' } : r;
  }
  if (startsWith(bytes, ZIP)) {
    const names = zipNames(bytes);
    // a zip too damaged to list may still show Word's part names in its first entries
    const word = names ? names.some((n) => n.startsWith('word/')) : new TextDecoder('latin1').decode(bytes.subarray(0, 65536)).includes('word/');
    if (!word && !WORD_EXT.has(e)) return null;
    if (!names) return { ok: false, code: 'docx_damaged', message: DOCX_MESSAGES.docx_damaged };
    const r = docxToText(bytes);
    return r.ok ? { ok: true, text: r.text, kind: 'docx' } : r;
  }
  if (startsWith(bytes, OLE) && OLD_WORD_EXT.has(e)) return { ok: false, code: 'old_word', message: OLD_WORD };
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

/** does the file hold a web page (by its name, or by its first markup)? */
export const isHtml = (path: string, text: string): boolean => ['html', 'htm', 'xhtml', 'shtml'].includes(ext(path)) || looksLikeHtml(text);

/**
 * A web page's text. The bytes decide the encoding where they can (strictly valid UTF-8 is
 * UTF-8, whatever the page claims); where they cannot — damaged bytes that fit neither
 * encoding cleanly — the page's own <meta charset> does.
 */
export function htmlInput(bytes: Uint8Array, decoded: Decoded): { text: string; encoding: Encoding; replaced: number } | null {
  const certain = decoded.ok ? decoded.bom || decoded.replaced === 0 : decoded.code !== 'unknown_encoding';
  const meta = certain ? null : metaCharset(bytes);
  if (meta) {
    const text = new TextDecoder(meta).decode(bytes);
    const replaced = text.split('\ufffd').length - 1;
    return { text: htmlToText(text), encoding: meta, replaced };
  }
  if (!decoded.ok) return null;
  return { text: htmlToText(decoded.text), encoding: decoded.encoding, replaced: decoded.replaced };
}
