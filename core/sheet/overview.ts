/**
 * 校验总览: units × rule groups, each cell a live count of the 不符 rows of that unit and
 * group in 校验 (COUNTIFS over the unit's own rows of 校验, so a thousand units stay quick).
 * The same counts in TypeScript (unitCounts) give the command line its summary, and the
 * recalculation test holds the two together.
 */
import type { Finding, Severity } from '../findings.ts';
import type { Report } from '../report.ts';
import { verdicts } from '../rules/check.ts';
import { instanceId, ruleInstances } from '../rules/definitions.ts';
import { AND, call, ge, gt, num, plus, rangeRef, ref, str, SUM, unparse, type Expr } from '../formula/index.ts';
import { linkFormula, VERDICT_ZH } from './formulas.ts';
import { columnLetter, emptySheet, SheetBuilder, type SheetModel } from './model.ts';
import { VERIFY_COL, VERIFY_SHEET } from './verify.ts';

/** rule groups, as Excel wildcards over the rule ids of 校验 (R3.4/R3.5 are not R3.4x: the @ ends the rule) */
export const RULE_GROUPS = [
  { key: 't2', label: '表二', patterns: ['R2.*'] },
  { key: 'R3.1', label: '表三 R3.1\n收支平衡', patterns: ['R3.1@*'] },
  { key: 'R3.2', label: '表三 R3.2\n办理结果合计', patterns: ['R3.2@*'] },
  { key: 'R3.3', label: '表三 R3.3\n申请人合计', patterns: ['R3.3@*'] },
  { key: 't3_other', label: '表三 其他\nR3.4 数值、R3.6 跨年结转', patterns: ['R3.4@*', 'R3.6@*'] },
  { key: 't4', label: '表四', patterns: ['R4.*'] },
  { key: 'structure', label: '结构\nS1–S5、C1 格式折算', patterns: ['S*', 'C*'] },
  { key: 'text', label: '正文\nN1–N8', patterns: ['N*'] },
] as const;

export type GroupKey = (typeof RULE_GROUPS)[number]['key'];

const wildcard = (p: string) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
const GROUP_RES = RULE_GROUPS.map((g) => ({ key: g.key, res: g.patterns.map(wildcard) }));

const groups = new Map<string, GroupKey | undefined>();

/** the group a rule id of 校验 counts in, if any (R3.5 explains, it is in none) */
export function groupOf(id: string): GroupKey | undefined {
  if (groups.has(id)) return groups.get(id);
  const g = GROUP_RES.find((x) => x.res.some((re) => re.test(id)))?.key;
  // rule ids repeat across a thousand units; a finding's own id is as few
  if (groups.size < 100_000) groups.set(id, g);
  return g;
}

const severities = new Map<string, Map<string, Severity>>();
function severityOf(format: Report['format'], id: string): Severity {
  let m = severities.get(format);
  if (!m) severities.set(format, (m = new Map(ruleInstances(format).map((r) => [instanceId(r), r.severity]))));
  return m.get(id)!;
}

/** a row of 校验 as TypeScript sees it: its rule id, level, and whether it says 不符 */
export interface RowVerdict {
  id: string;
  severity: Severity;
  fail: boolean;
}

/**
 * The rows 校验 has for one report sheet, and which of them read 不符 for these numbers:
 * every rule instance (its verdict), the reading's findings no formula recomputes (不符
 * unless information), and the cross-year rows given.
 */
export function verifyVerdicts(report: Report, findings: Finding[], extra: RowVerdict[] = []): RowVerdict[] {
  const get = (id: string) => report.cells[id]?.value ?? null;
  const v = verdicts(report.format, get);
  const rows: RowVerdict[] = [];
  for (const [id, e] of v) rows.push({ id, severity: severityOf(report.format, id), fail: e.verdict === 'fail' });
  const formulaIds = v;
  for (const f of findings) if (!formulaIds.has(f.id)) rows.push({ id: f.id, severity: f.severity, fail: f.severity !== 'info' });
  return [...rows, ...extra];
}

export interface Counts {
  errors: number;
  warnings: number;
  groups: Record<GroupKey, number>;
  /** 不符 in all groups */
  total: number;
}

export function countRows(rows: RowVerdict[]): Counts {
  const groups = Object.fromEntries(RULE_GROUPS.map((g) => [g.key, 0])) as Record<GroupKey, number>;
  let errors = 0;
  let warnings = 0;
  let total = 0;
  for (const r of rows) {
    if (!r.fail) continue;
    if (r.severity === 'error') errors++;
    if (r.severity === 'warning') warnings++;
    const g = groupOf(r.id);
    if (g) {
      groups[g]++;
      total++;
    }
  }
  return { errors, warnings, groups, total };
}

/** the rows of 校验 that belong to one sheet */
export interface VerifyBlock {
  first: number;
  last: number;
}

const verifyRange = (col: number, b: VerifyBlock) => {
  const c = columnLetter(col);
  return rangeRef(`${c}${b.first}`, `${c}${b.last}`, { sheet: VERIFY_SHEET, absolute: true });
};

