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
import { readDigits, reading, rereadDoubtful, splitAtGaps, wordInk, type DigitBox } from './ocr-digits.ts';
import { placedLines, type Placed, type PlacedLine } from './pdf.ts';

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
/** what chi_sim writes for a digit it cannot read (or for specks beside it), besides digits */
const DIGITISH = /^[0-9０-９.,，。oOlI|工\[\]()（）丨一\-“”"'‘’`:：;；、]*$/;

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

/** a number cell of a table to read: where it is in the table */
interface NumberCell extends DigitBox {
  r: number;
  c: number;
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
      // a cell with ink and no Chinese (or only what chi_sim makes of digits) holds a number;
      // a header's single character (结, 计) is no number: the digits model would make one of it
      if (DIGITISH.test(compact) || (compact.length <= 2 && !HAN.test(compact.replace(/[工丨一]/g, '')))) {
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

/** the number cells' readings: fills rows' texts, returns confidences by cell */
function tableNumbers(tables: { rows: GridCell[][]; numbers: NumberCell[][] }[]): Map<NumberCell, number> {
  const conf = new Map<NumberCell, number>();
  for (const t of tables) {
    for (const n of t.numbers.flat()) {
      const { text, confidence } = reading(n.chars ?? []);
      const clean = /^\d+(\.\d+)?$/.test(text);
      // unread, or read as something that is no number: chi_sim's digits stay, trusted not at all
      if (clean) t.rows[n.r]![n.c] = { text };
      else {
        const digits = (t.rows[n.r]![n.c]?.text ?? '').replace(/[^0-9]/g, '');
        if (digits) t.rows[n.r]![n.c] = { text: digits };
      }
      conf.set(n, clean ? confidence : 0);
    }
  }
  return conf;
}

/** a word chi_sim read that may be a number: no Chinese, a digit or what chi_sim makes of one */
const numberish = (w: OcrWord) => DIGITISH.test(w.text.replace(/\s/g, '')) && /[0-9０-９oOlI|工\[\]丨]/.test(w.text);

/**
 * The running text's lines (words outside ruled tables), as a text PDF's are laid out. The
 * numbers at the end of a line — a row of a table without rules — are read again by the
 * digits pass: each becomes its own cell (numbers joined into one word by chi_sim are split
 * where the page has a gap), with its confidence; what the digits pass cannot read stays as
 * chi_sim's digits, vouched for by nothing.
 */
function freeLines(img: Gray, free: OcrWord[]): { lines: PlacedLine[]; boxes: Map<Placed, DigitBox>; rows: DigitBox[][] } {
  const word = new Map<Placed, OcrWord>();
  const items: Placed[] = free.map((w) => {
    const p = { str: w.text, x: w.x0, y: w.y1, width: w.x1 - w.x0, size: Math.max(w.y1 - w.y0, 8) };
    word.set(p, w);
    return p;
  });
  const lines = placedLines(items);
  const boxes = new Map<Placed, DigitBox>();
  const rows: DigitBox[][] = [];
  for (const line of lines) {
    const row: DigitBox[] = [];
    let k = line.items.length;
    while (k > 0 && numberish(word.get(line.items[k - 1]!)!)) k--;
    for (const it of line.items.slice(k)) {
      const w = word.get(it)!;
      const others = free.filter((o) => o !== w).map((o) => ({ left: o.x0, top: o.y0, width: o.x1 - o.x0, height: o.y1 - o.y0 }));
      const ink = wordInk(img, { left: w.x0, top: w.y0, width: w.x1 - w.x0, height: w.y1 - w.y0 }, others);
      if (!ink) continue;
      const box: DigitBox = { ink };
      boxes.set(it, box);
      row.push(box);
    }
    rows.push(row);
  }
  return { lines, boxes, rows };
}

/** a free line after the digits pass: its text, numbers a cell each, and the numbers read */
function freeText(line: PlacedLine, boxes: Map<Placed, DigitBox>): { text: string; numbers: Block['numbers'] } {
  const items: Placed[] = [];
  const numbers: Block['numbers'] = [];
  for (const it of line.items) {
    const box = boxes.get(it);
    const pieces = box ? splitAtGaps(box.chars ?? []).map((cs) => ({ cs, ...reading(cs) })) : [];
    if (!box || !pieces.length || !pieces.every((p) => /^\d+(\.\d+)?$/.test(p.text))) {
      items.push(box ? { ...it, str: it.str.replace(/[^0-9.]/g, '') || it.str } : it);
      continue;
    }
    for (const p of pieces) {
      items.push({ ...it, str: p.text, x: p.cs[0]!.x0, width: p.cs[p.cs.length - 1]!.x1 - p.cs[0]!.x0 });
      numbers.push({ line: 0, text: p.text, confidence: p.confidence });
    }
  }
  const text = placedLines(items)
    .map((l) => l.text)
    .join(' ')
    .replace(/(?<=[\u3400-\u9fff，。、；：（）])\s+(?=[\u3400-\u9fff，。、；：（）])/g, '')
    // numbers side by side are cells of a row, never one number
    .replace(/(?<=\d)[ ]+(?=\d)/g, '\t');
  return { text, numbers };
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
  const free = freeLines(img, words.filter((w) => !inTable(w)));
  const read = tables.map((t) => tableCells(img, t, words));
  const boxes = [...read.flatMap((t) => t.numbers), ...free.rows];
  await readDigits(engine, img, boxes);
  await rereadDoubtful(engine, img, boxes.flat());
  const conf = tableNumbers(read);
  for (const line of free.lines) {
    const { text, numbers } = freeText(line, free.boxes);
    blocks.push({ y: line.y, lines: [text], numbers });
  }
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
