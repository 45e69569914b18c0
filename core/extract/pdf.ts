/// <reference path="./pdfjs-min.d.ts" />
/**
 * PDF bytes → the plain text the reader already reads, as `pdftotext -layout` lays it out:
 * the text items of each page rebuilt into lines by their height on the page (a small
 * tolerance, since numbers sit a little lower than the labels beside them), and the items of
 * a line joined by their horizontal gaps (a gap of a few characters separates cells). Pages
 * in order; page footers (`- 3 -`) stay lines of their own, which the reader skips.
 *
 * A bordered table is read by its ruling lines instead (pdf-table.ts): a cell whose label
 * wraps puts its numbers beside any line of it, so text lines cannot say which row a number
 * is in; the rules can. Its rows come out as Word pastes them (grid.ts), one line a row.
 *
 * Browser-safe: bytes in, no file system. pdf.js is loaded on first use (its minified build:
 * half the time to load under tsx); in node it runs without a worker by itself, a page must
 * say where the worker script is (`workerSrc`).
 */

import { tableLines, type GridCell } from './grid.ts';
import { pageRules, type Rules } from './pdf-rules.ts';
import { joinLines, pageTables } from './pdf-table.ts';

export type PdfFailureCode = 'pdf_encrypted' | 'pdf_scanned' | 'pdf_damaged';

export type PdfResult = { ok: true; text: string; pages: number } | { ok: false; code: PdfFailureCode; message: string };

export interface PdfOptions {
  /** where pdf.worker(.min).mjs is: a browser must say; node finds pdf.worker.mjs by itself (the minified one loads faster) */
  workerSrc?: string;
  /** pdf.js's cmaps/ folder (ending in /): PDFs whose Chinese fonts are not embedded need it to give text */
  cMapUrl?: string;
  /** pdf.js's standard_fonts/ folder (ending in /) */
  standardFontDataUrl?: string;
}

export const PDF_MESSAGES: Record<PdfFailureCode, string> = {
  pdf_encrypted: '这个 PDF 文件设置了打开密码，无法读取。请用阅读器输入密码打开后，另存一份不加密的 PDF，或全选复制正文保存为 .txt 文本文件后再检查。',
  pdf_scanned:
    '这个 PDF 里没有文字，只有扫描的图片：扫描件没有可读取的文字。请找到年报的原始文档（Word 或网页），或先用 OCR 文字识别软件把它转成文字，再检查。',
  pdf_damaged: '这个 PDF 文件已损坏或不完整，无法打开。请重新下载或另存一份 PDF，或在阅读器中全选复制正文，保存为 .txt 文本文件后再检查。',
};

const fail = (code: PdfFailureCode): PdfResult => ({ ok: false, code, message: PDF_MESSAGES[code] });

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.min.mjs');
let pdfjs: Promise<Pdfjs> | null = null;
const loadPdfjs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.min.mjs'));

/** one text item placed on the page: x to the right, y downwards, in points */
export interface Placed {
  str: string;
  x: number;
  y: number;
  width: number;
  /** font size: the height of the glyphs */
  size: number;
}

/**
 * an item is on the line when its baseline is within this share of the font size of the
 * line's last item, and within LINE_SPAN of its first (a chain of small steps stays one line)
 */
const SAME_LINE = 0.45;
const LINE_SPAN = 0.8;
/** a gap wider than this many font sizes separates two cells */
const CELL_GAP = 1.2;
/** a gap wider than this share of the font size is a space between words */
const WORD_GAP = 0.2;

/** a line of text and where it sits (the baseline of its first item) */
export interface PlacedLine {
  y: number;
  text: string;
  /** its items, left to right */
  items: Placed[];
}

/** the items of one page → its lines, top to bottom */
export function pageLines(items: Placed[]): string[] {
  return placedLines(items).map((l) => l.text);
}

/** the items of one page → its lines, top to bottom, each with its height on the page */
export function placedLines(items: Placed[]): PlacedLine[] {
  const sorted = items.filter((i) => i.str.trim() !== '').sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Placed[][] = [];
  for (const it of sorted) {
    const cur = lines[lines.length - 1];
    const first = cur?.[0];
    const last = cur?.[cur.length - 1];
    const size = Math.min(first?.size ?? 0, it.size);
    if (cur && first && last && it.y - last.y <= SAME_LINE * size && it.y - first.y <= LINE_SPAN * size) cur.push(it);
    else lines.push([it]);
  }
  return lines.map((line) => {
    const y = line[0]!.y;
    line.sort((a, b) => a.x - b.x);
    let out = '';
    let end = -Infinity;
    for (const it of line) {
      const gap = it.x - end;
      const size = Math.max(it.size, 1);
      if (out && gap > CELL_GAP * size) out += '\t';
      else if (out && gap > WORD_GAP * size && !/\s$/.test(out) && !/^\s/.test(it.str)) out += ' ';
      out += it.str;
      end = Math.max(end, it.x + it.width);
    }
    return { y, text: out.trim(), items: line };
  });
}

