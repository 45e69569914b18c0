/**
 * 目录: what the workbook holds — one row per unit with its 状态 (已报送 · 有错误 · 有警告,
 * live from its error and warning counts over 校验; 未报送 · 无法读取 as found), unit, year,
 * format and source file and a link to its sheet, with the count of each status at the top.
 * With a roster (名单) the rows are the roster's, in its order; reports not on it, or on two
 * of its rows, are listed apart, and so are earlier years' reports (there for 同比). Then every
 * file that could not be read, with the reason. Which line is which: catalogue-lines.ts.
 */
import { FORMAT_SHORT } from '../format/facts.ts';
import type { FormatId } from '../format/types.ts';
import { UNIT_STATUS, type Line } from './catalogue-lines.ts';
import { call, eq, gt, IF, num, OR, rangeRef, ref, str, unparse } from '../formula/index.ts';
import { linkFormula } from './formulas.ts';
import { columnLetter, emptySheet, SheetBuilder, type SheetModel } from './model.ts';
import { countFormula, positive, type VerifyBlock } from './overview.ts';
import { VERIFY_COL } from './verify.ts';

export const CATALOGUE_SHEET = '目录';
export const CATALOGUE_HEADERS = ['序号', '工作表', '单位', '类别', '状态', '年度', '表格格式', '文件类型', '来源文件', '错误', '警告', '说明'] as const;
export const CATALOGUE_COL = Object.fromEntries(CATALOGUE_HEADERS.map((h, i) => [h, i + 1])) as Record<(typeof CATALOGUE_HEADERS)[number], number>;
export const CATALOGUE_HEAD = 4;
/** the row with the count of each status */
export const CATALOGUE_COUNTS = 3;

export { UNIT_STATUS, type UnitStatus, type Unreadable, type CatalogueRoster } from './catalogue-lines.ts';

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

