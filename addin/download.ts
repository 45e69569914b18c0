/**
 * 下载 Excel 文件, for the pane opened outside Excel: the same workbook `gouji xlsx` writes,
 * made with exceljs in the browser. exceljs is large, so it is loaded only when asked for
 * (a separate webpack chunk).
 */
import type { Finding } from '../core/findings.ts';
import type { Report } from '../core/report.ts';
import { buildWorkbook } from '../core/sheet/workbook.ts';
import { saveBytes, XLSX_TYPE } from './save.ts';

/** a file name from the unit and year, without characters file systems refuse */
export function fileName(report: Pick<Report, 'unit' | 'year'>): string {
  const unit = (report.unit ?? '年报').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').trim() || '年报';
  return `${unit}${report.year !== null ? `${report.year}年` : ''}政府信息公开年报.xlsx`;
}

export async function downloadWorkbook(report: Report, findings: Finding[]): Promise<string> {
  const { writeXlsx } = await import(/* webpackChunkName: "xlsx" */ '../core/xlsx/write.ts');
  const bytes = await writeXlsx(buildWorkbook([{ report, findings }]));
  return saveBytes(bytes, fileName(report), XLSX_TYPE);
}
