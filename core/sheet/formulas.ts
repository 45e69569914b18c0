/**
 * Rule instances → formula trees (core/formula), turned into text by the one unparser. The
 * check cells, the 校验 sheet and the conditional formats all take their formulas from here,
 * so the workbook says what the TypeScript check (rules/evaluate.ts) says — the
 * recalculation test proves it, rule instance by rule instance.
 *
 * Blank semantics, as in evaluate.ts: a side is complete when COUNT finds a number in each
 * of its cells. COUNT rather than COUNTBLANK, because text typed into an input cell ("—",
 * 不适用) is no number: the reader of a workbook takes it as blank, and so must the formulas.
 */
import {
  ABS, AND, COUNT, IF, INT, ISBLANK, OR, SUM, bin, call, eq, ge, gt, lt, neg, num, parseCell, rangeRef, ref, refText, str, sub, unparse,
  type Expr, type Ref, type SheetHole,
} from '../formula/index.ts';
import type { CellId } from '../format/types.ts';
import type { EquationRule, RuleInstance } from '../rules/definitions.ts';
import { quoteSheet } from '../formula/index.ts';
import type { Address } from './model.ts';

/** the words of a verdict in the sheet */
export const VERDICT_ZH = { pass: '通过', fail: '不符', na: '无法判断' } as const;

export interface Where {
  /** where a cell id lives on its sheet */
  at: (id: CellId) => Address;
  /** the sheet the cells are on, when the formula is on another sheet (a hole: filled per unit) */
  sheet?: string | SheetHole;
  /** the sheet of one cell, where the cells are on several sheets (rules across years) */
  sheetOf?: (id: CellId) => string | SheetHole | undefined;
  /** `$F$10`: for conditional formats, whose relative references would move */
  absolute?: boolean;
}

/** Thrown at sheet-model time for a rule the formulas cannot express (never a silently missing check). */
export class UnrepresentableRule extends Error {
  override name = 'UnrepresentableRule';
}

// the TypeScript check compares with this tolerance too
const EPS = num(1e-9);

export { quoteSheet };

/** a string literal inside a formula, as text (for callers that still compare text) */
export const literal = (s: string): string => unparse(str(s));

/**
 * The references of a list of cells, neighbours joined into ranges (`F10:L10`), so that a
 * formula stays short enough to read.
 */
export function refExprs(ids: CellId[], w: Where): Ref[] {
  const runs: { sheet: string | SheetHole | undefined; from: Address; to: Address; dc: number; dr: number }[] = [];
  for (const id of ids) {
    const a = w.at(id);
    const sheet = w.sheetOf?.(id) ?? w.sheet;
    const p = parseCell(a);
    const last = runs[runs.length - 1];
    if (last && last.sheet === sheet) {
      const q = parseCell(last.to);
      const dc = p.col - q.col;
      const dr = (p.row as number) - (q.row as number);
      const single = last.from === last.to;
      if ((dc === 1 && dr === 0 && (single || last.dc === 1)) || (dc === 0 && dr === 1 && (single || last.dr === 1))) {
        last.to = a;
        last.dc = dc;
        last.dr = dr;
        continue;
      }
    }
    runs.push({ sheet, from: a, to: a, dc: 0, dr: 0 });
  }
  const o = (s: string | SheetHole | undefined) => ({ ...(s !== undefined ? { sheet: s } : {}), absolute: w.absolute ?? false });
  return runs.map((r) => (r.from === r.to ? ref(r.from, o(r.sheet)) : rangeRef(r.from, r.to, o(r.sheet))));
}

/** the references as text (tests, and readers of a formula) */
export const refs = (ids: CellId[], w: Where): string[] => refExprs(ids, w).map(unparse);

const one = (id: CellId, w: Where): Ref => refExprs([id], w)[0]!;

/** Σ of a side's cells (blanks add nothing) */
export const sumExpr = (ids: CellId[], w: Where): Expr => SUM(...refExprs(ids, w));

/** every cell of the list holds a number */
const completeExpr = (ids: CellId[], w: Where): Expr => eq(COUNT(...refExprs(ids, w)), num(ids.length));

function equationOf(r: RuleInstance): EquationRule {
  if (r.kind !== 'equation') throw new UnrepresentableRule(`规则 ${r.rule}@${r.at} 不是等式，没有左右两边`);
  return r;
}

/** left side minus right side */
export const differenceExpr = (r: RuleInstance, w: Where): Expr => {
  const e = equationOf(r);
  return sub(sumExpr(e.left, w), sumExpr(e.right, w));
};

/**
 * How the verdict reads its inputs. Written once, used two ways: with the sums and counts
 * taken from the report sheet (check cells, paint), or from cells of the 校验 row itself
 * (its 左边/右边 columns), so that a row of 校验 names the report sheet's cells only once.
 */
export interface VerdictInputs {
  L: Expr;
  R: Expr;
  completeL: Expr;
  completeR: Expr;
}

export function equationInputs(r: EquationRule, w: Where): VerdictInputs {
  return { L: sumExpr(r.left, w), R: sumExpr(r.right, w), completeL: completeExpr(r.left, w), completeR: completeExpr(r.right, w) };
}

const [PASS, FAIL, NA] = [str(VERDICT_ZH.pass), str(VERDICT_ZH.fail), str(VERDICT_ZH.na)];

