/**
 * 生成本级报告表格 in the open workbook: the county's 表二, 表三, 表四 and the standard
 * sentences (core/docx/county-tables.ts) from 汇总 as the workbook stands now — recomputed
 * from the unit sheets' numbers as read in this sync, the same way `gouji tables` does, so a
 * stale cached result never reaches the document. Returns the .docx bytes for the pane to save.
 */
import { countyTablesFromSheets } from '../../core/docx/county-tables.ts';
import type { XlContext } from './api.ts';
import { readAllSheets } from './reader.ts';

export type CountyTables =
  | { ok: true; bytes: Uint8Array; name: string; year: number; units: number; blanks: number; syncs: number }
  | { ok: false; message: string; syncs: number };

export async function countyTables(ctx: XlContext): Promise<CountyTables> {
  const all = await readAllSheets(ctx);
  const sheets = all.reads.flatMap((r) => (r.kind === 'report' ? [{ sheet: r.sheet, report: r.report }] : []));
  const made = await countyTablesFromSheets(sheets);
  if (!made) return { ok: false, message: '工作簿中没有“汇总”表：请先点“生成汇总”。', syncs: all.syncs };
  const { county, bytes } = made;
  return { ok: true, bytes, name: county.name, year: county.year, units: county.members.length, blanks: county.blanks.length, syncs: all.syncs };
}
