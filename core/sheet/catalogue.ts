/**
 * 目录: what the workbook holds — one row per sheet with its unit, year, format and source
 * file, its errors and warnings (live counts over 校验) and a link to it; then every file that
 * could not be read, with the reason.
 */
import { FORMAT_SHORT } from '../format/facts.ts';
import type { FormatId } from '../format/types.ts';
import { linkFormula } from './formulas.ts';
import { columnLetter, emptySheet, SheetBuilder, type SheetModel } from './model.ts';
import { bool, unparse } from '../formula/index.ts';
import { countFormula, positive, type VerifyBlock } from './overview.ts';
import { VERIFY_COL } from './verify.ts';

export const CATALOGUE_SHEET = '目录';
export const CATALOGUE_HEADERS = ['序号', '工作表', '单位', '年度', '表格格式', '文件类型', '来源文件', '错误', '警告', '说明'] as const;
export const CATALOGUE_COL = Object.fromEntries(CATALOGUE_HEADERS.map((h, i) => [h, i + 1])) as Record<(typeof CATALOGUE_HEADERS)[number], number>;
export const CATALOGUE_HEAD = 4;

export interface CatalogueRow {
  sheet: string;
  unit: string;
  year: number | null;
  format: FormatId;
  /** what the file was: 文本, Markdown, Excel 标准表 … */
  kind: string;
  source: string;
  block: VerifyBlock;
  note?: string;
}

export interface Unreadable {
  source: string;
  reason: string;
}


export function catalogueSheet(title: string, intro: string, summary: CatalogueRow, rows: CatalogueRow[], unreadable: Unreadable[]): SheetModel {
  const sheet = emptySheet(CATALOGUE_SHEET, 'index');
  const b = new SheetBuilder(sheet);
  const C = CATALOGUE_COL;
  const n = CATALOGUE_HEADERS.length;
  sheet.widths = [6, 24, 26, 7, 11, 12, 36, 7, 7, 60];
  b.merged(1, 1, n, 1, title, 'title');
  b.height(1, 28);
  b.merged(1, 2, n, 2, intro, 'subtitle');
  CATALOGUE_HEADERS.forEach((h, i) => b.text(i + 1, CATALOGUE_HEAD, h, 'table_header'));
  let row = CATALOGUE_HEAD + 1;
  const line = (r: CatalogueRow, seq: number | null) => {
    if (seq !== null) b.set(C.序号, row, { kind: 'number', value: seq }, 'number');
    b.set(C.工作表, row, { kind: 'formula', formula: linkFormula(r.sheet, 'A1', r.sheet) }, 'link');
    b.text(C.单位, row, r.unit, 'text');
    if (r.year !== null) b.set(C.年度, row, { kind: 'number', value: r.year }, 'number');
    b.text(C.表格格式, row, FORMAT_SHORT[r.format], 'text');
    b.text(C.文件类型, row, r.kind, 'text');
    b.text(C.来源文件, row, r.source, 'text');
    b.set(C.错误, row, { kind: 'formula', formula: countFormula(r.block, VERIFY_COL.级别, ['错误']) }, 'number');
    b.set(C.警告, row, { kind: 'formula', formula: countFormula(r.block, VERIFY_COL.级别, ['警告']) }, 'number');
    if (r.note) b.text(C.说明, row, r.note, 'text');
    row++;
  };
  line(summary, null);
  const first = row;
  rows.forEach((r, i) => line(r, i + 1));
  for (const u of unreadable) {
    b.text(C.工作表, row, '（未读入）', 'text');
    b.text(C.来源文件, row, u.source, 'text');
    b.text(C.说明, row, u.reason, 'text_wrap');
    row++;
  }
  const last = row - 1;
  const E = columnLetter(C.错误);
  const W = columnLetter(C.警告);
  const from = CATALOGUE_HEAD + 1;
  sheet.conditionalFormats.push(
    { ranges: [`${E}${from}:${E}${last}`], formula: positive(`${E}${from}`), style: 'broken' },
    { ranges: [`${W}${from}:${W}${last}`], formula: positive(`${W}${from}`), style: 'undecided' },
  );
  if (unreadable.length) {
    const S = columnLetter(C.工作表);
    const r0 = first + rows.length;
    sheet.conditionalFormats.push({ ranges: [`${S}${r0}:${S}${last}`], formula: unparse(bool(true)), style: 'broken' });
  }
  sheet.freeze = { rows: CATALOGUE_HEAD, columns: 0 };
  sheet.autoFilter = `A${CATALOGUE_HEAD}:${columnLetter(n)}${last}`;
  sheet.print = { paper: 'A4', orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, titleRows: `${CATALOGUE_HEAD}:${CATALOGUE_HEAD}` };
  return sheet;
}
