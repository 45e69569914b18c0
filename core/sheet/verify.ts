/**
 * The 校验 sheet, what a reviewer reads first: one row per rule instance of every report
 * sheet, its two sides, their 差额 and its 结果 as formulas into the report sheet, so that it
 * follows every edit; sort or filter it by 结果.
 */
import { cellInfo } from '../format/cells.ts';
import type { FormatId } from '../format/types.ts';
import { SEVERITY_ZH, type Finding } from '../findings.ts';
import { instanceCells, instanceId, ruleInstances, type RuleInstance } from '../rules/definitions.ts';
import { RULE_TITLES } from '../rules/messages.ts';
import { differenceFormula, linkFormula, literal, showCellFormula, sumFormula, verdictFormula, VERDICT_ZH, type Where } from './formulas.ts';
import type { Layout } from './layout.ts';
import { columnLetter, emptySheet, SheetBuilder, type Address, type SheetModel } from './model.ts';
import { SOURCE_SHEET } from './source.ts';

export const VERIFY_SHEET = '校验';
export const VERIFY_HEADERS = ['工作表', '规则', '级别', '说明', '左边', '右边', '差额', '结果', '位置'] as const;
/** 1-based columns of the 校验 sheet */
export const VERIFY_COL = Object.fromEntries(VERIFY_HEADERS.map((h, i) => [h, i + 1])) as Record<(typeof VERIFY_HEADERS)[number], number>;

export interface VerifyInput {
  sheet: string;
  layout: Layout;
  /** findings of the reading; those no formula can recompute become static rows */
  findings: Finding[];
  lineAddress: (line: number) => Address | undefined;
}

const WANT: Record<string, string> = { count: '非负整数', signed: '整数', amount: '不小于 0 的金额' };

function describe(format: FormatId, r: RuleInstance): string {
  const title = RULE_TITLES[r.rule]?.(format, r.at) ?? r.rule;
  switch (r.kind) {
    case 'value':
      return `${cellInfo(format, r.cell).name}应为${WANT[r.valueKind] ?? r.valueKind}`;
    case 'equation':
      return r.explains ? `（${r.explains} 不符时看本行）若本行通过：${title}` : title;
    default:
      return title;
  }
}

export function verifySheet(inputs: VerifyInput[]): SheetModel {
  const sheet = emptySheet(VERIFY_SHEET, 'verify');
  sheet.widths = [16, 36, 6, 70, 10, 10, 10, 10, 9];
  const b = new SheetBuilder(sheet);
  VERIFY_HEADERS.forEach((h, i) => b.text(i + 1, 1, h, 'table_header'));
  const C = VERIFY_COL;
  let row = 2;
  for (const input of inputs) {
    const { layout } = input;
    const w: Where = { at: (id) => layout.addresses[id]!, sheet: input.sheet };
    const instances = ruleInstances(layout.format);
    const formulaIds = new Set(instances.map(instanceId));
    const ruleRow = (r: RuleInstance) => {
      const id = instanceId(r);
      b.text(C.工作表, row, input.sheet, 'text');
      b.text(C.规则, row, id, 'text');
      b.text(C.级别, row, SEVERITY_ZH[r.severity], 'text');
      b.text(C.说明, row, describe(layout.format, r), 'text');
      const f = (col: number, formula: string) => b.set(col, row, { kind: 'formula', formula }, 'number');
      if (r.kind === 'equation') {
        f(C.左边, sumFormula(r.left, w));
        f(C.右边, sumFormula(r.right, w));
        f(C.差额, differenceFormula(r, w));
      } else if (r.kind === 'value') {
        f(C.左边, showCellFormula(r.cell, w));
      } else {
        f(C.左边, showCellFormula(r.count, w));
        f(C.右边, showCellFormula(r.amount, w));
      }
      b.set(C.结果, row, { kind: 'formula', formula: verdictFormula(r, w) }, 'text');
      const target = layout.checkSlots.get(id) ?? w.at(instanceCells(r)[0]!);
      b.set(C.位置, row, { kind: 'formula', formula: linkFormula(input.sheet, target, target) }, 'link');
      row++;
    };
    // Static rows: S1–S5 (sections, title, rows and cells as the text had them) and R2.6 (the
    // unit an amount was written in) are facts of the original text, which the workbook does
    // not hold; no formula can recompute them. Their 结果 is text from the reading: 不符 for an
    // error or warning, 提示 for information.
    const staticRow = (finding: Finding) => {
      b.text(C.工作表, row, input.sheet, 'text');
      b.text(C.规则, row, finding.id, 'text');
      b.text(C.级别, row, SEVERITY_ZH[finding.severity], 'text');
      b.text(C.说明, row, finding.message, 'text');
      b.text(C.结果, row, finding.severity === 'info' ? '提示' : VERDICT_ZH.fail, 'text');
      const cell = finding.cells[0];
      const line = finding.lines[0];
      const lineAt = line !== undefined ? input.lineAddress(line) : undefined;
      if (cell && layout.addresses[cell]) {
        const a = layout.addresses[cell]!;
        b.set(C.位置, row, { kind: 'formula', formula: linkFormula(input.sheet, a, a) }, 'link');
      } else if (lineAt) {
        b.set(C.位置, row, { kind: 'formula', formula: linkFormula(SOURCE_SHEET, lineAt, `原文第${line}行`) }, 'link');
      }
      row++;
    };
    // the equations first, then what the reading saw, then the one-cell value rules (many, rarely broken)
    instances.filter((r) => r.kind !== 'value').forEach(ruleRow);
    input.findings.filter((f) => !formulaIds.has(f.id)).forEach(staticRow);
    instances.filter((r) => r.kind === 'value').forEach(ruleRow);
  }
  const last = Math.max(row - 1, 1);
  const H = columnLetter(C.结果);
  const results = `${H}2:${H}${Math.max(last, 2)}`;
  sheet.conditionalFormats.push(
    { ranges: [results], formula: `${H}2=${literal(VERDICT_ZH.fail)}`, style: 'broken' },
    { ranges: [results], formula: `${H}2=${literal(VERDICT_ZH.na)}`, style: 'undecided' },
  );
  sheet.freeze = { rows: 1, columns: 0 };
  sheet.autoFilter = `A1:${columnLetter(VERIFY_HEADERS.length)}${last}`;
  sheet.print = { paper: 'A4', orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, titleRows: '1:1' };
  return sheet;
}