/** `lines`: catalogueLines over the rows, the unreadable files and the roster, if any */
export function catalogueSheet(title: string, intro: string, summary: CatalogueRow, lines: Line<CatalogueRow>[]): SheetModel {
  const sheet = emptySheet(CATALOGUE_SHEET, 'index');
  const b = new SheetBuilder(sheet);
  const C = CATALOGUE_COL;
  const n = CATALOGUE_HEADERS.length;
  // 说明 wraps in a column of its own size: no wide empty column, no cut text
  sheet.widths = [5, 22, 24, 7, 8, 7, 11, 10, 30, 6, 6, 28];
  b.merged(1, 1, n, 1, title, 'title');
  b.height(1, 28);
  b.merged(1, 2, n, 2, intro, 'subtitle');
  CATALOGUE_HEADERS.forEach((h, i) => b.text(i + 1, CATALOGUE_HEAD, h, 'table_header'));
  let row = CATALOGUE_HEAD + 1;
  const E = columnLetter(C.错误);
  const W = columnLetter(C.警告);
  const S = columnLetter(C.状态);
  /** every cell of the row bordered, filled or not */
  const bordered = () => {
    for (let c = 1; c <= n; c++) b.set(c, row, { kind: 'blank' }, 'grid_text');
  };
  const line = (r: CatalogueRow, seq: number | null, live: boolean) => {
    bordered();
    if (seq !== null) b.set(C.序号, row, { kind: 'number', value: seq }, 'grid_number');
    b.set(C.工作表, row, { kind: 'formula', formula: linkFormula(r.sheet, 'A1', r.sheet) }, 'grid_link');
    b.text(C.单位, row, r.unit, 'grid_text');
    if (r.year !== null) b.set(C.年度, row, { kind: 'number', value: r.year }, 'grid_number');
    b.text(C.表格格式, row, FORMAT_SHORT[r.format], 'grid_text');
    b.text(C.文件类型, row, r.kind, 'grid_text');
    b.text(C.来源文件, row, r.source, 'grid_wrap');
    b.set(C.错误, row, { kind: 'formula', formula: countFormula(r.block, VERIFY_COL.级别, ['错误']) }, 'grid_number');
    b.set(C.警告, row, { kind: 'formula', formula: countFormula(r.block, VERIFY_COL.级别, ['警告']) }, 'grid_number');
    if (r.note) b.text(C.说明, row, r.note, 'grid_wrap');
    if (live) b.set(C.状态, row, { kind: 'formula', formula: statusFormula(`${E}${row}`, `${W}${row}`) }, 'grid_text');
  };
  line(summary, null, false);
  row++;
  const first = row;
  let seq = 0;
  for (const l of lines) {
    switch (l.kind) {
      case 'heading':
        b.merged(1, row, n, row, l.text, 'section');
        break;
      case 'unit':
        line(l.note ? { ...l.row, note: [l.row.note, l.note].filter(Boolean).join('；') } : l.row, ++seq, l.live);
        if (l.roster?.category) b.text(C.类别, row, l.roster.category, 'grid_text');
        break;
      case 'missing':
        bordered();
        b.set(C.序号, row, { kind: 'number', value: ++seq }, 'grid_number');
        b.text(C.单位, row, l.roster.name, 'grid_text');
        b.text(C.状态, row, l.status, 'grid_text');
        if (l.roster.category) b.text(C.类别, row, l.roster.category, 'grid_text');
        if (l.note) b.text(C.说明, row, l.note, 'grid_wrap');
        break;
      case 'unreadable':
        bordered();
        if (l.roster) b.set(C.序号, row, { kind: 'number', value: ++seq }, 'grid_number');
        b.text(C.工作表, row, '（未读入）', 'grid_text');
        if (l.roster) b.text(C.单位, row, l.roster.name, 'grid_text');
        if (l.roster?.category) b.text(C.类别, row, l.roster.category, 'grid_text');
        b.text(C.来源文件, row, l.file.source, 'grid_wrap');
        b.text(C.说明, row, l.file.reason, 'grid_wrap');
        b.text(C.状态, row, '无法读取', 'grid_text');
        break;
    }
    row++;
  }
  const last = Math.max(row - 1, first);
  // the count of each status, over the rows below: live as the statuses are
  const shownStatuses = UNIT_STATUS.filter((s) => s !== '待核对' || lines.some((l) => l.kind === 'missing' && l.status === s));
  shownStatuses.forEach((s, i) => {
    b.text(1 + 2 * i, CATALOGUE_COUNTS, s, 'meta_label');
    b.set(2 + 2 * i, CATALOGUE_COUNTS, { kind: 'formula', formula: unparse(call('COUNTIFS', rangeRef(`${S}${first}`, `${S}${last}`), str(s))) }, 'meta_value');
  });
  const from = CATALOGUE_HEAD + 1;
  sheet.conditionalFormats.push(
    { ranges: [`${E}${from}:${E}${last}`], formula: positive(`${E}${from}`), style: 'broken' },
    { ranges: [`${W}${from}:${W}${last}`], formula: positive(`${W}${from}`), style: 'undecided' },
    { ranges: [`${S}${from}:${S}${last}`], formula: statusIs(`${S}${from}`, ['有错误', '无法读取', '未报送']), style: 'broken' },
    { ranges: [`${S}${from}:${S}${last}`], formula: statusIs(`${S}${from}`, ['有警告', '待核对']), style: 'undecided' },
  );
  sheet.freeze = { rows: CATALOGUE_HEAD, columns: 0 };
  sheet.autoFilter = `A${CATALOGUE_HEAD}:${columnLetter(n)}${last}`;
  sheet.print = { paper: 'A4', orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, titleRows: `${CATALOGUE_HEAD}:${CATALOGUE_HEAD}` };
  return sheet;
}

/** 有错误 / 有警告 / 已报送 from the row's live counts (unitStatus says the same in TypeScript) */
export function statusFormula(errors: string, warnings: string): string {
  return unparse(IF(gt(ref(errors), num(0)), str('有错误'), IF(gt(ref(warnings), num(0)), str('有警告'), str('已报送'))));
}

/** the cell shows one of these statuses */
const statusIs = (cell: string, statuses: string[]) => unparse(OR(...statuses.map((x) => eq(ref(cell), str(x)))));
