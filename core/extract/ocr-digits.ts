/**
 * The digits pass of a scanned page: the ink of every number on the page — table cells and
 * the numbers at the end of text lines (tables without rules) — pasted into one sheet, a
 * line of the page a line of the sheet with wide gaps between numbers, and read once with
 * the digits-only model. Each character is handed back to the number it was pasted from (by
 * position, never by counting tokens), with its own box and confidence.
 */
import type { Gray, Rect } from './ocr-image.ts';
import type { OcrEngine, OcrWord } from './ocr.ts';

/** a number to read: the box of its ink on the page; after the pass, its characters */
export interface DigitBox {
  ink: Rect;
  /** where it was pasted in the sheet */
  at?: Rect;
  /** its characters as read, left to right, in page coordinates */
  chars?: OcrWord[];
}

const INK = 150;
const center = (w: OcrWord) => ({ x: (w.x0 + w.x1) / 2, y: (w.y0 + w.y1) / 2 });
const inside = (p: { x: number; y: number }, r: Rect) => p.x >= r.left && p.x < r.left + r.width && p.y >= r.top && p.y < r.top + r.height;

/** digits shorter than SMALL pixels (small print) are scaled up to DIGIT_HEIGHT; others are read as printed */
const SMALL = 14;
const DIGIT_HEIGHT = 20;
const scaleOf = (ink: Rect) => {
  const h = Math.max(ink.height - 6, 1);
  return h < SMALL ? Math.min(3, DIGIT_HEIGHT / h) : 1;
};

function digitSheet(img: Gray, rows: DigitBox[][]): Gray {
  const pad = 12;
  let width = 0;
  let y = pad;
  for (const row of rows) {
    const h = Math.max(...row.map((n) => Math.round(n.ink.height * scaleOf(n.ink))));
    let x = pad;
    for (const n of row) {
      const s = scaleOf(n.ink);
      const w = Math.round(n.ink.width * s);
      const hh = Math.round(n.ink.height * s);
      n.at = { left: x, top: y + Math.floor((h - hh) / 2), width: w, height: hh };
      x += w + Math.max(h, 24);
    }
    width = Math.max(width, x);
    y += h + Math.max(h, 16);
  }
  const sheet: Gray = { width: width + pad, height: y + pad, data: new Uint8Array((width + pad) * (y + pad)).fill(255) };
  for (const n of rows.flat()) {
    const at = n.at!;
    // bilinear: a scaled digit keeps smooth edges, as Tesseract expects of print
    for (let yy = 0; yy < at.height; yy++) {
      const sy = Math.min(n.ink.height - 1, ((yy + 0.5) * n.ink.height) / at.height - 0.5);
      const y0 = Math.max(0, Math.floor(sy));
      const y1 = Math.min(n.ink.height - 1, y0 + 1);
      const fy = Math.max(0, sy - y0);
      for (let xx = 0; xx < at.width; xx++) {
        const sx = Math.min(n.ink.width - 1, ((xx + 0.5) * n.ink.width) / at.width - 0.5);
        const x0 = Math.max(0, Math.floor(sx));
        const x1 = Math.min(n.ink.width - 1, x0 + 1);
        const fx = Math.max(0, sx - x0);
        const px = (X: number, Y: number) => img.data[(n.ink.top + Y) * img.width + n.ink.left + X]!;
        const v = (px(x0, y0) * (1 - fx) + px(x1, y0) * fx) * (1 - fy) + (px(x0, y1) * (1 - fx) + px(x1, y1) * fx) * fy;
        sheet.data[(at.top + yy) * sheet.width + at.left + xx] = Math.round(v);
      }
    }
  }
  return sheet;
}

/** read every box of the page in one pass; fills each box's `chars` (in page coordinates) */
export async function readDigits(engine: OcrEngine, img: Gray, lines: DigitBox[][]): Promise<void> {
  const rows = lines.filter((l) => l.length);
  if (!rows.length) return;
  const got = await engine.digits(digitSheet(img, rows));
  for (const n of rows.flat()) {
    const at = n.at!;
    const s = at.width / n.ink.width;
    const px = (x: number) => n.ink.left + (x - at.left) / s;
    const py = (y: number) => n.ink.top + (y - at.top) / s;
    n.chars = got
      .filter((w) => inside(center(w), { left: at.left - 6, top: at.top - 6, width: at.width + 12, height: at.height + 12 }))
      .sort((a, b) => a.x0 - b.x0)
      .map((w) => ({ ...w, x0: px(w.x0), x1: px(w.x1), y0: py(w.y0), y1: py(w.y1) }));
  }
}

