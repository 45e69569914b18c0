/**
 * A scanned page as a grayscale bitmap: straightened, its table rules found and wiped (so
 * Tesseract sees characters, not lines read as 1 or |), and each table's grid of cells,
 * merged cells included (a slot joins its neighbour where the rule between them is missing).
 * Pure arithmetic on bytes: runs in node and in a web worker alike.
 */

/** 8-bit gray, row by row, 0 black … 255 white */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

const INK = 150;

/** rotate by `deg` about the centre (nearest neighbour, white outside) */
export function rotate(g: Gray, deg: number): Gray {
  const a = (deg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = g.width / 2;
  const cy = g.height / 2;
  const out = new Uint8Array(g.width * g.height).fill(255);
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      const dx = x - cx;
      const dy = y - cy;
      const sx = Math.round(cx + dx * cos - dy * sin);
      const sy = Math.round(cy + dx * sin + dy * cos);
      if (sx >= 0 && sy >= 0 && sx < g.width && sy < g.height) out[y * g.width + x] = g.data[sy * g.width + sx]!;
    }
  }
  return { width: g.width, height: g.height, data: out };
}

/**
 * The skew in degrees (within ±3°): the angle at which the dark pixels' rows are most
 * peaked — table rules and text lines line up with the pixel rows when the page is straight.
 */
export function skewAngle(g: Gray): number {
  // sample a quarter of the columns; ink pixels only
  const pts: number[] = [];
  for (let y = 0; y < g.height; y += 2) for (let x = 0; x < g.width; x += 4) if (g.data[y * g.width + x]! < INK) pts.push(x, y);
  const score = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    const bins = new Float64Array(g.height + g.width);
    for (let i = 0; i < pts.length; i += 2) {
      const b = Math.round(pts[i + 1]! - pts[i]! * t + g.width / 2);
      if (b >= 0 && b < bins.length) bins[b]!++;
    }
    let s = 0;
    for (const v of bins) s += v * v;
    return s;
  };
  let best = 0;
  let bestScore = score(0);
  for (let d = -3; d <= 3.001; d += 0.25) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  for (let d = best - 0.2; d <= best + 0.2001; d += 0.05) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  return Math.abs(best) < 0.05 ? 0 : best;
}

const dark = (g: Gray, x: number, y: number) => g.data[y * g.width + x]! < INK;
/**
 * a pixel of a table rule: lighter than text ink counts — a browser prints a one-pixel
 * border as a gray line at 150 dpi (about 190), and only long runs of it make a rule
 */
const RULE_INK = 215;
const ruled = (g: Gray, x: number, y: number) => g.data[y * g.width + x]! < RULE_INK;

/** the longest run of `hit` over a..b, gaps of up to two pixels bridged (a scanned rule is broken here and there) */
function longestRun(a: number, b: number, hit: (i: number) => boolean): number {
  let best = 0;
  let run = 0;
  let gap = 0;
  for (let i = a; i < b; i++) {
    if (hit(i)) {
      run += gap + 1;
      gap = 0;
    } else if (run && gap < 2) gap++;
    else {
      run = 0;
      gap = 0;
    }
    if (run > best) best = run;
  }
  return best;
}

/** the longest run of ink along a row (x0..x1), a pixel above or below counting too */
const rowRun = (g: Gray, y: number, x0: number, x1: number): number =>
  longestRun(x0, x1, (x) => ruled(g, x, y) || (y > 0 && ruled(g, x, y - 1)) || (y + 1 < g.height && ruled(g, x, y + 1)));

/** the same down a column (y0..y1), a pixel left or right counting too */
const colRun = (g: Gray, x: number, y0: number, y1: number): number =>
  longestRun(y0, y1, (y) => ruled(g, x, y) || (x > 0 && ruled(g, x - 1, y)) || (x + 1 < g.width && ruled(g, x + 1, y)));

/** positions where `hit` holds, neighbours grouped into one line at their middle */
function groups(n: number, hit: (i: number) => boolean): { at: number; from: number; to: number }[] {
  const out: { at: number; from: number; to: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (!hit(i)) continue;
    const last = out[out.length - 1];
    if (last && i - last.to <= 2) last.to = i;
    else out.push({ at: i, from: i, to: i });
  }
  for (const g of out) g.at = Math.round((g.from + g.to) / 2);
  return out;
}

/**
 * the share of ink along a segment, anywhere across the rule's width (`reach` pixels either
 * side of its middle, and two of slack): rules of one table's sub-tables need not line up
 * to the pixel, and the grid's rule is the middle of them all
 */