/** an equation's verdict, with the spec's null semantics (evaluate.ts decide()) */
export function equationVerdict(r: EquationRule, x: VerdictInputs): Expr {
  const { L, R, completeL: cL, completeR: cR } = x;
  if (r.relation === '=') {
    // with a blank, a complete side smaller than the known part of the other can never balance
    return IF(
      AND(cL, cR),
      IF(lt(ABS(sub(L, R)), EPS), PASS, FAIL),
      IF(OR(AND(cL, gt(sub(R, L), EPS)), AND(cR, gt(sub(L, R), EPS))), FAIL, NA),
    );
  }
  if (r.relation === '>=') {
    return IF(AND(cL, gt(sub(R, L), EPS)), FAIL, IF(AND(cR, ge(sub(L, R), neg(EPS))), PASS, NA));
  }
  throw new UnrepresentableRule(`规则 ${r.rule}@${r.at} 的关系 ${String((r as { relation: unknown }).relation)} 无法写成公式`);
}

/** a one-cell value rule's verdict on the value `x` (a reference to it, or to a cell showing it) */
export function valueVerdict(r: RuleInstance & { kind: 'value' }, x: Expr): Expr {
  const ok =
    r.valueKind === 'count' ? AND(ge(x, num(0)), eq(x, INT(x)))
    : r.valueKind === 'signed' ? eq(x, INT(x))
    : r.valueKind === 'amount' ? ge(x, num(0))
    : unrepresentable(r, `数值类型 ${String(r.valueKind)}`);
  return IF(eq(COUNT(x), num(0)), NA, IF(ok, PASS, FAIL));
}

/** R2.5 on the count `c` and amount `a` */
export function amountVerdict(c: Expr, a: Expr): Expr {
  return IF(eq(COUNT(a), num(0)), NA, IF(AND(gt(a, num(0)), OR(eq(COUNT(c), num(0)), eq(c, num(0)))), FAIL, IF(eq(COUNT(c), num(0)), NA, PASS)));
}

/** a figure of Y1: Σ cells × factor, blank when a cell is blank or the format has no such figure (evaluate.ts figureValue) */
export function figureExpr(cells: CellId[], factor: number, w: Where): Expr {
  if (!cells.length) return str('');
  const refs = refExprs(cells, w);
  const sum = SUM(...refs);
  return IF(eq(COUNT(...refs), num(cells.length)), factor === 1 ? sum : bin('*', sum, num(factor)), str(''));
}

/** Y1 over this year's figure `b` and last year's `a` (cells or expressions), in the words given (evaluate.ts jumps) */
export function jumpVerdict(r: { ratio: number; floor: number }, b: Expr, a: Expr, words: { fail: string; pass: string; na: string } = VERDICT_ZH): Expr {
  const known = AND(call('ISNUMBER', a), call('ISNUMBER', b));
  const jump = AND(
    ge(call('MAX', a, b), sub(num(r.floor), EPS)),
    OR(ge(b, sub(bin('*', num(r.ratio), a), EPS)), bin('<=', bin('*', num(r.ratio), b), bin('+', a, EPS))),
  );
  return IF(known, IF(jump, str(words.fail), str(words.pass)), str(words.na));
}

/** the verdict as 通过 / 不符 / 无法判断 */
export function verdictExpr(r: RuleInstance, w: Where): Expr {
  switch (r.kind) {
    case 'equation':
      return equationVerdict(r, equationInputs(r, w));
    case 'value':
      return valueVerdict(r, one(r.cell, w));
    case 'amount_without_count':
      return amountVerdict(one(r.count, w), one(r.amount, w));
    case 'jump':
      return jumpVerdict(r, figureExpr(r.current, r.currentFactor, w), figureExpr(r.previous, r.previousFactor, w));
    default:
      return unrepresentable(r, `类型 ${(r as { kind: string }).kind}`);
  }
}

function unrepresentable(r: { rule: string; at: string }, what: string): never {
  throw new UnrepresentableRule(`规则 ${r.rule}@${r.at} 的${what}无法写成 Excel 公式：不能生成标准表`);
}

export const verdictFormula = (r: RuleInstance, w: Where): string => unparse(verdictExpr(r, w));

/** true where the instance is broken: the conditional formats paint with it */
export const brokenFormula = (r: RuleInstance, w: Where): string => unparse(eq(verdictExpr(r, w), FAIL));

/**
 * The check cell beside a table. An equation shows its difference (0 when it holds), or
 * nothing when a blank leaves it undecided; an inequality or R2.5 shows its verdict's words.
 */
export function checkCellFormula(r: RuleInstance, w: Where): string {
  if (r.kind === 'equation' && r.relation === '=') return unparse(IF(eq(verdictExpr(r, w), NA), str(''), differenceExpr(r, w)));
  return unparse(verdictExpr(r, w));
}

/** a link to a cell of another sheet (HYPERLINK works alike in Excel and LibreOffice) */
export const linkExpr = (sheet: string | SheetHole, target: string, text: string): Expr => call('HYPERLINK', refText('#', ref(target, { sheet })), str(text));
export const linkFormula = (sheet: string, target: string, text: string): string => unparse(linkExpr(sheet, target, text));

/** a cell's number as it stands, blank when blank (a plain reference would show 0) */
export const showExpr = (x: Expr): Expr => IF(ISBLANK(x), str(''), x);
export const showCellExpr = (id: CellId, w: Where): Expr => showExpr(one(id, w));

/** an input cell holds no number (blank, or text the reader would take as blank) */
export const blankFormula = (a: Address): string => unparse(eq(COUNT(ref(a)), num(0)));
