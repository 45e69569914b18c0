/**
 * The one unparser: formula tree → formula text (no leading `=`), as both Excel and
 * LibreOffice read it. Sheet names are quoted here and only here; text is escaped here and
 * only here; parentheses go only where precedence needs them.
 *
 * A template formula (one with holes for the sheet and the row, see expr.ts) is unparsed
 * once into parts, and the parts are joined with each unit's sheet and row when written.
 */
import { SHEET_TEXT_HOLE, type Cell, type Expr, type Ref, type RowHole, type SheetHole, type SheetTextHole } from './expr.ts';

/** 'name', with ' doubled: every sheet name is quoted, whatever it holds */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** a string literal */
export const quoteText = (s: string): string => `"${s.replace(/"/g, '""')}"`;

export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const PREC: Record<string, number> = { '=': 1, '<>': 1, '<': 1, '>': 1, '<=': 1, '>=': 1, '&': 2, '+': 3, '-': 3, '*': 4, '/': 4 };

/** a piece of text, or a hole for the sheet (quoted) or the row */
type Piece = string | SheetHole | SheetTextHole | RowHole;

/** what goes in a hole: the quoted sheet name, the same inside a text literal, the row */
export type Hole = 'sheet' | 'sheetText' | 'row';

function number(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`公式中不能有 ${v}`);
  // 1E-9 rather than 1e-9: the way both spreadsheets write it
  return String(v).toUpperCase();
}

function cell(c: Cell, out: Piece[]): void {
  out.push(`${c.absCol ? '$' : ''}${columnLetters(c.col)}${c.absRow ? '$' : ''}`);
  out.push(typeof c.row === 'number' ? String(c.row) : c.row);
}

function reference(r: Ref, out: Piece[]): void {
  if (r.sheet !== undefined) {
    out.push(typeof r.sheet === 'string' ? quoteSheet(r.sheet) : r.sheet, '!');
  }
  cell(r.from, out);
  if (r.to) {
    out.push(':');
    cell(r.to, out);
  }
}

function pieces(e: Expr, out: Piece[]): void {
  switch (e.k) {
    case 'num':
      out.push(number(e.v));
      return;
    case 'str':
      out.push(quoteText(e.v));
      return;
    case 'refText': {
      const inner: Piece[] = [];
      reference(e.ref, inner);
      out.push(`"${e.prefix.replace(/"/g, '""')}`);
      for (const p of inner) out.push(typeof p === 'string' ? p.replace(/"/g, '""') : p.hole === 'sheet' ? SHEET_TEXT_HOLE : p);
      out.push('"');
      return;
    }
    case 'bool':
      out.push(e.v ? 'TRUE' : 'FALSE');
      return;
    case 'ref':
      reference(e, out);
      return;
    case 'call':
      out.push(`${e.fn}(`);
      e.args.forEach((a, i) => {
        if (i) out.push(',');
        pieces(a, out);
      });
      out.push(')');
      return;
    case 'neg': {
      const wrap = e.e.k === 'bin';
      out.push(wrap ? '-(' : '-');
      pieces(e.e, out);
      if (wrap) out.push(')');
      return;
    }
    case 'bin': {
      const p = PREC[e.op]!;
      // left-associative: the left operand needs parentheses only below, the right one also at, the operator's level
      const side = (x: Expr, right: boolean) => {
        const q = x.k === 'bin' ? PREC[x.op]! : Infinity;
        const wrap = right ? q <= p : q < p;
        if (wrap) out.push('(');
        pieces(x, out);
        if (wrap) out.push(')');
      };
      side(e.l, false);
      out.push(e.op);
      side(e.r, true);
      return;
    }
  }
}

/** a formula with holes, cut at them: text parts and, between each two, the hole that goes there */
export interface Template {
  parts: string[];
  holes: Hole[];
}

export function unparseTemplate(e: Expr): Template {
  const ps: Piece[] = [];
  pieces(e, ps);
  const parts: string[] = [''];
  const holes: Hole[] = [];
  for (const p of ps) {
    if (typeof p === 'string') parts[parts.length - 1] += p;
    else {
      holes.push(p.hole);
      parts.push('');
    }
  }
  return { parts, holes };
}

/** the formula text of a tree without holes */
export function unparse(e: Expr): string {
  const t = unparseTemplate(e);
  if (t.holes.length) throw new Error('公式模板还有未填的工作表或行号');
  return t.parts[0]!;
}

/** the quoted sheet name as it stands inside a text literal */
export const sheetInText = (quotedSheet: string): string => quotedSheet.replace(/"/g, '""');

/** a template's text for one sheet (its name quoted) and row */
export function fillTemplate(t: Template, quotedSheet: string, row: number): string {
  let s = t.parts[0]!;
  for (let i = 0; i < t.holes.length; i++) {
    const h = t.holes[i];
    s += (h === 'sheet' ? quotedSheet : h === 'sheetText' ? sheetInText(quotedSheet) : String(row)) + t.parts[i + 1]!;
  }
  return s;
}
