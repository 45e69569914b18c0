/**
 * A path on the command line → the text of the report in it, or why it cannot be read (in
 * Chinese). Text in any encoding Windows saves; web pages, .docx and PDF (see documents.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import type { Encoding } from '../core/extract/decode.ts';
import { extract, type ExtractFailureCode, type ExtractOptions, type FileKind } from '../core/extract/extract.ts';
import { pdfjsFiles } from './documents.ts';
import type { OcrMeta, OcrProgress } from '../core/extract/ocr.ts';
import { nodeOcr } from './ocr-engine.ts';
import { progressFor } from './progress.ts';

/** An annual report is tens of kilobytes; anything past this is not one, and reading it would only stall. */
export const MAX_BYTES = 20 * 1024 * 1024;

export type InputFailureCode = 'not_found' | 'is_directory' | 'not_a_file' | 'unreadable' | 'too_large' | ExtractFailureCode;

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
    return fail('unreadable', `无法读取标准输入（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）。`);
  }
  return Buffer.concat(chunks);
}

function readPath(path: string): Uint8Array | Input {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return fail('is_directory', `“${path}”是一个文件夹，不是文件。请指定其中的年报文本文件。`);
    // a device or pipe may never end (/dev/zero); only regular files are read by path
    if (!st.isFile()) return fail('not_a_file', `“${path}”不是普通文件，无法读取。`);
    size = st.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return fail('not_found', `找不到文件“${path}”，请检查路径和文件名。`);
    if (code === 'EACCES' || code === 'EPERM') return fail('unreadable', `没有权限读取“${path}”。`);
    return fail('unreadable', `无法读取“${path}”（${code ?? (e as Error).message}）。`);
  }
  if (size > MAX_BYTES) return fail('too_large', `文件“${path}”有 ${mb(size)}，超过 ${mb(MAX_BYTES)} 的上限：一份年度报告的文本通常只有几十 KB，请确认选对了文件。`);
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return fail('unreadable', `没有权限读取“${path}”。`);
    return fail('unreadable', `无法读取“${path}”（${code ?? (e as Error).message}）。`);
  }
}

/** the text of a report file, whatever encoding Windows saved it in, or the text of the document it is (core/extract) */
export async function readInput(path: string, opts: Omit<ExtractOptions, 'pdf'> = {}): Promise<Input> {
  const bytes = path === STDIN ? await readStdin() : readPath(path);
  if (!(bytes instanceof Uint8Array)) return bytes;
  const name = path === STDIN ? '标准输入' : path;
  const bar = progressFor();
  const onProgress = opts.onProgress ?? ((p: OcrProgress) => (p.page < p.pages ? bar.update(p.page, p.pages, `文字识别（OCR）${name} 第 ${p.page + 1}/${p.pages} 页`) : bar.end()));
  const r = await extract(bytes, path === STDIN ? '' : path, { ocr: nodeOcr(), onProgress, ...opts, pdf: pdfjsFiles() });
  return r.ok ? r : fail(r.code, `“${name}”：${r.message}`);
}
