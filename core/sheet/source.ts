/** The 原文 sheet: every report's original text, one line a row, written as text, so every number can be traced. */
import { emptySheet, SheetBuilder, type Address, type SheetModel } from './model.ts';

/** Excel holds at most 32 767 characters in a cell; a longer line continues on the next row */
export const CELL_MAX = 32_000;

export function chunks(line: string): string[] {
  if (line.length <= CELL_MAX) return [line];
  const out: string[] = [];
  let cur = '';
  for (const ch of line) {
    if (cur.length + ch.length > CELL_MAX) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  return [...out, cur];
}

export const SOURCE_SHEET = '原文';

export interface SourceSheet {
  sheet: SheetModel;
  /** the address of a report's line (1-based), for links from the 校验 sheet */
  lineAddress: (reportSheet: string, line: number) => Address | undefined;
}

/** the 问题 column of a line some finding points at; the sheet opens (and prints) filtered to these */
export const CITED = '见校验';
export const SOURCE_HEADERS = ['工作表', '行', '原文', '问题'] as const;

/** one report's text; `cited`: the lines findings point at (shown when the sheet opens, the rest filtered out) */
export interface SourceText {
  sheet: string;
  lines: string[];
  cited?: Set<number>;
}

/** the frame both builders share: headers, widths, the filter to the cited lines, print */
export function sourceFrame(sheet: SheetModel, lastRow: number, hiddenRows: Set<number>): void {
  sheet.freeze = { rows: 1, columns: 0 };
  sheet.autoFilter = `A1:D${Math.max(lastRow, 1)}`;
  sheet.filter = { column: 4, values: [CITED], hiddenRows };
  sheet.print = { paper: 'A4', orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, titleRows: '1:1' };
}

export function sourceSheet(reports: SourceText[]): SourceSheet {
  const sheet = emptySheet(SOURCE_SHEET, 'source');
  sheet.widths = [16, 7, 120, 8];
  const b = new SheetBuilder(sheet);
  SOURCE_HEADERS.forEach((h, i) => b.text(i + 1, 1, h, 'table_header'));
  const hidden = new Set<number>();
  const where = new Map<string, Address>();
  let row = 2;
  for (const r of reports) {
    r.lines.forEach((line, i) => {
      const parts = chunks(line);
      where.set(`${r.sheet}\n${i + 1}`, `C${row}`);
      for (const part of parts) {
        b.text(1, row, r.sheet, 'text');
        b.set(2, row, { kind: 'number', value: i + 1 }, 'number');
        // text, whatever it starts with: a line reading =HYPERLINK(…) stays a line
        b.text(3, row, part, 'text');
        if (r.cited?.has(i + 1)) b.text(4, row, CITED, 'text');
        else hidden.add(row);
        row++;
      }
    });
  }
  sourceFrame(sheet, row - 1, hidden);
  return { sheet, lineAddress: (s, line) => where.get(`${s}\n${line}`) };
}
