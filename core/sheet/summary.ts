/**
 * 明细 and 汇总: the county's numbers, live.
 *
 * 明细 has one row per unit and one column per cell of the summary's format, each a formula
 * reading that unit's sheet (blank when the unit left it blank). 汇总 is the standard sheet
 * whose every number is the sum of its column in 明细, with its own check cells. So editing
 * a unit's number moves 明细, 汇总 and 汇总's checks; and no formula needs a 3-D reference
 * (LibreOffice reads quoted ones as #NAME?) or a thousand references (Excel stops at 8 192
 * characters).
 *
 * Null semantics as everywhere: a summary cell is blank when a unit that feeds it left its
 * cell blank — never a total that silently counts the blank as 0.
 *
 * Mixed formats: the summary uses the format of most units (gov2021 on a tie). A unit of the
 * other format feeds the cells both formats share (表三, 表四, and the 表二 cells with the same
 * id), and the spec's mapping of （六）其他处理: a gov2019 unit's one row goes into gov2021's
 * “3.其他” (the old row does not say which of the three it was); in a gov2019 summary the three
 * gov2021 rows add up into the one. 表二 cells of one format only are left out for the other.
 */
import { cellIds, cellInfo, formatCells, t3Id } from '../format/cells.ts';
import type { CellId, FormatId } from '../format/types.ts';
import type { Report } from '../report.ts';
import { FORMAT_SHORT, FORMAT_ZH } from '../format/facts.ts';
import { COUNT, eq, IF, num, rangeRef, SHEET_HOLE, str, SUM, unparse, unparseTemplate, type Expr, type Ref, type Template } from '../formula/index.ts';
import { ComposedFormula } from './composed.ts';
import { addChecks } from './checks.ts';
import { linkFormula, quoteSheet, refExprs } from './formulas.ts';
import { copyTemplate, standardLayout } from './layout.ts';
import { columnLetter, emptySheet, SheetBuilder, type CellContent, type CellModel, type SheetModel } from './model.ts';
import { RowCells, type RowSource } from './rows.ts';

export const SUMMARY_SHEET = '汇总';
export const DETAIL_SHEET = '明细';

/** gov2021's three （六） rows, in the order of the table */
const OTHER_ROWS = ['other_no_correction', 'other_unpaid_fee', 'other_misc'] as const;

/**
 * The cells of a unit of format `from` that add up into cell `id` of a summary of format
 * `to`; null when that unit has nothing for it.
 */
export function feeding(to: FormatId, from: FormatId, id: CellId): CellId[] | null {
  if (to === from) return [id];
  const m = /^t3\.(\w+)\.(\w+)$/.exec(id);
  if (m) {
    const [, row, col] = m as unknown as [string, string, string];
    if (to === 'gov2021' && row === 'other_misc') return [t3Id('other_handling', col)];
    if (to === 'gov2019' && row === 'other_handling') return OTHER_ROWS.map((r) => t3Id(r, col));
  }
  return formatCells(from).byId.has(id) ? [id] : null;
}

/** the format of the summary: that of most units, gov2021 on a tie */
export function summaryFormat(formats: FormatId[]): FormatId {
  const n2019 = formats.filter((f) => f === 'gov2019').length;
  return n2019 > formats.length - n2019 ? 'gov2019' : 'gov2021';
}

/** a unit's value for a summary cell: the sum of what feeds it, null when any of that is blank */
function fed(report: Report, cells: CellId[]): number | null {
  let sum = 0;
  for (const id of cells) {
    const v = report.cells[id]?.value ?? null;
    if (v === null) return null;
    sum += v;
  }
  return sum;
}

/** the summary's numbers as the workbook's formulas compute them, in TypeScript */
export function summaryValues(format: FormatId, reports: Report[]): Record<CellId, number | null> {
  const out: Record<CellId, number | null> = {};
  for (const id of cellIds(format)) {
    let sum = 0;
    let any = false;
    let blank = false;
    for (const r of reports) {
      const cells = feeding(format, r.format, id);
      if (!cells) continue;
      any = true;
      const v = fed(r, cells);
      if (v === null) blank = true;
      else sum += v;
    }
    out[id] = !any || blank ? null : sum;
  }
  return out;
}

export interface DetailUnit {
  sheet: string;
  report: Report;
}

const FIRST_ROW = 3;
const FIRST_COL = 5; // E: A 工作表, B 单位, C 年度, D 表格格式

/** per (summary format, unit format): each column's formula with the unit's sheet name left out */
const templates = new Map<string, (Template | null)[]>();

/** the sum of the cells when each holds a number, else blank (a blank never counts as 0) */
function allOrBlank(refs: Ref[], n: number): Expr {
  return IF(eq(COUNT(...refs), num(n)), n === 1 && refs.length === 1 && !refs[0]!.to ? refs[0]! : SUM(...refs), str(''));
}

function detailTemplate(to: FormatId, from: FormatId): (Template | null)[] {
  const key = `${to}|${from}`;
  let t = templates.get(key);
  if (!t) {
    const layout = standardLayout(from);
    t = cellIds(to).map((id) => {
      const cells = feeding(to, from, id);
      if (!cells) return null;
      return unparseTemplate(allOrBlank(refExprs(cells, { at: (c) => layout.addresses[c]!, sheet: SHEET_HOLE }), cells.length));
    });
    templates.set(key, t);
  }
  return t;
}

