/**
 * R3.6 in the workbook: one row of 校验 per column of 表三, comparing a unit's 二、上年结转 with
 * 四、结转下年度 on the sheet of its previous year, with the null semantics of the TypeScript
 * check (rules/crossyear.ts): a blank on either side is 无法判断.
 */
import { SEVERITY_ZH } from '../findings.ts';
import type { Report } from '../report.ts';
import { CROSS_YEAR_RULES, crossYearTitle, evaluateCrossYear } from '../rules/crossyear.ts';
import type { VerifyRows } from './bulk.ts';
import { linkFormula, literal, quoteSheet, VERDICT_ZH } from './formulas.ts';
import type { Layout } from './layout.ts';
import type { RowVerdict } from './overview.ts';
import { VERIFY_COL } from './verify.ts';

export interface YearSheet {
  sheet: string;
  layout: Layout;
  report: Report;
}

/** the R3.6 rows of `current` against `previous`, written at the rows' current position */
export function crossYearRows(v: VerifyRows, current: YearSheet, previous: YearSheet): void {
  const C = VERIFY_COL;
  for (const r of CROSS_YEAR_RULES) {
    const at = current.layout.addresses[r.current]!;
    const c = `${quoteSheet(current.sheet)}!${at}`;
    const p = `${quoteSheet(previous.sheet)}!${previous.layout.addresses[r.previous]!}`;
    const both = `AND(COUNT(${c})=1,COUNT(${p})=1)`;
    const text = (col: number, s: string) => v.put(col, { content: { kind: 'text', text: s }, style: 'text' });
    const formula = (col: number, f: string, style: 'number' | 'text' | 'link' = 'number') => v.put(col, { content: { kind: 'formula', formula: f }, style });
    text(C.工作表, current.sheet);
    text(C.规则, `${r.rule}@${r.at}`);
    text(C.级别, SEVERITY_ZH[r.severity]);
    text(C.说明, `${crossYearTitle(r)}（上一年为“${previous.sheet}”）`);
    formula(C.左边, `IF(ISBLANK(${c}),"",${c})`);
    formula(C.右边, `IF(ISBLANK(${p}),"",${p})`);
    formula(C.差额, `IF(${both},${c}-${p},"")`);
    formula(C.结果, `IF(${both},IF(ABS(${c}-${p})<1E-9,${literal(VERDICT_ZH.pass)},${literal(VERDICT_ZH.fail)}),${literal(VERDICT_ZH.na)})`, 'text');
    formula(C.位置, linkFormula(current.sheet, at, at), 'link');
    v.endRow();
  }
}

/** the same rows as TypeScript sees them */
export function crossYearVerdicts(current: Report, previous: Report): RowVerdict[] {
  const cur = (id: string) => current.cells[id]?.value ?? null;
  const prev = (id: string) => previous.cells[id]?.value ?? null;
  return CROSS_YEAR_RULES.map((r) => ({ id: `${r.rule}@${r.at}`, severity: r.severity, fail: evaluateCrossYear(r, cur, prev).verdict === 'fail' }));
}
