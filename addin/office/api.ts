/**
 * The part of the Excel JavaScript API the add-in uses, as plain structural types. The writer
 * and the reader are written against these, so that a test can hand them a recording double;
 * host.ts hands them the real `Excel.RequestContext`, and the compiler checks there that the
 * real API still fits these types.
 *
 * Property types are as wide as the real ones (a string where Excel has an enum of strings),
 * so that the real objects are assignable to them.
 */

export type BorderEdge = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideVertical' | 'InsideHorizontal';

export interface XlBorder {
  style: string;
  color: string;
}

export interface XlFont {
  name: string;
  size: number;
  bold: boolean;
  italic: boolean;
  color: string;
}

export interface XlRangeFormat {
  columnWidth: number;
  rowHeight: number;
  horizontalAlignment: string;
  verticalAlignment: string;
  wrapText: boolean;
  readonly fill: { color: string };
  readonly font: XlFont;
  readonly borders: { getItem(index: BorderEdge): XlBorder };
}

export interface XlConditionalFormat {
  readonly custom: {
    readonly rule: { formula: string };
    readonly format: { readonly fill: { color: string }; readonly font: { color: string } };
  };
}

export interface XlConditionalFormats {
  add(type: 'Custom'): XlConditionalFormat;
}

/** a list drop-down as Office.js takes it (ExcelApi 1.8); `source` is the items joined by commas */
export interface XlDataValidation {
  rule: { list?: { inCellDropDown: boolean; source: unknown } };
  errorAlert: { message: string; showAlert: boolean; style: string; title: string };
}

export interface XlRange {
  /** as read after load('values'): numbers, strings ('' for empty), booleans */
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  columnHidden: boolean;
  readonly format: XlRangeFormat;
  readonly conditionalFormats: XlConditionalFormats;
  /** ExcelApi 1.8 */
  readonly dataValidation: XlDataValidation;
  readonly isNullObject: boolean;
  /** zero-based, of the top-left cell (after load) */
  readonly rowIndex: number;
  readonly columnIndex: number;
  merge(across?: boolean): void;
  select(): void;
  load(propertyNames?: string): unknown;
}

/** several rectangles at once (ExcelApi 1.9) */
export interface XlRangeAreas {
  readonly conditionalFormats: XlConditionalFormats;
  select(): void;
}

export interface XlPageLayout {
  orientation: string;
  paperSize: string;
  centerHorizontally: boolean;
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  setPrintArea(printArea: string): void;
  setPrintTitleRows(printTitleRows: string): void;
  setPrintTitleColumns(printTitleColumns: string): void;
  setPrintMargins(unit: 'Inches', marginOptions: { left?: number; right?: number; top?: number; bottom?: number; header?: number; footer?: number }): void;
}

export interface XlWorksheet {
  name: string;
  /** zero-based place among the sheets */
  position: number;
  readonly isNullObject: boolean;
  readonly freezePanes: { freezeRows(count?: number): void; freezeColumns(count?: number): void; freezeAt(frozenRange: string): void };
  readonly pageLayout: XlPageLayout;
  readonly horizontalPageBreaks: { add(pageBreakRange: string): unknown };
  readonly autoFilter: { apply(range: string, columnIndex?: number, criteria?: { filterOn: 'Values'; values: string[] }): void };
  activate(): void;
  delete(): void;
  getRange(address?: string): XlRange;
  getRanges(address?: string): XlRangeAreas;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
  load(propertyNames?: string): unknown;
}

export interface XlWorksheets {
  readonly items: XlWorksheet[];
  add(name?: string): XlWorksheet;
  getItem(key: string): XlWorksheet;
  getItemOrNullObject(key: string): XlWorksheet;
  getActiveWorksheet(): XlWorksheet;
  load(propertyNames?: string): unknown;
}

export interface XlContext {
  readonly workbook: {
    readonly worksheets: XlWorksheets;
    readonly application: { suspendApiCalculationUntilNextSync(): void; calculate(calculationType: 'Recalculate'): void };
  };
  sync(): Promise<unknown>;
}

/** what the host can do beyond ExcelApi 1.7 (which the manifest requires) */
export interface Capabilities {
  /** ExcelApi 1.8: data validation (the 整改状态 drop-down) */
  api18: boolean;
  /** ExcelApi 1.9: RangeAreas, page layout, page breaks, auto filter */
  api19: boolean;
}

export const ALL_CAPABILITIES: Capabilities = { api18: true, api19: true };