function inkShare(g: Gray, horizontal: boolean, at: number, reach: number, from: number, to: number): number {
  let ink = 0;
  let n = 0;
  for (let i = from; i < to; i++, n++) {
    for (let d = -reach - 2; d <= reach + 2; d++) {
      const x = horizontal ? i : at + d;
      const y = horizontal ? at + d : i;
      if (x >= 0 && y >= 0 && x < g.width && y < g.height && ruled(g, x, y)) {
        ink++;
        break;
      }
    }
  }
  return n ? ink / n : 0;
}

/**
 * a vertical rule at x crosses the band between two horizontal rules from one to the other: a
 * character's stroke never does (cells have padding), however tall the glyph — a rule
 * that only had to be long took the strokes of big bold characters for columns
 */
const spans = (g: Gray, x: number, y0: number, y1: number): boolean => colRun(g, x, y0, y1) >= (y1 - y0) * 0.85;

/** a table on the page: its rules, and per slot the id of the cell covering it */
export interface TableGrid {
  ys: number[];
  xs: number[];
  /** cell[r][c]: the top-left slot's "r,c" of the merged cell covering slot (r, c) */
  owner: string[][];
  box: Rect;
}

/**
 * The tables of a page: horizontal rules (a run of ink over a quarter of the page width),
 * grouped into tables where vertical rules join them; the vertical rules of each table;
 * slots merged where the rule between them is missing. Wipes every rule it found from `g`.
 */
export function findTables(g: Gray): TableGrid[] {
  const minH = Math.round(g.width * 0.25);
  const hs = groups(g.height, (y) => rowRun(g, y, 0, g.width) >= minH);
  const tables: TableGrid[] = [];
  let i = 0;
  while (i < hs.length - 1) {
    // extend the table while the band between two rules is crossed by vertical rules at both ends
    let j = i;
    const band = (a: number, b: number) => groups(g.width, (x) => spans(g, x, hs[a]!.at, hs[b]!.at));
    while (j + 1 < hs.length && band(j, j + 1).length >= 2) j++;
    if (j > i) {
      const ys = hs.slice(i, j + 1).map((h) => h.at);
      const top = ys[0]!;
      const bottom = ys[ys.length - 1]!;
      const vs = groups(g.width, (x) => ys.slice(1).some((y, k) => spans(g, x, ys[k]!, y)));
      openEdges(g, ys, vs);
      const xs = vs.map((v) => v.at);
      const reach = (r: { from: number; to: number }) => Math.ceil((r.to - r.from) / 2);
      if (xs.length >= 2) tables.push(grid(g, ys, xs, hs.slice(i, j + 1).map(reach), vs.map(reach)));
    }
    i = j + 1;
  }
  for (const t of tables) wipe(g, t);
  return tables;
}

/** where the horizontal rule at y, followed from x in direction `dir`, ends (gaps of two pixels bridged) */
function ruleEnd(g: Gray, y: number, x: number, dir: 1 | -1): number {
  let end = x;
  for (let gap = 0; x >= 0 && x < g.width && gap <= 2; x += dir) {
    const hit = ruled(g, x, y) || (y > 0 && ruled(g, x, y - 1)) || (y + 1 < g.height && ruled(g, x, y + 1));
    if (hit) [end, gap] = [x, 0];
    else gap++;
  }
  return end;
}

/**
 * A table cut by the page's edge (a web page wider than the paper) has no outer rule on that
 * side, but its horizontal rules run on to where the paper ends: that end closes the last
 * column, which would otherwise be lost with every number in it.
 */
function openEdges(g: Gray, ys: number[], vs: { at: number; from: number; to: number }[]): void {
  if (vs.length < 2) return;
  const median = (a: number[]) => a.sort((p, q) => p - q)[Math.floor(a.length / 2)]!;
  const right = median(ys.map((y) => ruleEnd(g, y, vs[vs.length - 1]!.to, 1)));
  if (right - vs[vs.length - 1]!.to > 20) vs.push({ at: right, from: right, to: right });
  const left = median(ys.map((y) => ruleEnd(g, y, vs[0]!.from, -1)));
  if (vs[0]!.from - left > 20) vs.unshift({ at: left, from: left, to: left });
}

