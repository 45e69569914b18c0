/**
 * 问题清单: one row per problem of every unit (round/problems.ts), with a 整改状态 the user
 * chooses from a list (待整改 / 已整改 / 无需整改), a 备注 for notes, and a filter. A hidden
 * 键 column carries each problem's key, so that an update finds the user's status again.
 */
import { eq, ref, str, unparse } from '../formula/index.ts';
import { SEVERITY_ZH } from '../findings.ts';
import { PRESENCE, STATUSES, type Problem } from '../round/problems.ts';
import { linkFormula } from './formulas.ts';
import { textWidth } from './layout.ts';
import { addr, columnLetter, emptySheet, SheetBuilder, type SheetModel } from './model.ts';

export const PROBLEMS_SHEET = '问题清单';
export const PROBLEM_HEADERS = ['序号', '单位', '工作表', '规则', '级别', '表格', '位置', '单元格', '原文行', '原文', '问题', '如何改正', '整改状态', '备注', '当前', '键'] as const;
export const PROBLEM_COL = Object.fromEntries(PROBLEM_HEADERS.map((h, i) => [h, i + 1])) as Record<(typeof PROBLEM_HEADERS)[number], number>;
export const PROBLEM_HEAD = 3;

const WRAPPED = ['位置', '原文', '问题', '如何改正', '备注'] as const;
const cellText = (sheet: SheetModel, col: number, row: number): string => {
  const c = sheet.cells.get(addr(col, row))?.content;
  return c?.kind === 'text' ? c.text : '';
};

export function problemsSheet(title: string, problems: Problem[]): SheetModel {
  const sheet = emptySheet(PROBLEMS_SHEET, 'index');
  const b = new SheetBuilder(sheet);
  const C = PROBLEM_COL;
  const n = PROBLEM_HEADERS.length;
  sheet.widths = [5, 20, 16, 8, 6, 6, 26, 9, 7, 30, 50, 30, 10, 20, 7, 12];
  sheet.hiddenColumns = [C.键];
  b.merged(1, 1, n - 1, 1, title, 'title');
  b.height(1, 28);
  b.merged(
    1, 2, n - 1, 2,
    `共 ${problems.filter((p) => p.current).length} 个问题。“整改状态”可从下拉列表中选择；“备注”可以自由填写——用新交的年报更新本工作簿时，两者都会保留；` +
      `已不存在的问题自动标为“已整改”，“当前”一列写“${PRESENCE.gone}”。`,
    'subtitle',
  );
  PROBLEM_HEADERS.forEach((h, i) => b.text(i + 1, PROBLEM_HEAD, h, 'table_header'));
  let row = PROBLEM_HEAD + 1;
  for (const [k, p] of problems.entries()) {
    b.set(C.序号, row, { kind: 'number', value: k + 1 }, 'number');
    b.text(C.单位, row, p.unit, 'text');
    b.set(C.工作表, row, { kind: 'formula', formula: linkFormula(p.sheet, p.address.replace(/ 等$/, '') || 'A1', p.sheet) }, 'link');
    b.text(C.规则, row, p.rule, 'text');
    b.text(C.级别, row, SEVERITY_ZH[p.severity], 'text');
    b.text(C.表格, row, p.table, 'text');
    if (p.place) b.text(C.位置, row, p.place, 'text_wrap');
    if (p.address) b.text(C.单元格, row, p.address, 'text');
    if (p.line !== null) b.set(C.原文行, row, { kind: 'number', value: p.line }, 'number');
    if (p.quote) b.text(C.原文, row, p.quote, 'text_wrap');
    b.text(C.问题, row, p.what, 'text_wrap');
    b.text(C.如何改正, row, p.fix, 'text_wrap');
    b.text(C.整改状态, row, p.status, 'text');
    if (p.note) b.text(C.备注, row, p.note, 'text_wrap');
    b.text(C.当前, row, p.current ? PRESENCE.current : PRESENCE.gone, 'text');
    b.text(C.键, row, p.key, 'text');
    // wrapped text needs its height: engines do not grow a row on their own when printing
    const lines = Math.max(1, ...WRAPPED.map((h) => Math.ceil(textWidth(cellText(sheet, C[h], row)) / (sheet.widths[C[h] - 1]! - 1))));
    if (lines > 1) b.height(row, 14 * Math.min(lines, 12));
    row++;
  }
  // room below the list: statuses typed there are checked too
  const last = Math.max(row - 1, PROBLEM_HEAD + 1);
  const S = columnLetter(C.整改状态);
  sheet.validations = [{ range: `${S}${PROBLEM_HEAD + 1}:${S}${last}`, list: STATUSES, message: `请从列表中选择：${STATUSES.join('、')}。` }];
  const L = columnLetter(C.级别);
  sheet.conditionalFormats.push(
    { ranges: [`${S}${PROBLEM_HEAD + 1}:${S}${last}`], formula: unparse(eq(ref(`${S}${PROBLEM_HEAD + 1}`), str('待整改'))), style: 'undecided' },
    { ranges: [`${L}${PROBLEM_HEAD + 1}:${L}${last}`], formula: unparse(eq(ref(`${L}${PROBLEM_HEAD + 1}`), str('错误'))), style: 'broken' },
  );
  sheet.freeze = { rows: PROBLEM_HEAD, columns: 2 };
  sheet.autoFilter = `A${PROBLEM_HEAD}:${columnLetter(n - 1)}${last}`;
  sheet.print = { paper: 'A4', orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, titleRows: `${PROBLEM_HEAD}:${PROBLEM_HEAD}` };
  return sheet;
}
