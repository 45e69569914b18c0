/**
 * What a reader of the double's workbook sees on a sheet, whichever ExcelApi level wrote it:
 * contents, cell formats, merges, sizes, frozen panes, and the paint (each conditional format
 * flattened to one entry per range, in priority order). A format over two ranges written at
 * once (RangeAreas, 1.9) and the same format written range by range (1.7) paint the same
 * cells the same way only when their formula is the same for each range's top-left cell, so
 * the flattened view keeps the formula as written and the range it was written for.
 *
 * Page setup and the auto filter are ExcelApi 1.9 only, data validation 1.8: left out on purpose.
 */
import type { SheetState } from './excel-double.ts';

export interface SheetView {
  cells: [string, unknown][];
  formats: [string, unknown][];
  merges: string[];
  widths: [number, number][];
  heights: [number, number][];
  hidden: number[];
  freeze: unknown;
  paint: { range: string; formula: string; fill?: string; font?: string }[];
}

const sorted = <K, V>(m: Map<K, V>) => [...m].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0));

export function sheetView(s: SheetState): SheetView {
  return {
    cells: sorted(s.cells),
    formats: sorted(s.formats),
    merges: [...s.merges].sort(),
    widths: sorted(s.columnWidths),
    heights: sorted(s.rowHeights),
    hidden: [...s.hiddenColumns].sort((a, b) => a - b),
    freeze: s.freeze ?? null,
    // priority order: index 0 on top; a multi-range format's ranges in the order given
    paint: s.conditionalFormats.flatMap((f) => f.ranges.map((range) => ({ range, formula: f.formula, fill: f.fill, font: f.font }))),
  };
}
