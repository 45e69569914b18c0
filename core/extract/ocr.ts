/**
 * Scanned PDF pages → the text the reader reads, by OCR. The engine (Tesseract in a node
 * worker for the CLI, in a web worker for the pane) is handed in, so core stays free of
 * node-only APIs: it renders pages to gray bitmaps and recognises words; core straightens
 * the page, finds the tables' rules and merged cells, puts each word in its cell, and reads
 * the numbers a second time with the digits-only model, row by row, placing the digits by
 * the cells' positions (never by counting tokens). Every number keeps its confidence, so the
 * 勾稽 rules can later flag a doubtful digit instead of trusting it (ocr-review.ts).
 */
import { tableLines, type GridCell } from './grid.ts';
import { cellRect, findTables, inkBox, rotate, skewAngle, wipeLowBand, wipeUnderlines, type Gray, type Rect, type TableGrid } from './ocr-image.ts';
import { pageLines, type Placed } from './pdf.ts';

export type { Gray, Rect } from './ocr-image.ts';

/** a recognised word: its box on the page and Tesseract's confidence (0–100) */
export interface OcrWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  confidence: number;
}

export interface OcrEngine {
  /** null when the engine can run; else what is missing, in Chinese (which model file goes where) */
  ready(): Promise<string | null>;
  /** how many pages the PDF has */
  pageCount(pdf: Uint8Array): Promise<number>;
  /** one page (1-based) as a gray bitmap, about 150 dpi */
  render(pdf: Uint8Array, page: number): Promise<Gray>;
  /** the words of a page, Chinese model */
  words(image: Gray): Promise<OcrWord[]>;
  /** lines of digits (the English model, digits only, a block of text lines): each character with its box */
  digits(image: Gray): Promise<OcrWord[]>;
}

export interface OcrProgress {
  page: number;
  pages: number;
}

/** a number read by OCR: the line of the text it is on, its text there, and how sure OCR was */
export interface OcrNumber {
  line: number;
  text: string;
  confidence: number;
}

export interface OcrMeta {
  pages: number;
  numbers: OcrNumber[];
}

export type OcrFailureCode = 'ocr_no_text' | 'ocr_failed' | 'ocr_no_model';

export const OCR_MESSAGES: Record<Exclude<OcrFailureCode, 'ocr_no_model'>, string> = {
  ocr_no_text:
    '这个 PDF 只有图片，文字识别（OCR）也没有从中认出年报的文字和表格：可能是照片、图片太模糊或不是年报。请找到年报的原始文档（Word 或网页），或重新清晰地扫描后再检查。',
  ocr_failed: '这个扫描 PDF 的页面无法转成图片进行文字识别（OCR），可能文件已损坏。请重新下载或另存一份 PDF，或找到年报的原始文档再检查。',
};

const HAN = /[\u3400-\u9fff]/;
/** what chi_sim writes for a digit it cannot read, besides digits */
const DIGITISH = /^[0-9０-９.,，。oOlI|工\[\]()（）丨一-]*$/;

interface Block {
  y: number;
  lines: string[];
  /** for table lines: per line, the numbers in it */
  numbers: { line: number; text: string; confidence: number }[];
}

const center = (w: OcrWord) => ({ x: (w.x0 + w.x1) / 2, y: (w.y0 + w.y1) / 2 });
const inside = (p: { x: number; y: number }, r: Rect) => p.x >= r.left && p.x < r.left + r.width && p.y >= r.top && p.y < r.top + r.height;

/** words in reading order → one string (no space between Chinese characters) */
function join(words: OcrWord[]): string {
  const sorted = [...words].sort((a, b) => a.y0 - b.y0);
  const lines: OcrWord[][] = [];
  for (const w of sorted) {
    const cur = lines[lines.length - 1];
    const h = w.y1 - w.y0;
    if (cur && Math.abs(center(cur[0]!).y - center(w).y) < h * 0.6) cur.push(w);
    else lines.push([w]);
  }
  return lines
    .map((l) =>
      l
        .sort((a, b) => a.x0 - b.x0)
        .map((w) => w.text)
        .reduce((s, t) => (s && /[A-Za-z0-9]$/.test(s) && /^[A-Za-z0-9]/.test(t) ? `${s} ${t}` : s + t), ''),
    )
    .join('');
}

