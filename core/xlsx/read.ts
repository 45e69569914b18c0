/**
 * The reverse path: a workbook with standard sheets (perhaps edited in Excel since) → one
 * Report per standard sheet, so that it can be checked again. A cell is read as its number,
 * or the cached result of its formula; anything else (blank, text, an error) is null, as the
 * sheet's own formulas take it (COUNT).
 */
import ExcelJS from 'exceljs';
import type { CellId, FormatId } from '../format/types.ts';
import { FORMAT_IDS } from '../format/types.ts';
import { Report, type Cell } from '../report.ts';
import { LAYOUT_LABEL_STYLES, MARKER_COL, MARKER_PREFIX, standardLayout } from '../sheet/layout.ts';
import { addr } from '../sheet/model.ts';
import { SOURCE_SHEET } from '../sheet/source.ts';

export interface SheetReport {
  /** the worksheet's name as it is now */
  sheet: string;
  report: Report;
}

export interface SheetProblem {
  sheet: string;
  message: string;
}

export type WorkbookRead =
  | { ok: true; reports: SheetReport[]; problems: SheetProblem[] }
  | { ok: false; code: 'not_xlsx' | 'no_standard_sheet'; message: string; problems: SheetProblem[] };

function plain(v: unknown): number | string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return v;
  if (typeof v === 'object') {
    // LibreOffice writes text in several fonts as rich text
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t: { text: string }) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
  }
  return null;
}

/**
 * The value as the spreadsheet shows it: a number, a formula's cached result, or text.
 * A formula's result comes from `cell.result`: exceljs's `cell.value` drops a result of 0.
 */
export function cellValue(cell: ExcelJS.Cell): number | string | null {
  return cell.type === ExcelJS.ValueType.Formula ? plain(cell.result) : plain(cell.value);
}

const numberOf = (v: number | string | null): number | null => (typeof v === 'number' ? v : null);
const textOf = (v: number | string | null): string | null => (v === null ? null : String(v).trim() || null);

function formatOf(ws: ExcelJS.Worksheet): FormatId | null {
  const v = cellValue(ws.getCell(addr(MARKER_COL, 1)));
  if (typeof v !== 'string' || !v.startsWith(MARKER_PREFIX)) return null;
  const f = v.slice(MARKER_PREFIX.length).trim();
  return (FORMAT_IDS as readonly string[]).includes(f) ? (f as FormatId) : null;
}

/** where the table's labels are not where the layout put them, rows or columns were inserted or deleted */
function moved(ws: ExcelJS.Worksheet, format: FormatId): string | null {
  const layout = standardLayout(format);
  for (const [a, cell] of layout.template.cells) {
    if (cell.content.kind !== 'text' || !cell.style || !LAYOUT_LABEL_STYLES.has(cell.style)) continue;
    const got = textOf(cellValue(ws.getCell(a)));
    if (got !== cell.content.text.trim()) return `${a} 应为“${cell.content.text}”，现为“${got ?? ''}”`;
  }
  return null;
}

function linesOf(wb: ExcelJS.Workbook, sheet: string): string[] {
  const ws = wb.getWorksheet(SOURCE_SHEET);
  if (!ws) return [];
  const lines: string[] = [];
  ws.eachRow((row, n) => {
    if (n === 1 || textOf(cellValue(row.getCell(1))) !== sheet) return;
    const line = numberOf(cellValue(row.getCell(2)));
    if (line === null || line < 1) return;
    const text = cellValue(row.getCell(3));
    // a long line continues on the next row with the same number
    lines[line - 1] = (lines[line - 1] ?? '') + (text === null ? '' : String(text));
  });
  return Array.from(lines, (l) => l ?? '');
}

function readSheet(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, format: FormatId, source: string): Report {
  const layout = standardLayout(format);
  const get = (a: string) => cellValue(ws.getCell(a));
  const cells: Record<CellId, Cell> = {};
  for (const [id, a] of Object.entries(layout.addresses)) {
    const v = numberOf(get(a));
    cells[id] = v === null ? { value: null, nullReason: 'blank' } : { value: v };
  }
  const year = numberOf(get(layout.meta.year));
  return Report.parse({
    source: textOf(get(layout.meta.source)) ?? `${source}#${ws.name}`,
    format,
    title: textOf(get(layout.meta.title)),
    titleLine: null,
    unit: textOf(get(layout.meta.unit)),
    year: year !== null && Number.isInteger(year) ? year : null,
    titleYear: null,
    cells,
    sections: [],
    ambiguous: {},
    lines: linesOf(wb, ws.name),
  });
}

/** every standard sheet of the workbook, in sheet order; other sheets are passed over */
export async function readWorkbook(data: ArrayBuffer | Uint8Array, source: string): Promise<WorkbookRead> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as ArrayBuffer);
  } catch {
    return { ok: false, code: 'not_xlsx', message: `“${source}”不是可以读取的 Excel 工作簿（.xlsx）。`, problems: [] };
  }
  return readLoaded(wb, source);
}

/** the same, for a workbook exceljs has loaded already */
export function readLoaded(wb: ExcelJS.Workbook, source: string): WorkbookRead {
  const reports: SheetReport[] = [];
  const problems: SheetProblem[] = [];
  for (const ws of wb.worksheets) {
    const format = formatOf(ws);
    if (!format) continue;
    const change = moved(ws, format);
    if (change) {
      problems.push({ sheet: ws.name, message: `工作表“${ws.name}”的表格结构已被改动（${change}），无法按标准表读取：请不要在标准表中插入或删除行列。` });
      continue;
    }
    reports.push({ sheet: ws.name, report: readSheet(wb, ws, format, source) });
  }
  if (!reports.length) {
    const message = problems.length
      ? problems.map((p) => p.message).join('\n')
      : `“${source}”中没有标准表：只能读取由 gouji 生成的工作簿中的年报工作表。`;
    return { ok: false, code: 'no_standard_sheet', message, problems };
  }
  return { ok: true, reports, problems };
}
