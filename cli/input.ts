/**
 * A path on the command line → the text of the report in it, or why it cannot be read (in
 * Chinese). Reading the bytes is core's extract(): text in any encoding, web pages, Word, PDF, scans.
 */
import { internalReason } from '../core/intake.ts';
import { readFileSync, statSync } from 'node:fs';
import type { Encoding } from '../core/extract/decode.ts';
import { extract, type ExtractFailureCode, type ExtractOptions, type FileKind } from '../core/extract/extract.ts';
import type { OcrMeta, OcrProgress } from '../core/extract/ocr.ts';
import { pdfjsFiles } from './documents.ts';
import { osReason } from './io/os-errors.ts';
import { nodeOcr } from './ocr-engine.ts';
import { progressFor } from './progress.ts';

/** An annual report is tens of kilobytes; anything past this is not one, and reading it would only stall. */
export const MAX_BYTES = 20 * 1024 * 1024;
/**
 * A county workbook is larger: a thousand units' consolidation is some 35 MB. The streaming
 * reader (core/xlsx/read.ts) reads it within its own limits on what the parts unpack to.
 */
export const MAX_WORKBOOK_BYTES = 128 * 1024 * 1024;
const limitOf = (path: string) => (/\.xlsx$/i.test(path) ? MAX_WORKBOOK_BYTES : MAX_BYTES);

export type InputFailureCode = 'internal' | 'too_complex' | 'not_found' | 'is_directory' | 'not_a_file' | 'unreadable' | 'too_large' | ExtractFailureCode;

export type Input =
  /** `kind`: what the file was; the text of a document is what the reader reads (for documents `encoding` is moot) */
  | { ok: true; text: string; encoding: Encoding; replaced: number; kind: FileKind; ocr?: OcrMeta }
  | { ok: false; code: InputFailureCode; message: string };

const fail = (code: InputFailureCode, message: string): Input => ({ ok: false, code, message });

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** `-` is standard input */
export const STDIN = '-';

async function readStdin(): Promise<Uint8Array | Input> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of process.stdin) {
      const b = chunk as Buffer;
      total += b.length;
      if (total > MAX_BYTES) return fail('too_large', `标准输入的内容超过 ${mb(MAX_BYTES)}，不像一份年度报告，已停止读取。`);
      chunks.push(b);
    }
  } catch (e) {
    return fail('unreadable', `无法读取标准输入：${osReason(e)}。`);
  }
  return Buffer.concat(chunks);
}

/** the bytes of a file named by path, or why it cannot be read (in plain words, with the size limit) */
export function readPath(path: string): Uint8Array | Input {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return fail('is_directory', `“${path}”是一个文件夹，不是文件。请指定其中的年报文本文件。`);
    // a device or pipe may never end (/dev/zero); only regular files are read by path
    if (!st.isFile()) return fail('not_a_file', `“${path}”不是普通文件，无法读取。`);
    size = st.size;
  } catch (e) {
    return readFailure(path, e);
  }
  if (size > limitOf(path)) {
    const what = limitOf(path) === MAX_BYTES ? '一份年度报告的文本通常只有几十 KB' : '一千个单位的汇总工作簿也只有三十多 MB';
    return fail('too_large', `文件“${path}”有 ${mb(size)}，超过 ${mb(limitOf(path))} 的上限：${what}，请确认选对了文件。`);
  }
  try {
    return readFileSync(path);
  } catch (e) {
    return readFailure(path, e);
  }
}

/** a file that could not be opened or read, in plain words */
export function readFailure(path: string, e: unknown): Extract<Input, { ok: false }> {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, code: 'not_found', message: `找不到文件“${path}”，请检查路径和文件名。` };
  if (code === 'EISDIR') return { ok: false, code: 'is_directory', message: `“${path}”是一个文件夹，不是文件。请指定其中的年报文本文件。` };
  if (code === 'EACCES' || code === 'EPERM') return { ok: false, code: 'unreadable', message: `没有权限读取“${path}”。` };
  return { ok: false, code: 'unreadable', message: `无法读取“${path}”：${osReason(e)}。` };
}

/** the text of a report file, whatever encoding Windows saved it in, or the text of the document it is (core/extract) */
export async function readInput(path: string, opts: Omit<ExtractOptions, 'pdf'> = {}): Promise<Input> {
  const bytes = path === STDIN ? await readStdin() : readPath(path);
  if (!(bytes instanceof Uint8Array)) return bytes;
  const name = path === STDIN ? '标准输入' : path;
  const r = await extract(bytes, path === STDIN ? '' : path, { ...extractOptions(name), ...opts, pdf: pdfjsFiles() });
  return r.ok ? r : fail(r.code, `“${name}”：${r.message}`);
}

/** what the command line hands extract(): pdf.js's files, the OCR engine and a progress bar per page */
export function extractOptions(name: string): ExtractOptions {
  const bar = progressFor();
  const onProgress = (p: OcrProgress) => (p.page < p.pages ? bar.update(p.page, p.pages, `文字识别（OCR）${name} 第 ${p.page + 1}/${p.pages} 页`) : bar.end());
  return { ocr: nodeOcr(), onProgress, pdf: pdfjsFiles() };
}

/** a bug of ours met while reading one file: that file's failure, never the round's */
export function internalFailure(path: string, e: unknown): Extract<Input, { ok: false }> & { code: 'internal' } {
  return { ok: false, code: 'internal', message: internalReason(path === STDIN ? '标准输入' : path, e) };
}