/** a number cell to read: where it is in the table and the box of its ink on the page */
interface NumberCell {
  r: number;
  c: number;
  ink: Rect;
  /** where it was pasted in the sheet of digits */
  at?: Rect;
}

/**
 * The ink of every number cell of the page pasted into one sheet, a table row a line with
 * wide gaps between cells: one digits-only pass reads them all, and each character belongs
 * to the cell it was pasted from (Tesseract may join digits across a gap into one word, so
 * characters, not words, are placed) — nothing is placed by counting tokens, and no rule or
 * neighbour is in sight.
 */
function digitSheet(img: Gray, rows: NumberCell[][]): Gray {
  const pad = 12;
  let width = 0;
  let y = pad;
  for (const row of rows) {
    const h = Math.max(...row.map((n) => n.ink.height));
    let x = pad;
    for (const n of row) {
      n.at = { left: x, top: y + Math.floor((h - n.ink.height) / 2), width: n.ink.width, height: n.ink.height };
      x += n.ink.width + Math.max(h, 24);
    }
    width = Math.max(width, x);
    y += h + Math.max(h, 16);
  }
  const sheet: Gray = { width: width + pad, height: y + pad, data: new Uint8Array((width + pad) * (y + pad)).fill(255) };
  for (const n of rows.flat()) {
    for (let yy = 0; yy < n.ink.height; yy++) {
      const from = (n.ink.top + yy) * img.width + n.ink.left;
      sheet.data.set(img.data.subarray(from, from + n.ink.width), (n.at!.top + yy) * sheet.width + n.at!.left);
    }
  }
  return sheet;
}

/** a table: labels from the Chinese pass; number cells found (ink, no Chinese) for the digits pass */
function tableCells(img: Gray, t: TableGrid, words: OcrWord[]): { rows: GridCell[][]; numbers: NumberCell[][] } {
  const rows: GridCell[][] = [];
  const numbers: NumberCell[][] = [];
  for (let r = 0; r < t.owner.length; r++) {
    const row: GridCell[] = [];
    const nums: NumberCell[] = [];
    for (let c = 0; c < t.owner[r]!.length; c++) {
      const [or, oc] = t.owner[r]![c]!.split(',').map(Number) as [number, number];
      if (or !== r || oc !== c) {
        row.push(or === r ? { text: '', beside: true } : { text: '' });
        continue;
      }
      const rect = cellRect(t, r, c);
      const text = join(words.filter((w) => inside(center(w), rect)));
      row.push({ text });
      const compact = text.replace(/\s/g, '');
      // a cell with ink and no Chinese (or only what chi_sim makes of digits) holds a number
      if (DIGITISH.test(compact) || (compact.length <= 2 && !/[\u3400-\u9fff]{2}/.test(compact))) {
        wipeUnderlines(img, rect);
        wipeLowBand(img, rect);
        const ink = inkBox(img, rect);
        if (ink) nums.push({ r, c, ink });
      }
    }
    rows.push(row);
    numbers.push(nums);
  }
  return { rows, numbers };
}

/** read the number cells of every table on the page at once; fills rows' texts, returns confidences by cell */
async function readNumbers(engine: OcrEngine, img: Gray, tables: { rows: GridCell[][]; numbers: NumberCell[][] }[]): Promise<Map<NumberCell, number>> {
  const lines = tables.flatMap((t) => t.numbers).filter((l) => l.length);
  const conf = new Map<NumberCell, number>();
  if (!lines.length) return conf;
  const sheet = digitSheet(img, lines);
  const got = await engine.digits(sheet);
  for (const t of tables) {
    for (const n of t.numbers.flat()) {
      const mine = got.filter((w) => inside(center(w), { left: n.at!.left - 6, top: n.at!.top - 6, width: n.at!.width + 12, height: n.at!.height + 12 })).sort((a, b) => a.x0 - b.x0);
      const text = mine.map((w) => w.text).join('');
      const clean = /^\d+(\.\d+)?$/.test(text);
      // unread, or read as something that is no number: chi_sim's digits stay, trusted not at all
      if (clean) t.rows[n.r]![n.c] = { text };
      else {
        const digits = (t.rows[n.r]![n.c]?.text ?? '').replace(/[^0-9]/g, '');
        if (digits) t.rows[n.r]![n.c] = { text: digits };
      }
      conf.set(n, clean ? Math.min(...mine.map((w) => w.confidence)) : 0);
    }
  }
  return conf;
}

