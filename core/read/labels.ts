/** Which row of the format a label names: by distinctive fragment, never by exact equality. */
import type { GridRow } from '../format/cells.ts';

/** the grid row a label names, or null; the longest matching fragment wins */
export function matchLabel(label: string, grid: GridRow[]): GridRow | null {
  if (!label) return null;
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
