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
import { eq, ref, str, unparse } from '../formula/index.ts';
import { instanceCells as instanceCellsOf, instanceId, ruleInstances, type RuleInstance } from '../rules/definitions.ts';
import { RULE_TITLES } from '../rules/messages.ts';
import { linkFormula, VERDICT_ZH } from './formulas.ts';
import type { Layout } from './layout.ts';
import { columnLetter, emptySheet, SheetBuilder, type Address, type CellModel, type SheetModel } from './model.ts';
import { SOURCE_SHEET } from './source.ts';
import { VERIFY_COL, VERIFY_HEADERS, VERIFY_SHEET } from './verifycols.ts';
import { makeRow, ruleRow, type RowTemplate } from './verifyrow.ts';

export { VERIFY_COL, VERIFY_HEADERS, VERIFY_SHEET };

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

export function describe(format: FormatId, r: RuleInstance): string {
  const title = RULE_TITLES[r.rule]?.(format, r.at) ?? r.rule;
  switch (r.kind) {
    case 'value':
      return `${cellInfo(format, r.cell).name}应为${WANT[r.valueKind] ?? r.valueKind}`;
    default:
      return title;
  }
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

export function leadRowCells(input: Pick<VerifyInput, 'sheet' | 'layout'>, lead: LeadRow): (readonly [number, CellModel])[] {
  const C = VERIFY_COL;
  const text = (col: number, s: string, style: 'text' | 'text_wrap' = 'text') => [col, { content: { kind: 'text', text: s }, style }] as const;
  const out: (readonly [number, CellModel])[] = [
    text(C.工作表, input.sheet),
    text(C.规则, lead.rules),
    text(C.级别, SEVERITY_ZH.info),
    text(C.说明, lead.text, 'text_wrap'),
    text(C.结果, SUGGESTION),
  ];
  const a = lead.cell ? input.layout.addresses[lead.cell] : undefined;
  if (a) out.push([C.位置, { content: { kind: 'formula', formula: linkFormula(input.sheet, a, a) }, style: 'link' }]);
  return out;
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
      for (const [col, cell] of leadRowCells(input, lead)) sheet.cells.set(`${columnLetter(col)}${row}`, cell);
      row++;
    }
    const instances = ruleInstances(layout.format);
    const formulaIds = new Set(instances.map(instanceId));
    const ruleRowAt = (r: RuleInstance) => {
      for (const [col, cell] of makeRow(instanceRow(layout, r), input.sheet, row)) sheet.cells.set(`${columnLetter(col)}${row}`, cell);
      if (!failing.has(instanceId(r))) hiddenRows.add(row);
      row++;
    };
    // Static rows: S1–S5 (sections, title, rows and cells as the text had them) and R2.6 (the
    // unit an amount was written in) are facts of the original text, which the workbook does
    // not hold; no formula can recompute them. Their 结果 is text from the reading: 不符 for an
    // error or warning, 提示 for information.
    const staticRow = (finding: Finding) => {
      for (const [col, cell] of staticRowCells(input, finding)) sheet.cells.set(`${columnLetter(col)}${row}`, cell);
      if (finding.severity === 'info') hiddenRows.add(row);
      row++;
    };
    // the equations first, then what the reading saw, then the one-cell value rules (many, rarely broken)
    instances.filter((r) => r.kind !== 'value').forEach(ruleRowAt);
    input.findings.filter((f) => !formulaIds.has(f.id)).forEach(staticRow);
    instances.filter((r) => r.kind === 'value').forEach(ruleRowAt);
  }
  const last = Math.max(row - 1, 1);
  const H = columnLetter(C.结果);
  const results = `${H}2:${H}${Math.max(last, 2)}`;
  sheet.conditionalFormats.push(...resultPaint(results, `${H}2`));
  sheet.freeze = { rows: 1, columns: 0 };
  sheet.autoFilter = `A1:${columnLetter(VERIFY_HEADERS.length)}${last}`;
  sheet.filter = { column: C.结果, values: SHOWN_RESULTS, hiddenRows };
  sheet.print = { paper: 'A4', orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, titleRows: '1:1' };
  return sheet;
}

/** 结果 in red where 不符, in yellow where 无法判断; `first` is the range's top cell */
export function resultPaint(range: string, first: Address): SheetModel['conditionalFormats'] {
  return [
    { ranges: [range], formula: unparse(eq(ref(first), str(VERDICT_ZH.fail))), style: 'broken' },
    { ranges: [range], formula: unparse(eq(ref(first), str(VERDICT_ZH.na))), style: 'undecided' },
  ];
}

const templates = new WeakMap<Layout, Map<string, RowTemplate>>();

/** the 校验 row template of an instance of a report sheet's layout (made once per format) */
export function instanceRow(layout: Layout, r: RuleInstance): RowTemplate {
  let byId = templates.get(layout);
  if (!byId) templates.set(layout, (byId = new Map()));
  const id = instanceId(r);
  let t = byId.get(id);
  if (!t) {
    const at = (c: string) => layout.addresses[c]!;
    byId.set(id, (t = ruleRow(r, { where: { at }, describe: describe(layout.format, r), target: layout.checkSlots.get(id) ?? at(instanceCellsOf(r)[0]!) })));
  }
  return t;
}

/**
 * A finding of the reading as a row of 校验: S1–S5 (sections, title, rows and cells as the
 * text had them) and R2.6 (the unit an amount was written in) are facts of the original
 * text, which the workbook does not hold; no formula can recompute them. Their 结果 is text
 * from the reading: 不符 for an error or warning, 提示 for information.
 */
export function staticRowCells(
  input: { sheet: string; layout: Layout; lineAddress: (line: number) => Address | undefined },
  finding: Finding,
): (readonly [number, CellModel])[] {
  const C = VERIFY_COL;
  const text = (col: number, s: string) => [col, { content: { kind: 'text', text: s }, style: 'text' }] as const;
  const out: (readonly [number, CellModel])[] = [
    text(C.工作表, input.sheet),
    text(C.规则, finding.id),
    text(C.级别, SEVERITY_ZH[finding.severity]),
    [C.说明, { content: { kind: 'text', text: finding.message }, style: 'text_wrap' }] as const,
    text(C.结果, finding.severity === 'info' ? '提示' : VERDICT_ZH.fail),
  ];
  const cell = finding.cells[0];
  const line = finding.lines[0];
  const lineAt = line !== undefined ? input.lineAddress(line) : undefined;
  const link = (formula: string) => [C.位置, { content: { kind: 'formula', formula }, style: 'link' }] as const;
  if (cell && input.layout.addresses[cell]) {
    const a = input.layout.addresses[cell]!;
    out.push(link(linkFormula(input.sheet, a, a)));
  } else if (lineAt) {
    out.push(link(linkFormula(SOURCE_SHEET, lineAt, `原文第${line}行`)));
  }
  return out;
}
