/**
 * 下载退回通知 in the open workbook: the 问题清单 as the user left it (整改状态 set in Excel),
 * read through Office.js into the same core readers `gouji notices` uses (gridCells →
 * readProblems), and one .zip of the notices made by core/docx/notice-set.ts — so the pane
 * hands out the very documents the CLI writes for the same workbook.
 */
import { noticeFiles, noticesZip, noticesZipName } from '../../core/docx/notice-set.ts';
import { noticeUnits } from '../../core/docx/notice.ts';
import { countyOf, gridCells, readProblems } from '../../core/round/readback.ts';
import { CATALOGUE_SHEET } from '../../core/sheet/catalogue.ts';
import { PROBLEMS_SHEET } from '../../core/sheet/problems.ts';
import type { XlContext, XlRange } from './api.ts';

export type Notices =
  | { ok: true; bytes: Uint8Array; name: string; units: string[]; problems: number; syncs: number }
  /** nothing to send back: no unit has a problem still 待整改 */
  | { ok: true; bytes: null; syncs: number }
  | { ok: false; message: string; syncs: number };

export interface NoticeOptions {
  /** as typed: 2025-03-15, 2025年3月15日, or words; absent: 尽快 */
  deadline?: string;
  date: Date;
}

export async function noticesOfWorkbook(ctx: XlContext, o: NoticeOptions): Promise<Notices> {
  const used = (name: string): XlRange => {
    const r = ctx.workbook.worksheets.getItemOrNullObject(name).getUsedRangeOrNullObject(true);
    r.load('values,rowIndex,columnIndex');
    return r;
  };
  const [problems, catalogue] = [used(PROBLEMS_SHEET), used(CATALOGUE_SHEET)];
  await ctx.sync();
  if (problems.isNullObject) return { ok: false, message: `工作簿中没有“${PROBLEMS_SHEET}”表：请先点“生成汇总”，在“${PROBLEMS_SHEET}”中设好整改状态，再下载退回通知。`, syncs: 1 };
  const list = readProblems(gridCells(PROBLEMS_SHEET, problems.values, problems.rowIndex, problems.columnIndex));
  const units = noticeUnits(list);
  if (!units.size) return { ok: true, bytes: null, syncs: 1 };
  const { county, year } = countyOf(catalogue.isNullObject ? null : gridCells(CATALOGUE_SHEET, catalogue.values, catalogue.rowIndex, catalogue.columnIndex));
  const y = year ?? o.date.getFullYear() - 1;
  const deadline = o.deadline?.trim();
  const files = await noticeFiles(list, { year: y, county, date: o.date, ...(deadline ? { deadline } : {}) });
  return {
    ok: true,
    bytes: noticesZip(files),
    name: noticesZipName(county, y),
    units: files.map((f) => f.unit),
    problems: files.reduce((n, f) => n + f.problems, 0),
    syncs: 1,
  };
}
