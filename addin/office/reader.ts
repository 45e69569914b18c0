/**
 * The open workbook → Reports, through Office.js: the reverse path of core/xlsx/read.ts, on
 * the values Office.js gives (numbers, text, '' for an empty cell). A standard sheet is known
 * by its marker; its cells are found with the same layout map the writer used, and a sheet
 * whose labels moved (rows or columns inserted or deleted) is reported, not misread.
 */
import { FORMAT_IDS } from '../../core/format/types.ts';
import type { Report } from '../../core/report.ts';
import { MARKER_COL, standardLayout } from '../../core/sheet/layout.ts';
import { columnLetter, parseAddress } from '../../core/sheet/model.ts';
import { readStandardSheet, sourceLines as linesFromRows, type SheetRead, type Shown } from '../../core/sheet/readback.ts';
import { SOURCE_SHEET } from '../../core/sheet/source.ts';
import type { XlContext, XlRange } from './api.ts';

/** every cell a standard sheet of either format uses lies in A1:Q<this> */
export const READ_ROWS = Math.max(...FORMAT_IDS.map((f) => standardLayout(f).lastRow));
export const READ_RANGE = `A1:${columnLetter(MARKER_COL)}${READ_ROWS}`;

export interface SheetReport {
  sheet: string;
  report: Report;
}

export type { SheetRead };

type Grid = unknown[][];

/** Office.js gives numbers, text, and '' for an empty cell */
const shown = (v: unknown): Shown => (typeof v === 'number' ? (Number.isFinite(v) ? v : null) : typeof v === 'string' ? (v === '' ? null : v) : null);
const at = (grid: Grid, a: string): Shown => {
  const p = parseAddress(a);
  return shown(grid[p.row - 1]?.[p.col - 1]);
};

/** one sheet's values (from A1, at least READ_RANGE) → what it is */
export function readSheetValues(sheet: string, grid: Grid, lines: string[]): SheetRead {
  return readStandardSheet(sheet, (a) => at(grid, a), lines, `当前工作簿#${sheet}`);
}

/** a sheet's original lines from the 原文 sheet's values */
export function sourceLines(grid: Grid, sheet: string): string[] {
  return linesFromRows(grid.slice(1).map((row) => [shown(row[0]), shown(row[1]), shown(row[2])] as [Shown, Shown, Shown]), sheet);
}

/** the 原文 sheet's values from A1 (its used range may start lower) */
function sourceGrid(used: XlRange): Grid {
  if (used.isNullObject) return [];
  const pad = Array.from({ length: used.rowIndex }, () => [] as unknown[]);
  return [...pad, ...used.values.map((row) => [...Array(used.columnIndex).fill(''), ...row])];
}

export interface ActiveRead {
  read: SheetRead;
  syncs: number;
}

/** the active sheet, read back in one sync */
export async function readActiveSheet(ctx: XlContext): Promise<ActiveRead> {
  const ws = ctx.workbook.worksheets.getActiveWorksheet();
  ws.load('name');
  const values = ws.getRange(READ_RANGE);
  values.load('values');
  const source = ctx.workbook.worksheets.getItemOrNullObject(SOURCE_SHEET).getUsedRangeOrNullObject(true);
  source.load('values,rowIndex,columnIndex');
  await ctx.sync();
  return { read: readSheetValues(ws.name, values.values, sourceLines(sourceGrid(source), ws.name)), syncs: 1 };
}

export interface WorkbookRead {
  /** every sheet's name, in order */
  names: string[];
  reads: SheetRead[];
  /** each sheet's values over READ_RANGE, in the same order */
  grids: unknown[][][];
  syncs: number;
}

/** every sheet of the workbook in two syncs, however many there are: the names, then all the values in one batch */
export async function readAllSheets(ctx: XlContext): Promise<WorkbookRead> {
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name');
  await ctx.sync();
  const names = sheets.items.map((s) => s.name);
  const ranges = names.map((n) => {
    const r = sheets.getItem(n).getRange(READ_RANGE);
    r.load('values');
    return r;
  });
  const source = sheets.getItemOrNullObject(SOURCE_SHEET).getUsedRangeOrNullObject(true);
  source.load('values,rowIndex,columnIndex');
  await ctx.sync();
  const src = sourceGrid(source);
  const grids = ranges.map((r) => r.values);
  const reads = names.map((n, i) => readSheetValues(n, grids[i]!, sourceLines(src, n)));
  return { names, reads, grids, syncs: 2 };
}
