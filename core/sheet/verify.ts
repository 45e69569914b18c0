/**
 * The 校验 sheet, what a reviewer reads first: one row per rule instance of every report
 * sheet, its two sides, their 差额 and its 结果 as formulas into the report sheet, so that it
 * follows every edit; sort or filter it by 结果.
 */
import { cellInfo } from '../format/cells.ts';
import type { FormatId } from '../format/types.ts';
import { explainFindings } from '../describe.ts';
import { SEVERITY_ZH, type Finding } from '../findings.ts';
import type { Report } from '../report.ts';
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

/** the 结果 of a row that suggests a correction (a cause's likely fix) */
export const SUGGESTION = '建议';
/** what the 校验 sheet shows (and prints) when first opened: the broken rules and the suggestions */
export const SHOWN_RESULTS = [VERDICT_ZH.fail, SUGGESTION];

export interface VerifyInput {
  sheet: string;
  layout: Layout;
  /** the rule instances to show although no finding names them (the summary's broken rules) */
  shown?: Set<string>;
  /** the report's numbers, for the likely fixes (the findings' own numbers when absent) */
  numbers?: Pick<Report, 'format' | 'cells'>;
  /** findings of the reading; those no formula can recompute become static rows */
  findings: Finding[];
  lineAddress: (line: number) => Address | undefined;
}

const WANT: Record<string, string> = { count: '非负整数', signed: '整数', amount: '不小于 0 的金额' };

function describe(format: FormatId, r: RuleInstance): string {
  const title = RULE_TITLES[r.rule]?.(format, r.at) ?? r.rule;
  return r.kind === 'value' ? `${cellInfo(format, r.cell).name}应为${WANT[r.valueKind] ?? r.valueKind}` : title;
}

/** a cause's likely fix, as a row of 校验 above the unit's rules: its rule ids, its words, the cell to correct */
export interface LeadRow {
  rules: string;
  text: string;
  cell: string | undefined;
}

export function leadRows(input: VerifyInput): LeadRow[] {
  const values: Record<string, { value: number | null }> = {};
  for (const f of input.findings) for (const [id, v] of Object.entries(f.values ?? {})) values[id] = { value: v };
  const numbers = input.numbers ?? { format: input.layout.format, cells: values };
  return explainFindings(numbers, input.findings, 'sheet')
    .filter((e) => e.lead !== null)
    .map((e) => ({ rules: e.cause!.rules.join('、'), text: e.lead!, cell: e.cause!.options[0]?.[0]?.cell }));
}

/** the instance ids that fail, by the findings: their rows are shown, the others hidden until the filter is cleared */
export const failingIds = (input: Pick<VerifyInput, 'findings' | 'shown'>): Set<string> =>
  new Set([...input.findings.filter((f) => f.severity !== 'info').map((f) => f.id), ...(input.shown ?? [])]);

export function verifySheet(inputs: VerifyInput[]): SheetModel {
  const sheet = emptySheet(VERIFY_SHEET, 'verify');
  sheet.widths = [16, 36, 6, 70, 10, 10, 10, 10, 9];
  const b = new SheetBuilder(sheet);
  VERIFY_HEADERS.forEach((h, i) => b.text(i + 1, 1, h, 'table_header'));
  const C = VERIFY_COL;
  const hiddenRows = new Set<number>();
  let row = 2;
  for (const input of inputs) {
    const { layout } = input;
    const failing = failingIds(input);
    for (const lead of leadRows(input)) {
      b.text(C.工作表, row, input.sheet, 'text');
      b.text(C.规则, row, lead.rules, 'text');
      b.text(C.级别, row, SEVERITY_ZH.info, 'text');
      b.text(C.说明, row, lead.text, 'text_wrap');
      b.text(C.结果, row, SUGGESTION, 'text');
      const a = lead.cell ? layout.addresses[lead.cell] : undefined;
      if (a) b.set(C.位置, row, { kind: 'formula', formula: linkFormula(input.sheet, a, a) }, 'link');
      row++;
    }
    const w: Where = { at: (id) => layout.addresses[id]!, sheet: input.sheet };
    const instances = ruleInstances(layout.format);
    const formulaIds = new Set(instances.map(instanceId));
    const ruleRow = (r: RuleInstance) => {
      const id = instanceId(r);
      b.text(C.工作表, row, input.sheet, 'text');
      b.text(C.规则, row, id, 'text');
      b.text(C.级别, row, SEVERITY_ZH[r.severity], 'text');
      b.text(C.说明, row, describe(layout.format, r), 'text_wrap');
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
      if (!failing.has(id)) hiddenRows.add(row);
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
      b.text(C.说明, row, finding.message, 'text_wrap');
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
      if (finding.severity === 'info') hiddenRows.add(row);
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
  sheet.filter = { column: C.结果, values: SHOWN_RESULTS, hiddenRows };
  sheet.print = { paper: 'A4', orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, titleRows: '1:1' };
  return sheet;
}