/** one page → its blocks of text (paragraphs and tables) top to bottom */
async function readPage(engine: OcrEngine, page: Gray): Promise<Block[]> {
  const angle = skewAngle(page);
  const img = angle ? rotate(page, angle) : { ...page, data: new Uint8Array(page.data) };
  const tables = findTables(img);
  // underlines longer than a Chinese character's strokes (web pages underline linked text)
  for (const t of tables) wipeUnderlines(img, t.box, 34);
  const words = (await engine.words(img)).filter((w) => w.text.trim() && w.confidence > 20);
  const inTable = (w: OcrWord) => tables.some((t) => inside(center(w), t.box));
  const blocks: Block[] = [];
  // running text: the words outside tables, laid out as a text PDF's items are
  const free = words.filter((w) => !inTable(w));
  const items: Placed[] = free.map((w) => ({ str: w.text, x: w.x0, y: w.y1, width: w.x1 - w.x0, size: Math.max(w.y1 - w.y0, 8) }));
  for (const line of pageLines(items)) {
    const y = free.find((w) => line.includes(w.text))?.y0 ?? 0;
    blocks.push({ y, lines: [line.replace(/(?<=[\u3400-\u9fff，。、；：（）])\s+(?=[\u3400-\u9fff，。、；：（）])/g, '')], numbers: [] });
  }
  const read = tables.map((t) => tableCells(img, t, words));
  const conf = await readNumbers(engine, img, read);
  tables.forEach((t, i) => {
    const { rows, numbers } = read[i]!;
    const lines = tableLines(rows);
    const found: Block['numbers'] = [];
    // tableLines leaves out empty rows: count the rows that made a line
    let k = 0;
    rows.forEach((row, r) => {
      if (!row.some((c) => c?.text.trim())) return;
      for (const n of numbers[r]!) found.push({ line: k + 1, text: row[n.c]?.text ?? '', confidence: conf.get(n) ?? 0 });
      k++;
    });
    blocks.push({ y: t.box.top, lines: ['', ...lines, ''], numbers: found });
  });
  return blocks.sort((a, b) => a.y - b.y);
}

/** Every page of a scanned PDF → text, with the confidence of every number read. */
export async function ocrPdf(
  pdf: Uint8Array,
  engine: OcrEngine,
  onProgress?: (p: OcrProgress) => void,
): Promise<{ ok: true; text: string; meta: OcrMeta } | { ok: false; code: OcrFailureCode; message: string }> {
  const missing = await engine.ready();
  if (missing) return { ok: false, code: 'ocr_no_model', message: missing };
  let pages: number;
  try {
    pages = await engine.pageCount(pdf);
  } catch {
    return { ok: false, code: 'ocr_failed', message: OCR_MESSAGES.ocr_failed };
  }
  const out: string[] = [];
  const numbers: OcrNumber[] = [];
  for (let p = 1; p <= pages; p++) {
    onProgress?.({ page: p - 1, pages });
    let img: Gray;
    try {
      img = await engine.render(pdf, p);
    } catch {
      return { ok: false, code: 'ocr_failed', message: OCR_MESSAGES.ocr_failed };
    }
    for (const b of await readPage(engine, img)) {
      for (const n of b.numbers) numbers.push({ ...n, line: out.length + n.line + 1 });
      out.push(...b.lines);
    }
    out.push('');
  }
  onProgress?.({ page: pages, pages });
  const text = out.join('\n');
  if ((text.match(/[\u3400-\u9fff]/g) ?? []).length < 20) return { ok: false, code: 'ocr_no_text', message: OCR_MESSAGES.ocr_no_text };
  return { ok: true, text, meta: { pages, numbers } };
}