const DASH: CellModel = { content: { kind: 'text', text: '—' }, style: 'text' };

/** a unit's row of 明细, its formulas made when written */
class DetailRow implements RowSource {
  constructor(
    private readonly fixed: (readonly [number, CellModel])[],
    private readonly parts: (Template | null)[],
    private readonly quoted: string,
    private readonly row: number,
  ) {}
  cells(): (readonly [number, CellModel])[] {
    const out = [...this.fixed];
    for (let i = 0; i < this.parts.length; i++) {
      const p = this.parts[i];
      out.push([FIRST_COL + i, p ? { content: new ComposedFormula(p, this.quoted, this.row), style: 'number' } : DASH]);
    }
    return out;
  }
}

/** 明细: one row per unit, its numbers as the summary's format has them */
export function detailSheet(format: FormatId, units: DetailUnit[]): SheetModel {
  const sheet = emptySheet(DETAIL_SHEET, 'index');
  const b = new SheetBuilder(sheet);
  const ids = cellIds(format);
  sheet.widths = [22, 22, 7, 10, ...ids.map(() => 9)];
  ['工作表', '单位', '年度', '表格格式'].forEach((h, i) => {
    b.text(i + 1, 1, h, 'table_header');
    b.text(i + 1, 2, '', 'marker');
  });
  ids.forEach((id, i) => {
    b.text(FIRST_COL + i, 1, cellInfo(format, id).name, 'table_header');
    // the cell id, for whoever reads the sheet with a program
    b.text(FIRST_COL + i, 2, id, 'marker');
  });
  b.height(1, 96);
  // a thousand units' rows of hundreds of formulas: made when written (rows.ts), not held
  const rows = new RowCells(FIRST_ROW);
  for (const [a, c] of sheet.cells) rows.set(a, c);
  sheet.cells = rows;
  units.forEach((u, k) => {
    const fixed: (readonly [number, CellModel])[] = [
      [1, { content: { kind: 'formula', formula: linkFormula(u.sheet, 'A1', u.sheet) }, style: 'link' }],
      [2, { content: { kind: 'text', text: u.report.unit ?? '' }, style: 'text' }],
    ];
    if (u.report.year !== null) fixed.push([3, { content: { kind: 'number', value: u.report.year }, style: 'number' }]);
    fixed.push([4, { content: { kind: 'text', text: FORMAT_SHORT[u.report.format] }, style: 'text' }]);
    const parts = detailTemplate(format, u.report.format);
    rows.push(new DetailRow(fixed, parts, quoteSheet(u.sheet), FIRST_ROW + k), fixed.length + parts.length);
  });
  sheet.freeze = { rows: 2, columns: 2 };
  sheet.autoFilter = `A2:${columnLetter(FIRST_COL + ids.length - 1)}${Math.max(FIRST_ROW - 1 + units.length, 2)}`;
  // a dozen rows, hundreds of columns: printed small, each page with the headers and the unit's sheet name
  // (46%: the sample county's whole workbook, 问题清单 included, stays within 40 A4 pages)
  sheet.print = { paper: 'A4', orientation: 'landscape', fitToWidth: 0, fitToHeight: 0, scale: 46, titleRows: '1:2', titleColumns: 'A:A' };
  return sheet;
}

export interface SummaryMeta {
  /** the county (or whoever consolidates), e.g. 青岚县 */
  name: string;
  year: number;
  /** how many units 明细 holds, and how many feed each column */
  units: DetailUnit[];
}

/** 汇总: the standard sheet of `format`, every number the sum of its column of 明细 */
export function summarySheet(format: FormatId, meta: SummaryMeta): SheetModel {
  const layout = standardLayout(format);
  const sheet = copyTemplate(layout, SUMMARY_SHEET);
  const put = (a: string, content: CellContent) => sheet.cells.set(a, { ...sheet.cells.get(a), content });
  const n = meta.units.length;
  put(layout.meta.title, { kind: 'text', text: `${meta.name}${meta.year}年政府信息公开工作年度报告汇总（统计表）` });
  put(layout.meta.unit, { kind: 'text', text: `${meta.name}（${n} 个单位汇总）` });
  put(layout.meta.year, { kind: 'number', value: meta.year });
  const mixed = meta.units.some((u) => u.report.format !== format);
  put(layout.meta.source, {
    kind: 'text',
    text: `“${DETAIL_SHEET}”表中 ${n} 个单位之和：每个数字都是公式，随各单位工作表的修改自动更新；有单位留空的格子，汇总也留空。` +
      (mixed ? `有单位使用另一版格式，已按 ${FORMAT_ZH[format]} 折算，见“目录”。` : ''),
  });
  const last = FIRST_ROW - 1 + Math.max(n, 1);
  cellIds(format).forEach((id, i) => {
    const feeders = meta.units.filter((u) => feeding(format, u.report.format, id) !== null).length;
    if (!feeders) return;
    const col = columnLetter(FIRST_COL + i);
    const r = rangeRef(`${col}${FIRST_ROW}`, `${col}${last}`, { sheet: DETAIL_SHEET });
    put(layout.addresses[id]!, { kind: 'formula', formula: unparse(allOrBlank([r], feeders)) });
  });
  addChecks(sheet, layout);
  return sheet;
}
