/**
 * One row of 校验 for one rule instance, as a template: its cells by column, made for a
 * sheet name and a row when the row is written. verify.ts (a few reports) and bulk.ts (a
 * thousand) write the same rows from these templates.
 *
 * The 结果 formula reads the sums in 左边 and 右边 of its own row, and names the report
 * sheet's cells only to count the blanks; a one-cell rule's 结果 reads 左边 alone. So a row
 * names each cell of the report twice at most — the sheet is a fifth of the size it was
 * when every formula of the row repeated every reference.
 */
import { SEVERITY_ZH } from '../findings.ts';
import {
  AND, COUNT, IF, call, eq, str, fillTemplate, num, ROW_HOLE, rowCell, SHEET_HOLE, sub, SUM, unparseTemplate, type Expr, type Template,
} from '../formula/index.ts';
import { instanceCells, instanceId, type RuleInstance } from '../rules/definitions.ts';
import { ComposedFormula } from './composed.ts';
import {
  amountVerdict, equationVerdict, figureExpr, jumpVerdict, linkExpr, quoteSheet, refExprs, showCellExpr, valueVerdict, type Where,
} from './formulas.ts';
import type { Address, CellModel, StyleName } from './model.ts';
import { VERIFY_COL as C } from './verifycols.ts';

/**
 * One cell of a template row, said as data so that a writer may turn the row into its XML
 * once (core/xlsx/rowxml.ts): the same cell in every row, the sheet's name, or a formula
 * whose holes take the sheet and the row.
 */
export type TemplateCell =
  | { col: number; kind: 'fixed'; cell: CellModel }
  | { col: number; kind: 'sheetName'; style: StyleName }
  | { col: number; kind: 'formula'; style: StyleName; template: Template };

/** a row of 校验 as cells by column (1-based, in order), for a sheet name and row still to be given */
export type RowTemplate = TemplateCell[];

export interface RuleRowOptions {
  /** where the rule's cells live; their sheet is the template's sheet hole unless `sheetOf` says otherwise */
  where: Omit<Where, 'sheet'>;
  /** the 说明 text */
  describe: string;
  /** where 位置 links to, on the template's sheet */
  target: Address;
}

const text = (col: number, style: StyleName, s: string): TemplateCell => ({ col, kind: 'fixed', cell: { content: { kind: 'text', text: s }, style } });

function formula(col: number, style: StyleName, e: Expr): TemplateCell {
  const t: Template = unparseTemplate(e);
  // a formula without holes is the same text for every row: made once
  if (!t.holes.length) return { col, kind: 'fixed', cell: { content: { kind: 'formula', formula: fillTemplate(t, '', 0) }, style } };
  return { col, kind: 'formula', style, template: t };
}

/** the template of the 校验 row of one rule instance */
export function ruleRow(r: RuleInstance, o: RuleRowOptions): RowTemplate {
  const w: Where = { ...o.where, sheet: SHEET_HOLE };
  const E = rowCell(C.左边);
  const F = rowCell(C.右边);
  const cells: RowTemplate = [
    { col: C.工作表, kind: 'sheetName', style: 'text' },
    text(C.规则, 'text', instanceId(r)),
    text(C.级别, 'text', SEVERITY_ZH[r.severity]),
    text(C.说明, 'text_wrap', o.describe),
  ];
  switch (r.kind) {
    case 'equation': {
      cells.push(formula(C.左边, 'number', SUM(...refExprs(r.left, w))), formula(C.右边, 'number', SUM(...refExprs(r.right, w))));
      cells.push(formula(C.差额, 'number', sub(E, F)));
      const complete = (ids: string[]) => eq(COUNT(...refExprs(ids, w)), num(ids.length));
      cells.push(formula(C.结果, 'text', equationVerdict(r, { L: E, R: F, completeL: complete(r.left), completeR: complete(r.right) })));
      break;
    }
    case 'value':
      cells.push(formula(C.左边, 'number', showCellExpr(r.cell, w)), formula(C.结果, 'text', valueVerdict(r, E)));
      break;
    case 'amount_without_count':
      cells.push(formula(C.左边, 'number', showCellExpr(r.count, w)), formula(C.右边, 'number', showCellExpr(r.amount, w)));
      cells.push(formula(C.结果, 'text', amountVerdict(E, F)));
      break;
    case 'jump': {
      // 左边 this year's figure, 右边 last year's; 结果 reads them
      cells.push(formula(C.左边, 'number', figureExpr(r.current, r.currentFactor, w)), formula(C.右边, 'number', figureExpr(r.previous, r.previousFactor, w)));
      const known = AND(call('ISNUMBER', E), call('ISNUMBER', F));
      cells.push(formula(C.差额, 'number', IF(known, sub(E, F), str(''))));
      cells.push(formula(C.结果, 'text', jumpVerdict(r, E, F)));
      break;
    }
  }
  cells.push(formula(C.位置, 'link', linkExpr(SHEET_HOLE, o.target, o.target)));
  return cells.sort((a, b) => a.col - b.col);
}

/** one cell of the row for one sheet and row */
export function templateCell(c: TemplateCell, sheet: string, quoted: string, row: number): CellModel {
  switch (c.kind) {
    case 'fixed':
      return c.cell;
    case 'sheetName':
      return { content: { kind: 'text', text: sheet }, style: c.style };
    case 'formula':
      return { content: new ComposedFormula(c.template, quoted, row), style: c.style };
  }
}

/** the row's cells for one sheet and row */
export function makeRow(t: RowTemplate, sheet: string, row: number, quoted = quoteSheet(sheet)): (readonly [number, CellModel])[] {
  return t.map((c) => [c.col, templateCell(c, sheet, quoted, row)] as const);
}

/** the first cell an instance reads, where it has no check cell to link to */
export const firstCell = (r: RuleInstance, at: (id: string) => Address): Address => at(instanceCells(r)[0]!);

export { ROW_HOLE };
