/**
 * 下载 Excel 文件, for the pane opened outside Excel: the same workbook `gouji xlsx` writes,
 * made with exceljs in the browser. exceljs is large, so it is loaded only when asked for
 * (a separate webpack chunk).
 */
import type { Finding } from '../core/findings.ts';
import type { Report } from '../core/report.ts';
import { buildWorkbook } from '../core/sheet/workbook.ts';

/** a file name from the unit and year, without characters file systems refuse */
export function fileName(report: Pick<Report, 'unit' | 'year'>): string {
  const unit = (report.unit ?? '年报').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').trim() || '年报';
  return `${unit}${report.year !== null ? `${report.year}年` : ''}政府信息公开年报.xlsx`;
}

export async function downloadWorkbook(report: Report, findings: Finding[]): Promise<string> {
  const { writeXlsx } = await import(/* webpackChunkName: "xlsx" */ '../core/xlsx/write.ts');
  const bytes = await writeXlsx(buildWorkbook([{ report, findings }]));
  return saveBytes(bytes, fileName(report), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
}

/** hand bytes to the browser as a download; returns the file name */
export function saveBytes(bytes: Uint8Array, name: string, type: string): string {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // the browser has the blob once the click is handled; free it a little later
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
