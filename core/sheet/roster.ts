/**
 * 名单: the units expected to report, kept in the workbook so that the pane's 生成汇总 and a
 * later update use it, and the user can edit it in Excel (add a row, fix a name, set 类别).
 */
import type { RosterEntry } from '../round/roster.ts';
import { emptySheet, SheetBuilder, type SheetModel } from './model.ts';

export const ROSTER_SHEET = '名单';
export const ROSTER_HEADERS = ['序号', '单位', '类别'] as const;

export function rosterSheet(entries: RosterEntry[]): SheetModel {
  const sheet = emptySheet(ROSTER_SHEET, 'index');
  const b = new SheetBuilder(sheet);
  sheet.widths = [6, 36, 10, 50];
  ROSTER_HEADERS.forEach((h, i) => b.text(i + 1, 1, h, 'table_header'));
  b.text(4, 1, '应报送年报的单位，一行一个；可以在这里增删、改名，下次汇总时按这张表核对谁已报送。', 'text_wrap');
  entries.forEach((e, k) => {
    b.set(1, k + 2, { kind: 'number', value: k + 1 }, 'number');
    b.text(2, k + 2, e.name, 'text');
    if (e.category) b.text(3, k + 2, e.category, 'text');
  });
  sheet.freeze = { rows: 1, columns: 0 };
  sheet.print = { paper: 'A4', orientation: 'portrait', fitToWidth: 1, fitToHeight: 0, titleRows: '1:1' };
  return sheet;
}
