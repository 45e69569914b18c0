/** Pure helpers for the Office.js writer and reader: rectangles of cells, bounding boxes, batches sized to the request limit. */
import { addr, columnLetter, parseAddress, type Address } from '../../core/sheet/model.ts';

export interface Rect {
  c1: number;
  r1: number;
  c2: number;
  r2: number;
}

export const rectAddress = (q: Rect): string => (q.c1 === q.c2 && q.r1 === q.r2 ? addr(q.c1, q.r1) : `${addr(q.c1, q.r1)}:${addr(q.c2, q.r2)}`);

/** cells gathered into rectangles: runs along a row, then equal runs straight below each other */
export function rectangles(addresses: Iterable<Address>): Rect[] {
  const points = [...addresses].map(parseAddress).sort((a, b) => a.row - b.row || a.col - b.col);
  const runs: Rect[] = [];
  for (const p of points) {
    const last = runs[runs.length - 1];
    if (last && last.r1 === p.row && last.c2 + 1 === p.col) last.c2 = p.col;
    else runs.push({ c1: p.col, c2: p.col, r1: p.row, r2: p.row });
  }
  const open = new Map<string, Rect>();
  const rects: Rect[] = [];
  for (const run of runs) {
    const key = `${run.c1}:${run.c2}`;
    const above = open.get(key);
    if (above && above.r2 + 1 === run.r1) above.r2 = run.r1;
    else {
      const q = { ...run };
      rects.push(q);
      open.set(key, q);
    }
  }
  return rects;
}

/** runs of equal values over consecutive indices: [[from, to, value]] */
export function runsOf<T>(entries: [number, T][]): [number, number, T][] {
  const sorted = [...entries].sort((a, b) => a[0] - b[0]);
  const out: [number, number, T][] = [];
  for (const [i, v] of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] + 1 === i && last[2] === v) last[1] = i;
    else out.push([i, i, v]);
  }
  return out;
}

export const columnsAddress = (c1: number, c2: number): string => `${columnLetter(c1)}:${columnLetter(c2)}`;
export const rowsAddress = (r1: number, r2: number): string => `${r1}:${r2}`;

/** bytes a value takes in the JSON of a request (UTF-8: three bytes for a Chinese character) */
export function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v) ?? '';
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) n += c > 0x7ff ? 2 : 1;
  }
  return n;
}
