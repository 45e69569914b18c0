/**
 * The sheet model: a plain description of a workbook that any writer (exceljs for .xlsx,
 * Office.js for the open workbook) can put on paper. Nothing about layout lives in a writer,
 * and nothing here knows about a writer.
 */
import type { CellId, FormatId } from '../format/types.ts';

/** A1-style address on one sheet, e.g. `F12` */
export type Address = string;

/** the named styles of a workbook; a cell refers to one by name */
export type StyleName =
  | 'title'
  | 'subtitle'
  | 'meta_label'
  | 'meta_value'
  | 'section'
  | 'caption'
  | 'header'
  | 'label'
  | 'label_center'
  | 'input'
  | 'input_amount'
  | 'check'
  | 'check_label'
  | 'marker'
  | 'table_header'
  | 'text'
  | 'text_wrap'
  | 'number'
  | 'link'
  /** the cells of a bordered list (目录): text, wrapped text, number, link */
  | 'grid_text'
  | 'grid_wrap'
  | 'grid_number'
  | 'grid_link';

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  /** ARGB, e.g. FF7F7F7F */
  color?: string;
  fill?: string;
  h?: 'left' | 'center' | 'right';
  v?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  border?: boolean;
  numFmt?: string;
}

/** A cell holds a number, literal text (never a formula, whatever it starts with), or a formula. */
export type CellContent =
  | { kind: 'number'; value: number }
  | { kind: 'text'; text: string }
  /** formula text without the leading `=` */
  | { kind: 'formula'; formula: string }
  /** a styled cell with nothing in it (a blank input, a border inside a merge) */
  | { kind: 'blank' };

export interface CellModel {
  content: CellContent;
  style?: StyleName;
}

/** Paint `ranges` with `style` where `formula` is true; relative references are relative to the first cell of the first range. */
export interface ConditionalFormat {
  ranges: string[];
  formula: string;
  style: 'broken' | 'undecided';
  /** the rule instance it paints, when one (tests check coverage with it) */
  instance?: string;
}

/** how a conditional format paints, in ARGB (Excel's own 'bad' and 'neutral' styles) */
export const PAINT: Record<ConditionalFormat['style'], { fill: string; font: string }> = {
  broken: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  undecided: { fill: 'FFFFEB9C', font: 'FF9C5700' },
};

/** a drop-down of allowed values; anything else typed is refused with `message` */
export interface ListValidation {
  range: string;
  list: readonly string[];
  message: string;
}

/** page margins in inches */
export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
  header: number;
  footer: number;
}

export const DEFAULT_MARGINS: Margins = { left: 0.4, right: 0.4, top: 0.4, bottom: 0.4, header: 0.2, footer: 0.2 };

export interface PrintSetup {
  paper: 'A4';
  /** absent: DEFAULT_MARGINS */
  margins?: Margins;
  orientation: 'landscape' | 'portrait';
  fitToWidth: number;
  /** 0: as many pages tall as needed */
  fitToHeight: number;
  /** a fixed zoom in percent instead of fitting (a sheet too wide to fit legibly: 明细) */
  scale?: number;
  area?: string;
  /** rows repeated on every printed page, e.g. `1:1` */
  titleRows?: string;
  /** columns repeated on every printed page, e.g. `A:A` (the unit column of 明细) */
  titleColumns?: string;
  /** a new printed page starts at each of these rows */
  breaksBefore?: number[];
}