/** a box's characters as one reading: its text, and the least confidence of its characters (0 when none) */
export function reading(chars: OcrWord[]): { text: string; confidence: number } {
  return { text: chars.map((w) => w.text).join(''), confidence: chars.length ? Math.min(...chars.map((w) => w.confidence)) : 0 };
}

/**
 * A box's characters split where a gap wider than a digit lies between them, or where the
 * print changes size (a number is set in one font): Tesseract's Chinese pass joins the
 * numbers of neighbouring columns of a table without rules into one word (`15 95` read as
 * `1595`); the page tells them apart.
 */
export function splitAtGaps(chars: OcrWord[]): OcrWord[][] {
  const out: OcrWord[][] = [];
  for (const c of chars) {
    const cur = out[out.length - 1];
    const prev = cur?.[cur.length - 1];
    const h = Math.max(c.y1 - c.y0, prev ? prev.y1 - prev.y0 : 0, 8);
    const ch = c.y1 - c.y0;
    const ph = prev ? prev.y1 - prev.y0 : ch;
    const sameSize = Math.max(ch, ph) <= Math.min(ch, ph) * 1.3 + 1;
    if (cur && prev && c.x0 - prev.x1 <= h * 0.8 && sameSize) cur.push(c);
    else out.push([c]);
  }
  return out;
}

/**
 * The box of the ink of a word, grown sideways over ink close beside it: a digit Tesseract
 * left out of the word (its box then ends short of it) is read with it, not lost. Never into
 * `stop` (the neighbouring words' boxes).
 */
export function wordInk(img: Gray, w: Rect, stop: Rect[]): Rect | null {
  const top = Math.max(0, w.top - 2);
  const bottom = Math.min(img.height, w.top + w.height + 2);
  const inkCol = (x: number) => {
    for (let y = top; y < bottom; y++) if (img.data[y * img.width + x]! < INK) return true;
    return false;
  };
  const blocked = (x: number) => stop.some((s) => x >= s.left && x < s.left + s.width && s.top < bottom && s.top + s.height > top);
  const reach = Math.max(6, Math.round(w.height * 0.6));
  let left = w.left;
  let right = w.left + w.width - 1;
  for (let gap = 0, x = left - 1; x >= 0 && gap <= reach && !blocked(x); x--) {
    if (inkCol(x)) [left, gap] = [x, 0];
    else gap++;
  }
  for (let gap = 0, x = right + 1; x < img.width && gap <= reach && !blocked(x); x++) {
    if (inkCol(x)) [right, gap] = [x, 0];
    else gap++;
  }
  // the ink's own top and bottom inside the grown box
  let y0 = -1;
  let y1 = -1;
  let n = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = left; x <= right; x++) {
      if (img.data[y * img.width + x]! >= INK) continue;
      n++;
      if (y0 < 0) y0 = y;
      y1 = y;
    }
  }
  if (n < 12) return null;
  const pad = 3;
  const l = Math.max(0, left - pad);
  const t = Math.max(0, y0 - pad);
  return { left: l, top: t, width: Math.min(img.width, right + pad + 1) - l, height: Math.min(img.height, y1 + pad + 1) - t };
}

/** below this a reading is read a second time, alone on its line */
const RE_READ = 90;

/**
 * Numbers the first pass was unsure of, read again each on a line of its own (Tesseract
 * weighs a line as a whole; alone, a lone 0 beside wide gaps is read with its own certainty).
 * Two readings that agree are as sure as the surer; two that differ are not trusted at all;
 * nothing read the second time leaves the first as it was.
 */
export async function rereadDoubtful(engine: OcrEngine, img: Gray, boxes: DigitBox[]): Promise<void> {
  const doubtful = boxes.filter((b) => b.chars?.length && reading(b.chars).confidence < RE_READ);
  if (!doubtful.length) return;
  const again = doubtful.map((b) => ({ ink: b.ink }) as DigitBox);
  await readDigits(engine, img, again.map((b) => [b]));
  doubtful.forEach((b, i) => {
    const second = again[i]!.chars ?? [];
    // nothing read alone says nothing either way
    if (!second.length) return;
    const agree = reading(second).text === reading(b.chars!).text;
    b.chars = b.chars!.map((c, k) => ({ ...c, confidence: agree ? Math.max(c.confidence, second[k]!.confidence) : 0 }));
  });
}
