/** Which row of the format a label names: by distinctive fragment, never by exact equality. */
import type { GridRow } from '../format/cells.ts';

/**
 * labels repeat from report to report (they come from one template): remember the answers.
 * Each label is a new string, whose hash a Map keyed by it would compute over all its
 * characters: the answers are filed by a digest of its length and end characters, and the
 * few labels of one digest compared whole.
 */
interface Memo {
  byDigest: Map<number, { label: string; row: GridRow | null }[]>;
  size: number;
}
const memo = new WeakMap<GridRow[], Memo>();
const MEMO_LIMIT = 20_000;

/** a small integer (a V8 Smi, below 2^30) of the label's length, first and last characters */
const digest = (label: string) => (label.length & 0x3fff) * 0x10000 + ((label.charCodeAt(0) * 31 + label.charCodeAt(label.length - 1)) & 0xffff);

/** the grid row a label names, or null; the longest matching fragment wins */
export function matchLabel(label: string, grid: GridRow[]): GridRow | null {
  if (!label) return null;
  let known = memo.get(grid);
  if (!known) memo.set(grid, (known = { byDigest: new Map(), size: 0 }));
  const d = digest(label);
  let filed = known.byDigest.get(d);
  if (filed) for (const f of filed) if (f.label === label) return f.row;
  const row = search(label, grid);
  if (known.size >= MEMO_LIMIT) {
    known.byDigest.clear();
    known.size = 0;
    filed = undefined;
  }
  if (!filed) known.byDigest.set(d, (filed = []));
  filed.push({ label, row });
  known.size++;
  return row;
}

function search(label: string, grid: GridRow[]): GridRow | null {
  let best: GridRow | null = null;
  let bestLen = 0;
  for (const g of grid) {
    const def = g.def;
    if (!def) continue;
    if (def.exclude?.some((re) => re.test(label))) continue;
    for (const re of def.match) {
      const m = re.exec(label);
      if (m && m[0].length > bestLen) {
        best = g;
        bestLen = m[0].length;
      }
    }
  }
  return best;
}
