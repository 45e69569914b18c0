/** An .xlsx on the command line → the reports of its standard sheets, checked again as they stand now. */
import { readFileSync, statSync } from 'node:fs';
import { checkReport, type Analysis } from '../core/analyze.ts';
import { sortFindings } from '../core/findings.ts';
import { readWorkbook } from '../core/xlsx/read.ts';
import { MAX_WORKBOOK_BYTES, readFailure } from './input.ts';

export const isWorkbookPath = (path: string): boolean => /\.xlsx$/i.test(path);

export type WorkbookOutcome =
  | { ok: true; sheets: { sheet: string; analysis: Analysis }[]; problems: string[]; summed?: string[] }
  | { ok: false; code: string; message: string };

export async function checkWorkbookFile(path: string): Promise<WorkbookOutcome> {
  let data: Uint8Array;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { ok: false, code: 'is_directory', message: `“${path}”是一个文件夹，不是文件。` };
    if (st.size > MAX_WORKBOOK_BYTES) return { ok: false, code: 'too_large', message: `文件“${path}”超过 ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB 的上限。` };
    data = new Uint8Array(readFileSync(path));
  } catch (e) {
    return readFailure(path, e);
  }
  const read = await readWorkbook(data, path);
  if (!read.ok) return { ok: false, code: read.code, message: read.message };
  return {
    ok: true,
    // a sheet has no text: only the cell rules can be checked again, not sections or title (S1–S5)
    sheets: read.reports.map(({ sheet, report }) => ({
      sheet,
      analysis: { ok: true, report, findings: sortFindings(checkReport(report)), meta: { regions: { t2: null, t3: null, t4: null }, lines: [] } },
    })),
    problems: read.problems.map((p) => p.message),
    ...(read.summed ? { summed: read.summed } : {}),
  };
}
