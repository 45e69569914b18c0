/**
 * 变更记录: what each update of the workbook changed — a late report, a replaced version, each
 * cell from what to what, each finding that appeared or went. Earlier entries stay above.
 */
import { CHANGE_HEADERS_ZH, type ChangeEntry } from '../round/changes.ts';
import { columnLetter, emptySheet, SheetBuilder, type SheetModel } from './model.ts';

export const CHANGES_SHEET = '变更记录';
export const CHANGE_HEADERS = CHANGE_HEADERS_ZH;

export function changesSheet(entries: ChangeEntry[]): SheetModel {
  const sheet = emptySheet(CHANGES_SHEET, 'index');
  const b = new SheetBuilder(sheet);
  sheet.widths = [17, 24, 9, 40, 9, 30, 30, 30];
  CHANGE_HEADERS.forEach((h, i) => b.text(i + 1, 1, h, 'table_header'));
  entries.forEach((e, k) => {
    const r = k + 2;
    [e.when, e.unit, e.kind, e.place, e.address, e.from, e.to, e.note].forEach((v, i) => {
      if (v) b.text(i + 1, r, v, i >= 5 ? 'text_wrap' : 'text');
    });
  });
  sheet.freeze = { rows: 1, columns: 0 };
  sheet.autoFilter = `A1:${columnLetter(CHANGE_HEADERS.length)}${Math.max(entries.length + 1, 2)}`;
  sheet.print = { paper: 'A4', orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, titleRows: '1:1' };
  return sheet;
}
