/** Which row of the format a label names: by distinctive fragment, never by exact equality. */
import type { GridRow } from '../format/cells.ts';

/** labels repeat from report to report (they come from one template): remember the answers */
const memo = new WeakMap<GridRow[], Map<string, GridRow | null>>();
const MEMO_LIMIT = 20_000;

/** the grid row a label names, or null; the longest matching fragment wins */
export function matchLabel(label: string, grid: GridRow[]): GridRow | null {
  if (!label) return null;
  let known = memo.get(grid);
  if (!known) memo.set(grid, (known = new Map()));
  const hit = known.get(label);
  if (hit !== undefined) return hit;
  const found = search(label, grid);
  if (known.size >= MEMO_LIMIT) known.clear();
  known.set(label, found);
  return found;
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
