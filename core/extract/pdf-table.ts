/**
 * A bordered table on a PDF page → the grid Word would paste. The rules of the page are
 * grouped into tables; each table's distinct rule positions cut it into slots; slots not
 * parted by a rule are one (merged) cell; each text item goes to the cell its box sits in.
 * So a row's label, wrapped onto three lines, and its numbers, centred beside the second,
 * land in the same row band — the row is the space between two rules, not a line of text.
 *
 * Flag, never shift: an item that straddles a border is in no cell for sure; it is left out
 * (its cell stays, empty, so the reader flags the row) rather than given to a neighbour.
 */
import type { GridCell } from './grid.ts';
import type { HRule, Rules, VRule } from './pdf-rules.ts';

/** a text item on the page: x to the right, y (its baseline) downwards, in points */
export interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

export interface PageTable {
  top: number;
  bottom: number;
  /** the grid, merges expanded as Word pastes them (see grid.ts) */
  grid: GridCell[][];
  /** the items placed in the table, or left out of it for being on a border */
  used: Set<Item>;
}

/** rules closer than this (points) are one */
const SAME = 1.5;
/** an item whose box reaches this share of its size past its cell's border straddles it */
const STRADDLE = 0.3;

/** the glyph box of an item: the baseline is near the bottom of a CJK glyph */
const box = (it: Item) => ({ x0: it.x, x1: it.x + it.width, y0: it.y - 0.85 * it.size, y1: it.y + 0.15 * it.size });

function distinct(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) if (!out.length || v - out[out.length - 1]! > SAME) out.push(v);
  return out;
}

/** the rules that touch each other, as groups: one group a table */
function groups(rules: Rules): Rules[] {
  const all: (HRule | VRule)[] = [...rules.h, ...rules.v];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const nh = rules.h.length;
  rules.h.forEach((h, i) =>
    rules.v.forEach((v, j) => {
      if (v.x >= h.x0 - SAME && v.x <= h.x1 + SAME && h.y >= v.y0 - SAME && h.y <= v.y1 + SAME) parent[find(i)] = find(nh + j);
    }),
  );
  const by = new Map<number, Rules>();
  all.forEach((r, i) => {
    const g = by.get(find(i)) ?? { h: [], v: [] };
    by.set(find(i), g);
    if ('y' in r) g.h.push(r);
    else g.v.push(r);
  });
  return [...by.values()];
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
/** a cell's lines as one text: wrapped Chinese joins with nothing, words with a space */
export function joinLines(lines: string[]): string {
  let out = '';
  for (const l of lines.map(clean).filter(Boolean)) {
    out += out && /[A-Za-z]$/.test(out) && /^[A-Za-z]/.test(l) ? ' ' + l : l;
  }
  return out;
}

/**
 * The bordered tables of a page. `lines` turns a cell's items into its lines of text (the
 * page's own line builder, so a cell reads as the page does).
 */
export function pageTables(items: Item[], rules: Rules, lines: (items: Item[]) => string[]): PageTable[] {
  const out: PageTable[] = [];
  for (const g of groups(rules)) {
    const ys = distinct(g.h.map((h) => h.y));
    const xs = distinct(g.v.map((v) => v.x));
    // a table has at least two rows and two columns; a lone underline or frame is none
    if (ys.length < 3 || xs.length < 3) continue;
    const rows = ys.length - 1;
    const cols = xs.length - 1;
    const hAt = (r: number, x: number) => g.h.some((h) => Math.abs(h.y - ys[r]!) <= SAME && x >= h.x0 - SAME && x <= h.x1 + SAME);
    const vAt = (c: number, y: number) => g.v.some((v) => Math.abs(v.x - xs[c]!) <= SAME && y >= v.y0 - SAME && y <= v.y1 + SAME);
    const midX = (c: number) => (xs[c]! + xs[c + 1]!) / 2;
    const midY = (r: number) => (ys[r]! + ys[r + 1]!) / 2;
    // cells: from each free slot, across while no rule parts the slots, then down
    const owner: number[][] = Array.from({ length: rows }, () => Array<number>(cols).fill(-1));
    const cells: { r: number; c: number; h: number; w: number; items: Item[] }[] = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        if (owner[r]![c]! >= 0) continue;
        let w = 1;
        while (c + w < cols && owner[r]![c + w]! < 0 && !vAt(c + w, midY(r))) w++;
        let h = 1;
        while (r + h < rows && Array.from({ length: w }, (_, k) => c + k).every((k) => owner[r + h]![k]! < 0 && !hAt(r + h, midX(k)))) h++;
        for (let i = r; i < r + h; i++) for (let k = c; k < c + w; k++) owner[i]![k] = cells.length;
        cells.push({ r, c, h, w, items: [] });
      }
    }
    const used = new Set<Item>();
    const [top, bottom, left, right] = [ys[0]!, ys[rows]!, xs[0]!, xs[cols]!];
    for (const it of items) {
      const b = box(it);
      const cx = (b.x0 + b.x1) / 2;
      const cy = (b.y0 + b.y1) / 2;
      if (cx < left || cx > right || cy < top || cy > bottom) continue;
      used.add(it);
      const r = ys.findIndex((y, i) => i < rows && cy >= y && cy <= ys[i + 1]!);
      const c = xs.findIndex((x, i) => i < cols && cx >= x && cx <= xs[i + 1]!);
      if (r < 0 || c < 0) continue;
      const cell = cells[owner[r]![c]!]!;
      const over = STRADDLE * it.size;
      const inside = b.y0 >= ys[cell.r]! - over && b.y1 <= ys[cell.r + cell.h]! + over && b.x0 >= xs[cell.c]! - over && b.x1 <= xs[cell.c + cell.w]! + over;
      if (inside) cell.items.push(it);
    }
    // A grid column no cell has alone is a seam (borders of two rows that do not line up),
    // not a column of the table: dropped, as the .docx reader drops it.
    const own = new Set(cells.filter((c) => c.w === 1).map((c) => c.c));
    const kept = (c: number, w: number) => Math.max(1, Array.from({ length: w }, (_, k) => c + k).filter((k) => own.has(k)).length);
    const grid: GridCell[][] = Array.from({ length: rows }, () => []);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; ) {
        const cell = cells[owner[r]![c]!]!;
        // the first row of a cell has its text; the rows below it, merged down, are empty
        grid[r]!.push({ text: cell.r === r ? joinLines(lines(cell.items)) : '' });
        for (let k = 1; k < kept(cell.c, cell.w); k++) grid[r]!.push({ text: '', beside: true });
        c = cell.c + cell.w;
      }
    }
    out.push({ top, bottom, grid, used });
  }
  return out.sort((a, b) => a.top - b.top);
}
