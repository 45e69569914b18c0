/**
 * The one place that turns a rule instance into formula text. The check cells, the 校验
 * sheet and the conditional formats all take their formulas from here, so the workbook says
 * what the TypeScript check (rules/evaluate.ts) says — the recalculation test proves it.
 *
 * Formula text has no leading `=`. Sheet names are quoted here and only here.
 *
 * Blank semantics, as in evaluate.ts: a side is complete when COUNT finds a number in each
 * of its cells. COUNT rather than COUNTBLANK, because text typed into an input cell ("—") is
 * no number: the reader of a workbook takes it as blank, and so must the formulas.
 */
import type { CellId } from '../format/types.ts';
import type { EquationRule, RuleInstance } from '../rules/definitions.ts';
import { parseAddress, type Address } from './model.ts';

/** the words of a verdict in the sheet */
export const VERDICT_ZH = { pass: '通过', fail: '不符', na: '无法判断' } as const;

export interface Where {
  /** where a cell id lives on its sheet */
  at: (id: CellId) => Address;
  /** the sheet the cells are on, when the formula is on another sheet */
  sheet?: string;
  /** `$F$10`: for conditional formats, whose relative references would move */
  absolute?: boolean;
}

/** Thrown at sheet-model time for a rule the formulas cannot express (never a silently missing check). */
export class UnrepresentableRule extends Error {
  override name = 'UnrepresentableRule';
}

// the TypeScript check compares with this tolerance too
const EPS = '1E-9';

export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** a string literal inside a formula */
export const literal = (s: string): string => `"${s.replace(/"/g, '""')}"`;

function cellRef(a: Address, absolute: boolean): string {
  return absolute ? a.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2') : a;
}

/**
 * The references of a list of cells, neighbours joined into ranges (`F10:L10`), so that a
 * formula stays short enough to read.
 */
export function refs(ids: CellId[], w: Where): string[] {
  const runs: { from: Address; to: Address; dc: number; dr: number }[] = [];
  for (const id of ids) {
    const a = w.at(id);
    const p = parseAddress(a);
    const last = runs[runs.length - 1];
    if (last) {
      const q = parseAddress(last.to);
      const dc = p.col - q.col;
      const dr = p.row - q.row;
      const single = last.from === last.to;
      if ((dc === 1 && dr === 0 && (single || last.dc === 1)) || (dc === 0 && dr === 1 && (single || last.dr === 1))) {
        last.to = a;
        last.dc = dc;
        last.dr = dr;
        continue;
      }
    }
    runs.push({ from: a, to: a, dc: 0, dr: 0 });
  }
  const prefix = w.sheet !== undefined ? `${quoteSheet(w.sheet)}!` : '';
  const abs = w.absolute ?? false;
  return runs.map((r) => prefix + (r.from === r.to ? cellRef(r.from, abs) : `${cellRef(r.from, abs)}:${cellRef(r.to, abs)}`));
}

/** Σ of a side's cells (blanks add nothing) */
export function sumFormula(ids: CellId[], w: Where): string {
  return `SUM(${refs(ids, w).join(',')})`;
}

/** every cell of the list holds a number */
function complete(ids: CellId[], w: Where): string {
  return `COUNT(${refs(ids, w).join(',')})=${ids.length}`;
}

function equationOf(r: RuleInstance): EquationRule {
  if (r.kind !== 'equation') throw new UnrepresentableRule(`规则 ${r.rule}@${r.at} 不是等式，没有左右两边`);
  return r;
}

/** left side minus right side */
export function differenceFormula(r: RuleInstance, w: Where): string {
  const e = equationOf(r);
  return `${sumFormula(e.left, w)}-${sumFormula(e.right, w)}`;
}

/** the verdict as 通过 / 不符 / 无法判断, with the spec's null semantics (evaluate.ts) */
export function verdictFormula(r: RuleInstance, w: Where): string {
  const [pass, fail, na] = [literal(VERDICT_ZH.pass), literal(VERDICT_ZH.fail), literal(VERDICT_ZH.na)];
  switch (r.kind) {
    case 'equation': {
      const L = sumFormula(r.left, w);
      const R = sumFormula(r.right, w);
      const cL = complete(r.left, w);
      const cR = complete(r.right, w);
      if (r.relation === '=') {
        // with a blank, a complete side smaller than the known part of the other can never balance
        return `IF(AND(${cL},${cR}),IF(ABS(${L}-${R})<${EPS},${pass},${fail}),IF(OR(AND(${cL},${R}-${L}>${EPS}),AND(${cR},${L}-${R}>${EPS})),${fail},${na}))`;
      }
      if (r.relation === '>=') {
        return `IF(AND(${cL},${R}-${L}>${EPS}),${fail},IF(AND(${cR},${L}-${R}>=-${EPS}),${pass},${na}))`;
      }
      throw new UnrepresentableRule(`规则 ${r.rule}@${r.at} 的关系 ${String((r as { relation: unknown }).relation)} 无法写成公式`);
    }
    case 'value': {
      const [x] = refs([r.cell], w) as [string];
      const ok =
        r.valueKind === 'count' ? `AND(${x}>=0,${x}=INT(${x}))`
        : r.valueKind === 'signed' ? `${x}=INT(${x})`
        : r.valueKind === 'amount' ? `${x}>=0`
        : unrepresentable(r, `数值类型 ${String(r.valueKind)}`);
      return `IF(COUNT(${x})=0,${na},IF(${ok},${pass},${fail}))`;
    }
    case 'amount_without_count': {
      const [c] = refs([r.count], w) as [string];
      const [a] = refs([r.amount], w) as [string];
      return `IF(COUNT(${a})=0,${na},IF(AND(${a}>0,OR(COUNT(${c})=0,${c}=0)),${fail},IF(COUNT(${c})=0,${na},${pass})))`;
    }
    default:
      return unrepresentable(r, `类型 ${(r as { kind: string }).kind}`);
  }
}

function unrepresentable(r: { rule: string; at: string }, what: string): never {
  throw new UnrepresentableRule(`规则 ${r.rule}@${r.at} 的${what}无法写成 Excel 公式：不能生成标准表`);
}

/** true where the instance is broken: the conditional formats paint with it */
export function brokenFormula(r: RuleInstance, w: Where): string {
  return `${verdictFormula(r, w)}=${literal(VERDICT_ZH.fail)}`;
}

/**
 * The check cell beside a table. An equation shows its difference (0 when it holds), or
 * nothing when a blank leaves it undecided; an inequality or R2.5 shows its verdict's words.
 */
export function checkCellFormula(r: RuleInstance, w: Where): string {
  if (r.kind === 'equation' && r.relation === '=') {
    return `IF(${verdictFormula(r, w)}=${literal(VERDICT_ZH.na)},"",${differenceFormula(r, w)})`;
  }
  return verdictFormula(r, w);
}

/** a link to a cell of another sheet (HYPERLINK works alike in Excel and LibreOffice) */
export function linkFormula(sheet: string, target: string, text: string): string {
  return `HYPERLINK(${literal(`#${quoteSheet(sheet)}!${target}`)},${literal(text)})`;
}

/** a cell's number as it stands, blank when blank (a plain reference would show 0) */
export function showCellFormula(id: CellId, w: Where): string {
  const [x] = refs([id], w) as [string];
  return `IF(ISBLANK(${x}),"",${x})`;
}

/** an input cell holds no number (blank, or text the reader would take as blank) */
export function blankFormula(a: Address): string {
  return `COUNT(${a})=0`;
}