export interface SheetModel {
  name: string;
  /** index: the county workbook's 目录, 校验总览 and 明细 */
  kind: 'report' | 'verify' | 'source' | 'index';
  cells: Map<Address, CellModel>;
  merges: string[];
  /** width per column, index 0 = A, in characters */
  widths: number[];
  /** height per row number (1-based), in points, where the default will not do */
  heights: Map<number, number>;
  hiddenColumns: number[];
  conditionalFormats: ConditionalFormat[];
  /** rows and columns frozen above and left of the scroll area */
  freeze?: { rows: number; columns: number };
  autoFilter?: string;
  /**
   * A filter on the autoFilter range, set when written: rows whose `column` shows none of
   * `values` are hidden, so the sheet prints as those rows only and clearing the filter
   * shows the full list. `hiddenRows` are the rows it hides at writing time (the writers
   * without a live filter, exceljs and the streamed writer, hide them).
   */
  filter?: { column: number; values: string[]; hiddenRows: Set<number> };
  /** a sheet of data for gouji itself, not shown in Excel's tabs */
  hidden?: boolean;
  /** cells whose value is chosen from a list (问题清单's 整改状态) */
  validations?: ListValidation[];
  print: PrintSetup;
  /** report sheets: where each cell id lives (the 校验 sheet and the reader use it) */
  addresses?: Record<CellId, Address>;
  format?: FormatId;
}

export interface WorkbookModel {
  sheets: SheetModel[];
  styles: Record<StyleName, CellStyle>;
  /** font for every cell: one that shows Chinese */
  font: string;
}

export function emptySheet(name: string, kind: SheetModel['kind']): SheetModel {
  return {
    name,
    kind,
    cells: new Map(),
    merges: [],
    widths: [],
    heights: new Map(),
    hiddenColumns: [],
    conditionalFormats: [],
    print: { paper: 'A4', orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 },
  };
}

// ------------------------------------------------------------------ addresses

export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 1-based column and row → `B7` */
export const addr = (col: number, row: number): Address => `${columnLetter(col)}${row}`;

export function parseAddress(a: Address): { col: number; row: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a);
  if (!m) throw new Error(`not an address: ${a}`);
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number(m[2]) };
}

/** the smallest rectangle from A1 holding every address */
export function extent(addresses: Iterable<Address>): { cols: number; rows: number } {
  let cols = 1;
  let rows = 1;
  for (const a of addresses) {
    const p = parseAddress(a);
    cols = Math.max(cols, p.col);
    rows = Math.max(rows, p.row);
  }
  return { cols, rows };
}

export const range = (c1: number, r1: number, c2: number, r2: number): string =>
  c1 === c2 && r1 === r2 ? addr(c1, r1) : `${addr(c1, r1)}:${addr(c2, r2)}`;

/** every address of a range `A1:C3` (or a single address) */
export function rangeAddresses(r: string): Address[] {
  const [a, b = a] = r.split(':') as [string, string?];
  const p = parseAddress(a);
  const q = parseAddress(b!);
  const out: Address[] = [];
  for (let row = Math.min(p.row, q.row); row <= Math.max(p.row, q.row); row++) {
    for (let col = Math.min(p.col, q.col); col <= Math.max(p.col, q.col); col++) out.push(addr(col, row));
  }
  return out;
}

// ------------------------------------------------------------------ a small builder

/** writes cells into a sheet: text, numbers, formulas, merged blocks with their borders */
export class SheetBuilder {
  constructor(readonly sheet: SheetModel) {}

  set(col: number, row: number, content: CellContent, style?: StyleName): Address {
    const a = addr(col, row);
    this.sheet.cells.set(a, style ? { content, style } : { content });
    return a;
  }

  text(col: number, row: number, text: string, style?: StyleName): Address {
    return this.set(col, row, { kind: 'text', text }, style);
  }

  /** a merged block; the cells under it get the style too, so borders show on every edge */
  merged(c1: number, r1: number, c2: number, r2: number, text: string, style: StyleName): Address {
    for (let r = r1; r <= r2; r++) {
      for (let c = c1; c <= c2; c++) this.set(c, r, { kind: 'blank' }, style);
    }
    if (c1 !== c2 || r1 !== r2) this.sheet.merges.push(range(c1, r1, c2, r2));
    return this.text(c1, r1, text, style);
  }

  height(row: number, points: number): void {
    this.sheet.heights.set(row, Math.max(points, this.sheet.heights.get(row) ?? 0));
  }
}
