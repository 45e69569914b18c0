/**
 * The open workbook → Reports, through Office.js: the reverse path of core/xlsx/read.ts, on
 * the values Office.js gives (numbers, text, '' for an empty cell). A standard sheet is known
 * by its marker; its cells are found with the same layout map the writer used, and a sheet
 * whose labels moved (rows or columns inserted or deleted) is reported, not misread.
 */
import { FORMAT_IDS, type CellId, type FormatId } from '../../core/format/types.ts';
import { Report, type Cell } from '../../core/report.ts';
import { LAYOUT_LABEL_STYLES, MARKER_COL, MARKER_PREFIX, standardLayout } from '../../core/sheet/layout.ts';
import { columnLetter, parseAddress } from '../../core/sheet/model.ts';
import { SOURCE_SHEET } from '../../core/sheet/source.ts';
import type { XlContext, XlRange } from './api.ts';

/** every cell a standard sheet of either format uses lies in A1:Q<this> */
export const READ_ROWS = Math.max(...FORMAT_IDS.map((f) => standardLayout(f).lastRow));
export const READ_RANGE = `A1:${columnLetter(MARKER_COL)}${READ_ROWS}`;

export interface SheetReport {
  sheet: string;
  report: Report;
}

export type SheetRead =
  | { kind: 'report'; sheet: string; report: Report }
  | { kind: 'moved'; sheet: string; message: string }
  | { kind: 'other'; sheet: string };

type Grid = unknown[][];

const at = (grid: Grid, a: string): unknown => {
  const p = parseAddress(a);
  return grid[p.row - 1]?.[p.col - 1] ?? '';
};
const numberOf = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const textOf = (v: unknown): string | null => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() || null : null);

function formatOf(grid: Grid): FormatId | null {
  const v = at(grid, `${columnLetter(MARKER_COL)}1`);
  if (typeof v !== 'string' || !v.startsWith(MARKER_PREFIX)) return null;
  const f = v.slice(MARKER_PREFIX.length).trim();
  return (FORMAT_IDS as readonly string[]).includes(f) ? (f as FormatId) : null;
}

/** the first template label that is not where the layout put it */
function moved(grid: Grid, format: FormatId): string | null {
  for (const [a, cell] of standardLayout(format).template.cells) {
    if (cell.content.kind !== 'text' || !cell.style || !LAYOUT_LABEL_STYLES.has(cell.style)) continue;
    const got = textOf(at(grid, a));
    if (got !== cell.content.text.trim()) return `${a} 应为“${cell.content.text}”，现为“${got ?? ''}”`;
  }
  return null;
}

/** one sheet's values (from A1, at least READ_RANGE) → what it is */
export function readSheetValues(sheet: string, grid: Grid, lines: string[]): SheetRead {
  const format = formatOf(grid);
  if (!format) return { kind: 'other', sheet };
  const change = moved(grid, format);
  if (change) {
    return { kind: 'moved', sheet, message: `工作表“${sheet}”的表格结构已被改动（${change}），无法按标准表读取：请不要在标准表中插入或删除行列。` };
  }
  const layout = standardLayout(format);
  const cells: Record<CellId, Cell> = {};
  for (const [id, a] of Object.entries(layout.addresses)) {
    const v = numberOf(at(grid, a));
    cells[id] = v === null ? { value: null, nullReason: 'blank' } : { value: v };
  }
  const year = numberOf(at(grid, layout.meta.year));
  const report = Report.parse({
    source: textOf(at(grid, layout.meta.source)) ?? `当前工作簿#${sheet}`,
    format,
    title: textOf(at(grid, layout.meta.title)),
    titleLine: null,
    unit: textOf(at(grid, layout.meta.unit)),
    year: year !== null && Number.isInteger(year) ? year : null,
    titleYear: null,
    cells,
    sections: [],
    ambiguous: {},
    lines,
  });
  return { kind: 'report', sheet, report };
}

/** a sheet's original lines from the 原文 sheet's values (工作表 | 行 | 原文; a long line continues on the next row) */
export function sourceLines(grid: Grid, sheet: string): string[] {
  const lines: string[] = [];
  grid.forEach((row, i) => {
    if (i === 0 || textOf(row[0]) !== sheet) return;
    const line = numberOf(row[1]);
    if (line === null || line < 1 || !Number.isInteger(line)) return;
    const text = row[2];
    lines[line - 1] = (lines[line - 1] ?? '') + (text === '' || text === undefined || text === null ? '' : String(text));
  });
  return Array.from(lines, (l) => l ?? '');
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