function grid(g: Gray, ys: number[], xs: number[], yReach: number[], xReach: number[]): TableGrid {
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    const p = parent.get(k) ?? k;
    if (p === k) return k;
    const r = find(p);
    parent.set(k, r);
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    // the top-left slot owns the cell
    const [ar, ac] = ra.split(',').map(Number) as [number, number];
    const [br, bc] = rb.split(',').map(Number) as [number, number];
    if (ar < br || (ar === br && ac < bc)) parent.set(rb, ra);
    else parent.set(ra, rb);
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const pad = 3;
      if (c + 1 < cols && inkShare(g, false, xs[c + 1]!, xReach[c + 1]!, ys[r]! + pad, ys[r + 1]! - pad) < 0.6) union(`${r},${c}`, `${r},${c + 1}`);
      if (r + 1 < rows && inkShare(g, true, ys[r + 1]!, yReach[r + 1]!, xs[c]! + pad, xs[c + 1]! - pad) < 0.6) union(`${r},${c}`, `${r + 1},${c}`);
    }
  }
  const owner = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => find(`${r},${c}`)));
  return { ys, xs, owner, box: { left: xs[0]!, top: ys[0]!, width: xs[cols]! - xs[0]!, height: ys[rows]! - ys[0]! } };
}

/** paint the rules white, a few pixels wide */
function wipe(g: Gray, t: TableGrid): void {
  const w = 3;
  for (const y of t.ys) for (let yy = Math.max(0, y - w); yy <= Math.min(g.height - 1, y + w); yy++) g.data.fill(255, yy * g.width + t.box.left - w, yy * g.width + t.box.left + t.box.width + w + 1);
  for (const x of t.xs) {
    for (let y = t.box.top - w; y <= t.box.top + t.box.height + w; y++) {
      if (y < 0 || y >= g.height) continue;
      for (let xx = Math.max(0, x - w); xx <= Math.min(g.width - 1, x + w); xx++) g.data[y * g.width + xx] = 255;
    }
  }
}

/** the bounding box of the merged cell owned by slot (r, c) */
export function cellRect(t: TableGrid, r: number, c: number): Rect {
  const id = t.owner[r]![c]!;
  let r1 = r;
  let c1 = c;
  while (r1 + 1 < t.owner.length && t.owner[r1 + 1]![c] === id) r1++;
  while (c1 + 1 < t.owner[r]!.length && t.owner[r]![c1 + 1] === id) c1++;
  return { left: t.xs[c]!, top: t.ys[r]!, width: t.xs[c1 + 1]! - t.xs[c]!, height: t.ys[r1 + 1]! - t.ys[r]! };
}

/** the box of the ink inside a rectangle (shrunk by a margin, so rule remnants stay out), padded; null when nothing is written there */
export function inkBox(g: Gray, r: Rect, margin = 5): Rect | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  let n = 0;
  for (let y = r.top + margin; y < r.top + r.height - margin; y++) {
    for (let x = r.left + margin; x < r.left + r.width - margin; x++) {
      if (!dark(g, x, y)) continue;
      n++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  // a speck is dust, not a digit
  if (n < 12) return null;
  const pad = 3;
  const left = Math.max(0, x0 - pad);
  const top = Math.max(0, y0 - pad);
  return { left, top, width: Math.min(g.width, x1 + pad + 1) - left, height: Math.min(g.height, y1 + pad + 1) - top };
}

/**
 * Wipe underlines inside a rectangle: a run of ink longer than any digit's stroke (at 150 dpi
 * a digit is about 13 pixels wide). Pages saved from the web underline every linked number.
 */
export function wipeUnderlines(g: Gray, r: Rect, minRun = 18): void {
  for (let y = Math.max(0, r.top); y < Math.min(g.height, r.top + r.height); y++) {
    let start = -1;
    for (let x = Math.max(0, r.left); x <= Math.min(g.width, r.left + r.width); x++) {
      const ink = x < r.left + r.width && x < g.width && dark(g, x, y);
      if (ink && start < 0) start = x;
      if (!ink && start >= 0) {
        if (x - start >= minRun) g.data.fill(255, y * g.width + start, y * g.width + x);
        start = -1;
      }
    }
  }
}

/** wipe a thin band of ink below the rest, apart from it: the underline of a short number */
export function wipeLowBand(g: Gray, r: Rect, margin = 5): void {
  const bands: { from: number; to: number }[] = [];
  for (let y = r.top + margin; y < r.top + r.height - margin; y++) {
    let ink = false;
    for (let x = r.left + margin; x < r.left + r.width - margin && !ink; x++) ink = dark(g, x, y);
    if (!ink) continue;
    const last = bands[bands.length - 1];
    if (last && last.to === y - 1) last.to = y;
    else bands.push({ from: y, to: y });
  }
  const low = bands[bands.length - 1];
  if (bands.length < 2 || !low || low.to - low.from > 3) return;
  for (let y = low.from; y <= low.to; y++) g.data.fill(255, y * g.width + r.left + margin, y * g.width + r.left + r.width - margin);
}
