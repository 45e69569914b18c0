/**
 * The reverse path for a workbook exceljs has loaded already (tests that load one to look at
 * its cells). Files are read by read.ts, which streams: exceljs holds some 25 times the XML.
 */
import { DETAIL_SHEET } from '../sheet/summary.ts';
import ExcelJS from 'exceljs';
import { markedFormat, sourceLines, type Shown } from '../sheet/readback.ts';
import { SOURCE_SHEET } from '../sheet/source.ts';
import { StandardSheets, type WorkbookRead } from './read-result.ts';

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

function linesOf(wb: ExcelJS.Workbook, sheet: string): string[] {
  const ws = wb.getWorksheet(SOURCE_SHEET);
  if (!ws) return [];
  const rows: [Shown, Shown, Shown][] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push([cellValue(row.getCell(1)), cellValue(row.getCell(2)), cellValue(row.getCell(3))]);
  });
  return sourceLines(rows, sheet);
}

/** every standard sheet of a loaded workbook, in sheet order; other sheets are passed over */
export function readLoaded(wb: ExcelJS.Workbook, source: string): WorkbookRead {
  const out = new StandardSheets(source);
  for (const ws of wb.worksheets) {
    const get = (a: string) => cellValue(ws.getCell(a));
    if (!markedFormat(get)) continue;
    out.add(ws.name, get, linesOf(wb, ws.name));
  }
  // the units 汇总 sums, as 明细 lists them (column B from row 3)
  const detail = wb.getWorksheet(DETAIL_SHEET);
  const summed: string[] = [];
  detail?.eachRow((row, n) => {
    const u = n >= 3 ? cellValue(row.getCell(2)) : null;
    if (typeof u === 'string' && u.trim()) summed.push(u.trim());
  });
  return out.result(detail ? summed : undefined);
}
