/**
 * The OCR engine of the command line: pages rendered by poppler's pdftoppm (the CLI runs on
 * node, where pdf.js has no canvas), words recognised by tesseract.js in node worker threads
 * with the Chinese model from a local folder — nothing is downloaded. One engine for the whole
 * run, made on the first scan; main() closes it.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Gray, OcrEngine, OcrWord } from '../core/extract/ocr.ts';

/** Debian's tesseract-ocr-chi-sim puts the model here */
export const DEFAULT_LANG_DIR = '/usr/share/tesseract-ocr/5/tessdata';

let langDir = process.env.GOUJI_OCR_LANG_DIR || DEFAULT_LANG_DIR;
export const setOcrLangDir = (dir: string) => (langDir = resolve(dir));

type Worker = Awaited<ReturnType<typeof import('tesseract.js').createWorker>>;

/** what is missing for OCR, in Chinese (which file goes where), or null when all is there */
export function ocrMissing(): string | null {
  const missing = ['chi_sim', 'eng'].filter((l) => !existsSync(join(langDir, `${l}.traineddata`)));
  if (!missing.length) return null;
  const files = missing.map((l) => `${l}.traineddata`).join('、');
  return (
    `这个 PDF 是扫描件，需要文字识别（OCR），但在“${langDir}”中没有找到识别模型 ${files}。` +
    `请把 ${files} 放到该文件夹，或放到任意文件夹后用 --ocr-lang-dir 指定它（如 gouji check --ocr-lang-dir D:\\ocr 年报.pdf）；` +
    'Debian/Ubuntu 上可运行 sudo apt-get install tesseract-ocr-chi-sim tesseract-ocr-eng 安装。'
  );
}

/** PGM: the simplest image file Leptonica (inside tesseract.js) reads */
function pgm(g: Gray): Buffer {
  const head = Buffer.from(`P5\n${g.width} ${g.height}\n255\n`, 'latin1');
  return Buffer.concat([head, Buffer.from(g.data.buffer, g.data.byteOffset, g.data.byteLength)]);
}

function parsePgm(b: Buffer): Gray {
  // P5 <w> <h> <max> then one byte a pixel
  let at = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(b[at]!))) at++;
    let s = '';
    while (!/\s/.test(String.fromCharCode(b[at]!))) s += String.fromCharCode(b[at++]!);
    fields.push(s);
  }
  at++;
  const [magic, w, h] = [fields[0], Number(fields[1]), Number(fields[2])];
  if (magic !== 'P5' || !(w > 0 && h > 0) || b.length < at + w * h) throw new Error('pdftoppm gave no page');
  return { width: w, height: h, data: new Uint8Array(b.buffer, b.byteOffset + at, w * h) };
}

const run = (cmd: string, args: string[], input: Uint8Array): Promise<Buffer> =>
  new Promise((res, rej) => {
    const child = execFile(cmd, args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (err, stdout) => (err ? rej(err) : res(stdout)));
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  });

type Symbol = { text: string; confidence: number; bbox: { x0: number; y0: number; x1: number; y1: number } };

/** every character of the page, with its own box and confidence */
function symbols(data: { blocks?: { paragraphs: { lines: { words: { symbols: Symbol[] }[] }[] }[] }[] | null }): OcrWord[] {
  return (data.blocks ?? []).flatMap((b) =>
    b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words.flatMap((w) => w.symbols.map((s) => ({ text: s.text, confidence: s.confidence, ...s.bbox }))))),
  );
}

function words(data: { blocks?: { paragraphs: { lines: { words: { text: string; confidence: number; bbox: { x0: number; y0: number; x1: number; y1: number } }[] }[] }[] }[] | null }): OcrWord[] {
  return (data.blocks ?? []).flatMap((b) =>
    b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words.map((w) => ({ text: w.text, confidence: w.confidence, ...w.bbox })))),
  );
}

export interface NodeOcr extends OcrEngine {
  close(): Promise<void>;
}

let shared: NodeOcr | null = null;

/** the run's engine (made on first use) */
export function nodeOcr(): NodeOcr {
  if (shared) return shared;
  let chi: Promise<Worker> | null = null;
  let eng: Promise<Worker> | null = null;
  const opts = () => ({ langPath: langDir, gzip: false, cacheMethod: 'none' as const });
  const chiWorker = () =>
    (chi ??= import('tesseract.js').then(async (t) => {
      const w = await t.createWorker('chi_sim', t.OEM.LSTM_ONLY, opts());
      await w.setParameters({ preserve_interword_spaces: '1' });
      return w;
    }));
  const engWorker = () =>
    (eng ??= import('tesseract.js').then(async (t) => {
      const w = await t.createWorker('eng', t.OEM.LSTM_ONLY, opts());
      await w.setParameters({ tessedit_char_whitelist: '0123456789.', tessedit_pageseg_mode: t.PSM.SINGLE_BLOCK });
      return w;
    }));
  // one page's image is handed to Tesseract once per call: keep the last one encoded
  let last: { g: Gray; file: Buffer } | null = null;
  const file = (g: Gray) => (last?.g === g ? last.file : (last = { g, file: pgm(g) }).file);
  shared = {
    async ready() {
      return ocrMissing();
    },
    async pageCount(pdf) {
      const info = (await run('pdfinfo', ['-'], pdf)).toString('latin1');
      const n = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
      if (!(n > 0)) throw new Error('no pages');
      return n;
    },
    async render(pdf, page) {
      return parsePgm(await run('pdftoppm', ['-r', '150', '-gray', '-f', String(page), '-l', String(page), '-'], pdf));
    },
    async words(image) {
      const w = await chiWorker();
      return words((await w.recognize(file(image), {}, { blocks: true })).data as never);
    },
    async digits(image) {
      const w = await engWorker();
      return symbols((await w.recognize(file(image), {}, { blocks: true })).data as never);
    },
    async close() {
      const ws = await Promise.all([chi, eng].filter((p): p is Promise<Worker> => p !== null));
      await Promise.all(ws.map((w) => w.terminate()));
      shared = null;
    },
  };
  return shared;
}

/** end the run's OCR workers, if any were started */
export async function closeOcr(): Promise<void> {
  await shared?.close();
}