const HAN = /[\u3400-\u9fff]/;

/** a page as blocks top to bottom: lines of running text, and bordered tables as grids */
type Block = { y: number; text: string } | { y: number; grid: GridCell[][] };

function pageBlocks(items: Placed[], rules: Rules): Block[] {
  const tables = pageTables(items, rules, pageLines);
  const used = new Set(tables.flatMap((t) => [...t.used]));
  const blocks: Block[] = [...placedLines(items.filter((i) => !used.has(i))), ...tables.map((t) => ({ y: t.top, grid: t.grid }))];
  return blocks.sort((a, b) => a.y - b.y);
}

/** a cell that holds only a number */
const NUMBER = /^[+\-]?\d[\d,]*(?:\.\d+)?$/;
const isNumber = (c: GridCell) => !!c && NUMBER.test(c.text.trim());
/**
 * two halves of one row broken by the page: one half has no number, and is empty where the
 * other has its numbers (a header row above the first row on the next page has text there)
 */
const halves = (a: GridCell[], b: GridCell[]) => {
  const part = (x: GridCell[], y: GridCell[]) => !x.some(isNumber) && y.every((c, i) => !isNumber(c) || !x[i]?.text.trim());
  return a.length === b.length && (part(a, b) || part(b, a));
};
/** page furniture between a table and its continuation: a page number, nothing Chinese */
const furniture = (b: Block) => 'text' in b && !HAN.test(b.text);

/**
 * A table that runs on to the next page is one table. Writers let a row break across the
 * page: its label goes on over the break while its numbers stay on one side, so when one of
 * the two halves holds no number they are one row, joined cell by cell; otherwise they stay
 * two rows (the reader flags a label it cannot place), never a guess.
 */
function joinPages(pages: Block[][]): Block[] {
  const out: Block[] = [];
  for (const page of pages) {
    const first = page.findIndex((b) => !furniture(b));
    const next = page[first];
    let at = out.length - 1;
    while (at >= 0 && furniture(out[at]!)) at--;
    const prev = out[at];
    if (prev && next && 'grid' in prev && 'grid' in next && prev.grid[0]?.length === next.grid[0]?.length) {
      const [last, head] = [prev.grid[prev.grid.length - 1]!, next.grid[0]!];
      const rows = next.grid.slice();
      if (halves(last, head)) {
        rows.shift();
        prev.grid[prev.grid.length - 1] = last.map((c, i) => {
          const d = head[i];
          return c && d ? { ...c, text: joinLines([c.text, d.text]) } : (c ?? d);
        });
      }
      prev.grid.push(...rows);
      out.push(...page.filter((b) => b !== next));
    } else out.push(...page);
  }
  return out;
}

function blocksText(blocks: Block[]): string {
  const lines: string[] = [];
  for (const b of blocks) {
    if ('text' in b) lines.push(b.text);
    else lines.push('', ...tableLines(b.grid), '');
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** PDF bytes → text, or why the PDF cannot be read (in Chinese). */
export async function pdfToText(bytes: Uint8Array, opts: PdfOptions = {}): Promise<PdfResult> {
  const lib = await loadPdfjs();
  if (opts.workerSrc) lib.GlobalWorkerOptions.workerSrc = opts.workerSrc;
  // pdf.js takes the buffer over (and refuses node's Buffer): hand it a plain copy
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    ...(opts.cMapUrl ? { cMapUrl: opts.cMapUrl, cMapPacked: true } : {}),
    ...(opts.standardFontDataUrl ? { standardFontDataUrl: opts.standardFontDataUrl } : {}),
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (e) {
      return fail((e as Error)?.name === 'PasswordException' ? 'pdf_encrypted' : 'pdf_damaged');
    }
    const pages: Block[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: Placed[] = [];
      for (const it of content.items) {
        if (!('str' in it) || !it.str) continue;
        // into the page's own orientation, y downwards (a rotated page reads as it is shown)
        const m = lib.Util.transform(viewport.transform, it.transform) as number[];
        items.push({ str: it.str, x: m[4]!, y: m[5]!, width: it.width, size: Math.hypot(m[2]!, m[3]!) });
      }
      const ops = await page.getOperatorList();
      pages.push(pageBlocks(items, pageRules(ops.fnArray, ops.argsArray, lib.OPS, viewport.transform)));
      page.cleanup();
    }
    // a scan has no text, or only what a scanner stamps on it: no Chinese to read
    if (!pages.some((blocks) => blocks.some((b) => ('text' in b ? HAN.test(b.text) : b.grid.some((r) => r.some((c) => c && HAN.test(c.text))))))) return fail('pdf_scanned');
    return { ok: true, text: blocksText(joinPages(pages)), pages: pages.length };
  } catch {
    return fail('pdf_damaged');
  } finally {
    await task.destroy();
  }
}
