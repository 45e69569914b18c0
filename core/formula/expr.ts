/**
 * Formulas as a small tree. Every formula the workbooks hold — check cells, 校验, 汇总, 明细,
 * 校验总览, 目录, conditional formats — is built from these nodes and turned into text by
 * the one unparser (unparse.ts), which alone quotes sheet names, escapes text and places
 * parentheses. So no sheet module concatenates formula text.
 */

/** the functions the sheets use; Excel and LibreOffice both know them by these names */
export type Fn =
  | 'SUM'
  | 'COUNT'
  | 'COUNTBLANK'
  | 'COUNTIFS'
  | 'IF'
  | 'AND'
  | 'OR'
  | 'NOT'
  | 'ISBLANK'
  | 'ABS'
  | 'INT'
  | 'LARGE'
  | 'HYPERLINK'
  | 'MAX'
  | 'ISNUMBER'
  | 'ROUND';

export type BinaryOp = '+' | '-' | '*' | '/' | '&' | '=' | '<>' | '<' | '>' | '<=' | '>=';

/**
 * A reference to a cell or a range, on the formula's own sheet or on `sheet`. `row` may be
 * a hole filled in when the formula is written (a template row of 校验, see template.ts).
 */
export interface Ref {
  k: 'ref';
  sheet?: string | SheetHole;
  from: Cell;
  to?: Cell;
}

export interface Cell {
  col: number;
  row: number | RowHole;
  absCol?: boolean;
  absRow?: boolean;
}

/** holes of a template formula: the sheet name and the row, given when the formula is written */
export interface SheetHole {
  hole: 'sheet';
}
export interface RowHole {
  hole: 'row';
}
export const SHEET_HOLE: SheetHole = { hole: 'sheet' };
/** the sheet hole inside a text literal: the quoted name with its double quotes doubled */
export interface SheetTextHole {
  hole: 'sheetText';
}
export const SHEET_TEXT_HOLE: SheetTextHole = { hole: 'sheetText' };
export const ROW_HOLE: RowHole = { hole: 'row' };

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | Ref
  | { k: 'call'; fn: Fn; args: Expr[] }
  /** text naming a reference, after a prefix: `"#'一镇'!F10"` for HYPERLINK (its sheet may be a hole) */
  | { k: 'refText'; prefix: string; ref: Ref }
  | { k: 'bin'; op: BinaryOp; l: Expr; r: Expr }
  | { k: 'neg'; e: Expr };

// ------------------------------------------------------------------ constructors

export const num = (v: number): Expr => ({ k: 'num', v });
export const str = (v: string): Expr => ({ k: 'str', v });
export const bool = (v: boolean): Expr => ({ k: 'bool', v });
export const refText = (prefix: string, r: Ref): Expr => ({ k: 'refText', prefix, ref: r });
export const call = (fn: Fn, ...args: Expr[]): Expr => ({ k: 'call', fn, args });
export const bin = (op: BinaryOp, l: Expr, r: Expr): Expr => ({ k: 'bin', op, l, r });
export const neg = (e: Expr): Expr => ({ k: 'neg', e });

export const SUM = (...a: Expr[]) => call('SUM', ...a);
export const COUNT = (...a: Expr[]) => call('COUNT', ...a);
export const IF = (c: Expr, t: Expr, f: Expr) => call('IF', c, t, f);
export const AND = (...a: Expr[]) => call('AND', ...a);
export const OR = (...a: Expr[]) => call('OR', ...a);
export const ISBLANK = (a: Expr) => call('ISBLANK', a);
export const ABS = (a: Expr) => call('ABS', a);
export const INT = (a: Expr) => call('INT', a);

export const add = (l: Expr, r: Expr) => bin('+', l, r);
export const sub = (l: Expr, r: Expr) => bin('-', l, r);
export const eq = (l: Expr, r: Expr) => bin('=', l, r);
export const lt = (l: Expr, r: Expr) => bin('<', l, r);
export const gt = (l: Expr, r: Expr) => bin('>', l, r);
export const ge = (l: Expr, r: Expr) => bin('>=', l, r);

/** a + b + c … (one operand: itself) */
export function plus(parts: Expr[]): Expr {
  if (!parts.length) return num(0);
  return parts.slice(1).reduce((l, r) => add(l, r), parts[0]!);
}

// ------------------------------------------------------------------ references

const A1 = /^(\$?)([A-Z]+)(\$?)(\d+)$/;

function letterToCol(s: string): number {
  let n = 0;
  for (const ch of s) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** `F10` or `$F$10` as a cell */
export function parseCell(a: string): Cell {
  const m = A1.exec(a);
  if (!m) throw new Error(`不是单元格地址：${a}`);
  return { col: letterToCol(m[2]!), row: Number(m[4]), ...(m[1] ? { absCol: true } : {}), ...(m[3] ? { absRow: true } : {}) };
}

export interface RefOptions {
  sheet?: string | SheetHole;
  /** `$F$10`: for conditional formats, whose relative references would move */
  absolute?: boolean;
}

const absolute = (c: Cell, abs?: boolean): Cell => (abs ? { ...c, absCol: true, absRow: true } : c);

/** a cell reference: `F10`, `'一镇'!F10`, `$F$10` */
export function ref(a: string | Cell, o: RefOptions = {}): Ref {
  const from = absolute(typeof a === 'string' ? parseCell(a) : a, o.absolute);
  return o.sheet !== undefined ? { k: 'ref', sheet: o.sheet, from } : { k: 'ref', from };
}

/** a range reference: `F10:L10` */
export function rangeRef(a: string | Cell, b: string | Cell, o: RefOptions = {}): Ref {
  const r = ref(a, o);
  const to = absolute(typeof b === 'string' ? parseCell(b) : b, o.absolute);
  return { ...r, to };
}

/** a cell of a template row: column `col`, the row given when written */
export const rowCell = (col: number): Ref => ({ k: 'ref', from: { col, row: ROW_HOLE } });

/** the same references with a sheet name given */
export function onSheet(r: Ref, sheet: string | SheetHole | undefined): Ref {
  return sheet === undefined ? r : { ...r, sheet };
}
