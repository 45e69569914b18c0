/**
 * Where the merged cells of a generated table sit, for the writers that draw merges the way
 * the source format does (HTML rowspan/colspan, WordprocessingML gridSpan/vMerge).
 */
import type { TCell, TTable } from './tablemodel.ts';

export interface Placed {
  cell: TCell;
  /** first grid column */
  col: number;
  /** rows the cell covers, counting its own (1 for a cell not merged downwards) */
  rows: number;
}

/** each row's cells with their grid column and, for the top of a vertical merge, its height */
export function placeCells(t: TTable): Placed[][] {
  const placed = t.rows.map((row) => {
    let col = 0;
    return row.cells.map((cell) => {
      const p = { cell, col, rows: 1 };
      col += cell.span;
      return p;
    });
  });
  placed.forEach((row, r) => {
    for (const p of row) {
      if (p.cell.cont) continue;
      let below = r + 1;
      while (below < placed.length && placed[below]!.some((q) => q.cell.cont && q.col === p.col)) below++;
      p.rows = below - r;
    }
  });
  return placed;
}