/** how many rows of the block read 不符 and match the criterion on `col` */
export function countExpr(b: VerifyBlock, col: number, patterns: readonly string[]): Expr {
  const results = verifyRange(VERIFY_COL.结果, b);
  return plus(patterns.map((p) => call('COUNTIFS', verifyRange(col, b), str(p), results, str(VERDICT_ZH.fail))));
}

export const countFormula = (b: VerifyBlock, col: number, patterns: readonly string[]): string => unparse(countExpr(b, col, patterns));

/** Σ of a stretch of one row or column */
const sumOf = (a: string, b: string) => unparse(SUM(rangeRef(a, b)));
/** a cell above zero: the conditional formats' test */
const positive = (a: string) => unparse(gt(ref(a), num(0)));
export { positive, sumOf };

export interface OverviewRow {
  sheet: string;
  unit: string;
  year: number | null;
  block: VerifyBlock;
}

export const OVERVIEW_SHEET = '校验总览';
/** the worst units, by their total, are painted red */
export const WORST = 5;
const HEAD = 3;

/** 校验总览: one row per sheet, one column per rule group, totals; the summary's own checks below */
export function overviewSheet(title: string, rows: OverviewRow[], summary: OverviewRow): SheetModel {
  const sheet = emptySheet(OVERVIEW_SHEET, 'index');
  const b = new SheetBuilder(sheet);
  const nG = RULE_GROUPS.length;
  const totalCol = 3 + nG;
  sheet.widths = [26, 7, ...RULE_GROUPS.map(() => 13), 9];
  b.merged(1, 1, totalCol, 1, title, 'title');
  b.height(1, 28);
  b.merged(1, 2, totalCol, 2, `每格是该工作表在“${VERIFY_SHEET}”表中这一组规则“不符”的条数（公式，随修改自动更新）；合计最多的 ${WORST} 个单位标红。`, 'subtitle');
  ['工作表', '年度', ...RULE_GROUPS.map((g) => g.label), '合计'].forEach((h, i) => b.text(i + 1, HEAD, h, 'table_header'));
  b.height(HEAD, 44);
  const line = (row: number, r: OverviewRow) => {
    b.set(1, row, { kind: 'formula', formula: linkFormula(r.sheet, 'A1', r.sheet) }, 'link');
    if (r.year !== null) b.set(2, row, { kind: 'number', value: r.year }, 'number');
    RULE_GROUPS.forEach((g, i) => b.set(3 + i, row, { kind: 'formula', formula: countFormula(r.block, VERIFY_COL.规则, g.patterns) }, 'number'));
    b.set(totalCol, row, { kind: 'formula', formula: sumOf(`${columnLetter(3)}${row}`, `${columnLetter(totalCol - 1)}${row}`) }, 'number');
  };
  const first = HEAD + 1;
  rows.forEach((r, i) => line(first + i, r));
  const last = first + rows.length - 1;
  const totalRow = last + 1;
  b.text(1, totalRow, '合计', 'table_header');
  for (let c = 3; c <= totalCol; c++) {
    const L = columnLetter(c);
    b.set(c, totalRow, { kind: 'formula', formula: rows.length ? sumOf(`${L}${first}`, `${L}${last}`) : unparse(num(0)) }, 'table_header');
  }
  const summaryRow = totalRow + 2;
  b.text(1, summaryRow - 1, '汇总表自身的校验（各单位之和是否仍合乎勾稽关系）', 'section');
  line(summaryRow, summary);

  const T = columnLetter(totalCol);
  const body = `${columnLetter(3)}${first}:${T}${Math.max(last, first)}`;
  if (rows.length) {
    // any 不符 in yellow; the worst units' names and totals in red over it. One format per
    // column, each over a single range: a format over two ranges needs RangeAreas (ExcelApi
    // 1.9) in the add-in, and Excel 2019 (1.8) must write the same sheet.
    const total = ref(`$${T}${first}`);
    const worst = unparse(AND(gt(total, num(0)), ge(total, call('LARGE', rangeRef(`${T}${first}`, `${T}${last}`, { absolute: true }), num(Math.min(WORST, rows.length))))));
    sheet.conditionalFormats.push(
      { ranges: [`A${first}:A${last}`], formula: worst, style: 'broken' },
      { ranges: [`${T}${first}:${T}${last}`], formula: worst, style: 'broken' },
      { ranges: [body], formula: positive(`${columnLetter(3)}${first}`), style: 'undecided' },
    );
  }
  sheet.conditionalFormats.push({ ranges: [`${columnLetter(3)}${summaryRow}:${T}${summaryRow}`], formula: positive(`${columnLetter(3)}${summaryRow}`), style: 'broken' });
  sheet.freeze = { rows: HEAD, columns: 1 };
  sheet.autoFilter = `A${HEAD}:${T}${Math.max(last, HEAD)}`;
  sheet.print = { paper: 'A4', orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, titleRows: `${HEAD}:${HEAD}` };
  return sheet;
}
