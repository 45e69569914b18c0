/**
 * Reading the paint of a rendered sheet, cell by cell, without knowing the page geometry.
 *
 * The same workbook is rendered twice by LibreOffice: as written, and as a marker copy in
 * which the cells to look at have lost their conditional formats and carry each a fill of
 * its own colour. Fills change no geometry, so a pixel that shows a cell's marker colour
 * in the copy is a pixel of that cell's background in the real page (text is the same in
 * both, and the anti-aliased edges of glyphs are never exactly a marker colour in bulk).
 * The real page's colour there is the cell's paint as a reader sees it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Image {
  width: number;
  height: number;
  /** RGB, row after row */
  data: Uint8Array;
}

/** a binary PPM (P6, maxval 255) as pdftoppm writes it */
export function readPpm(buf: Uint8Array): Image {
  let pos = 0;
  const token = (): string => {
    for (;;) {
      while (/\s/.test(String.fromCharCode(buf[pos]!))) pos++;
      if (buf[pos] === 0x23) while (buf[pos] !== 0x0a) pos++;
      else break;
    }
    let s = '';
    while (!/\s/.test(String.fromCharCode(buf[pos]!))) s += String.fromCharCode(buf[pos++]!);
    return s;
  };
  if (token() !== 'P6') throw new Error('not a binary PPM');
  const width = Number(token());
  const height = Number(token());
  if (token() !== '255') throw new Error('PPM maxval is not 255');
  pos++;
  return { width, height, data: buf.subarray(pos, pos + width * height * 3) };
}

/** every page of a PDF as pixels, at a resolution */
export function rasterize(pdf: string, dpi: number): Image[] {
  const dir = mkdtempSync(join(tmpdir(), 'gouji-ppm-'));
  try {
    execFileSync('pdftoppm', ['-r', String(dpi), pdf, join(dir, 'p')], { timeout: 600_000 });
    return readdirSync(dir)
      .filter((f) => f.endsWith('.ppm'))
      .sort((a, b) => Number(/(\d+)\.ppm$/.exec(a)![1]) - Number(/(\d+)\.ppm$/.exec(b)![1]))
      .map((f) => readPpm(new Uint8Array(readFileSync(join(dir, f)))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const LEVELS = [0, 42, 85, 128, 170, 213, 255];
/** marker colours: no grey (text and its anti-aliasing are grey), so 7³ − 7 of them */
export const MARKERS: string[] = [];
for (const r of LEVELS) for (const g of LEVELS) for (const b of LEVELS) if (!(r === g && g === b)) MARKERS.push([r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase());

const key = (d: Uint8Array, i: number) => (d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!;

export interface Seen {
  /** page index */
  page: number;
  /** background pixels of the cell */
  pixels: number;
  /** the colour most of them have in the real render, as RRGGBB */
  colour: string;
  /** the share of the pixels with that colour */
  share: number;
}

/**
 * For each marker colour (RRGGBB) used in the marker render, the real render's colour at
 * that cell's background. A marker found on no page, or on too few pixels, is absent.
 */
export function readPaint(real: Image[], marked: Image[], markers: string[], minPixels = 40): Map<string, Seen> {
  if (real.length !== marked.length) throw new Error(`the two renders have ${real.length} and ${marked.length} pages`);
  const wanted = new Map(markers.map((m) => [parseInt(m, 16), m]));
  const out = new Map<string, Seen>();
  marked.forEach((img, page) => {
    const r = real[page]!;
    if (r.width !== img.width || r.height !== img.height) throw new Error(`page ${page + 1} differs in size between the renders`);
    const found = new Map<number, Map<number, number>>();
    for (let i = 0; i < img.data.length; i += 3) {
      const k = key(img.data, i);
      if (!wanted.has(k)) continue;
      const counts = found.get(k) ?? new Map<number, number>();
      const c = key(r.data, i);
      counts.set(c, (counts.get(c) ?? 0) + 1);
      found.set(k, counts);
    }
    for (const [k, counts] of found) {
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      if (total < minPixels) continue;
      const [colour, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
      const prev = out.get(wanted.get(k)!);
      // a cell on two pages (a repeated title row) counts where it has most pixels
      if (!prev || prev.pixels < total) out.set(wanted.get(k)!, { page, pixels: total, colour: colour.toString(16).padStart(6, '0').toUpperCase(), share: n / total });
    }
  });
  return out;
}

/** two colours (RRGGBB) within a few steps per channel */
export function near(a: string, b: string, tolerance = 3): boolean {
  for (let i = 0; i < 6; i += 2) if (Math.abs(parseInt(a.slice(i, i + 2), 16) - parseInt(b.slice(i, i + 2), 16)) > tolerance) return false;
  return true;
}
