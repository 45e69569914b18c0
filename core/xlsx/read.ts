/**
 * The reverse path: a workbook with standard sheets (perhaps edited in Excel since) → one
 * Report per standard sheet, so that it can be checked again. A cell is read as its number,
 * or the cached result of its formula; anything else (blank, text, an error) is null, as the
 * sheet's own formulas take it (COUNT).
 */
import ExcelJS from 'exceljs';
import type { Report } from '../report.ts';
import { markedFormat, readStandardSheet, sourceLines, type Shown } from '../sheet/readback.ts';
import { SOURCE_SHEET } from '../sheet/source.ts';
import { unpackedMessage, unzipLimited } from './unzip.ts';

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
  | { ok: false; code: 'not_xlsx' | 'too_large' | 'no_standard_sheet'; message: string; problems: SheetProblem[] };

/**
 * What a workbook may unpack to before exceljs is given it. exceljs holds some 25 times the
 * XML in memory and reads about 1.2 MB of it a second (a 200-unit consolidation: 67 MB
 * unpacked, 1.6 GB and 55 s), so 16 MB — a consolidation of some 50 units, or any `gouji xlsx`
 * workbook — keeps one file under 500 MB and about 15 s.
 */
export const XLSX_LIMITS = { part: 16 * 1024 * 1024, total: 16 * 1024 * 1024 };

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

/** every standard sheet of the workbook, in sheet order; other sheets are passed over */
export async function readWorkbook(data: ArrayBuffer | Uint8Array, source: string): Promise<WorkbookRead> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  // checked within limits first: a small file may unpack to gigabytes
  const z = unzipLimited(bytes, () => true, XLSX_LIMITS, false);
  if (!z.ok && z.code === 'too_large') {
    const message =
      `“${source}”：${unpackedMessage(z.limit)}（其中的 ${z.part}）。gouji 只读取不超过这个大小的工作簿（约 50 个单位的汇总）；` +
      '如果这是很大的汇总工作簿，请直接汇总各单位的原始年报，否则它可能已损坏或是特意构造的压缩包。';
    return { ok: false, code: 'too_large', message, problems: [] };
  }
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
    const get = (a: string) => cellValue(ws.getCell(a));
    if (!markedFormat(get)) continue;
    const read = readStandardSheet(ws.name, get, linesOf(wb, ws.name), `${source}#${ws.name}`);
    if (read.kind === 'moved') problems.push({ sheet: ws.name, message: read.message });
    if (read.kind === 'report') reports.push({ sheet: ws.name, report: read.report });
  }
  if (!reports.length) {
    const message = problems.length
      ? problems.map((p) => p.message).join('\n')
      : `“${source}”中没有标准表：只能读取由 gouji 生成的工作簿中的年报工作表。`;
    return { ok: false, code: 'no_standard_sheet', message, problems };
  }
  return { ok: true, reports, problems };
}
