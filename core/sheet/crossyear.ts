/**
 * The rules across years in the workbook. This module is the one place that turns a cross-year
 * instance (rules/crossyear.ts) into formula text — the rows of 校验 and the 同比 sheet both
 * take their formulas from here — with the null semantics of the TypeScript check: a blank
 * on either side is 无法判断.
 */
import { SEVERITY_ZH } from '../findings.ts';
import type { Report } from '../report.ts';
import { crossYearInstances, crossYearTitle, currentCells, evaluateCrossYear, type CrossYearInstance, type JumpRule, type YearSum } from '../rules/crossyear.ts';
import type { VerifyRows } from './bulk.ts';
import { linkFormula, literal, refs, UnrepresentableRule, VERDICT_ZH, type Where } from './formulas.ts';
import type { Layout } from './layout.ts';
import type { RowVerdict } from './overview.ts';
import { VERIFY_COL } from './verify.ts';

export interface YearSheet {
  sheet: string;
  layout: Layout;
  report: Report;
}

/** where each year's cells live */
export interface YearsWhere {
  current: Where;
  previous: Where;
}

export const whereOf = (y: YearSheet): Where => ({ at: (id) => y.layout.addresses[id]!, sheet: y.sheet });

const EPS = '1E-9';

function termRefs(terms: YearSum[], w: YearsWhere): string[] {
  return terms.flatMap((t) => (t.cells.length ? refs(t.cells, w[t.year]) : []));
}

const cellCount = (terms: YearSum[]) => terms.reduce((n, t) => n + t.cells.length, 0);

/** a figure's value: blank when a cell is blank, or when the format has no such figure */
export function figureFormula(s: YearSum, w: YearsWhere): string {
  if (!s.cells.length) return '""';
  const r = refs(s.cells, w[s.year]).join(',');
  const value = s.factor === 1 ? `SUM(${r})` : `SUM(${r})*${s.factor}`;
  return `IF(COUNT(${r})=${s.cells.length},${value},"")`;
}

/** Y1 over two cells (or expressions) holding this year's and last year's figure: 不符 where it jumps */
export function jumpVerdictFormula(r: Pick<JumpRule, 'ratio' | 'floor'>, b: string, a: string, words: { fail: string; pass: string; na: string } = VERDICT_ZH): string {
  const jump = `AND(MAX(${a},${b})>=${r.floor}-${EPS},OR(${b}>=${r.ratio}*${a}-${EPS},${r.ratio}*${b}<=${a}+${EPS}))`;
  return `IF(AND(ISNUMBER(${a}),ISNUMBER(${b})),IF(${jump},${literal(words.fail)},${literal(words.pass)}),${literal(words.na)})`;
}

/** Σ left = Σ right over both years' sheets, as verdictFormula() writes an equation of one sheet */
export function equationVerdictFormula(r: CrossYearInstance, w: YearsWhere): string {
  if (r.kind !== 'cross_year') throw new UnrepresentableRule(`规则 ${r.rule}@${r.at} 不是等式`);
  if ([...r.left, ...r.right].some((t) => t.factor !== 1 || !t.cells.length)) {
    throw new UnrepresentableRule(`规则 ${r.rule}@${r.at} 的跨年等式含有换算或缺少的格子，无法写成 Excel 公式`);
  }
  const [pass, fail, na] = [literal(VERDICT_ZH.pass), literal(VERDICT_ZH.fail), literal(VERDICT_ZH.na)];
  const lr = termRefs(r.left, w).join(',');
  const rr = termRefs(r.right, w).join(',');
  const L = `SUM(${lr})`;
  const R = `SUM(${rr})`;
  const cL = `COUNT(${lr})=${cellCount(r.left)}`;
  const cR = `COUNT(${rr})=${cellCount(r.right)}`;
  return `IF(AND(${cL},${cR}),IF(ABS(${L}-${R})<${EPS},${pass},${fail}),IF(OR(AND(${cL},${R}-${L}>${EPS}),AND(${cR},${L}-${R}>${EPS})),${fail},${na}))`;
}

const sideFormula = (terms: YearSum[], w: YearsWhere) => `SUM(${termRefs(terms, w).join(',')})`;

/** the rows across years of `current` against `previous`, at the rows' current position of 校验 */
export function crossYearRows(v: VerifyRows, current: YearSheet, previous: YearSheet): void {
  const C = VERIFY_COL;
  const w: YearsWhere = { current: whereOf(current), previous: whereOf(previous) };
  for (const r of crossYearInstances(current.report.format, previous.report.format)) {
    const row = v.row;
    const text = (col: number, s: string) => v.put(col, { content: { kind: 'text', text: s }, style: 'text' });
    const formula = (col: number, f: string, style: 'number' | 'text' | 'link' = 'number') => v.put(col, { content: { kind: 'formula', formula: f }, style });
    text(C.工作表, current.sheet);
    text(C.规则, `${r.rule}@${r.at}`);
    text(C.级别, SEVERITY_ZH[r.severity]);
    if (r.kind === 'jump') {
      text(C.说明, `${crossYearTitle(r)}：左边为本年，右边为上一年（“${previous.sheet}”）`);
      const [E, F] = [`E${row}`, `F${row}`];
      formula(C.左边, figureFormula(r.current, w));
      formula(C.右边, figureFormula(r.previous, w));
      formula(C.差额, `IF(AND(ISNUMBER(${E}),ISNUMBER(${F})),${E}-${F},"")`);
      formula(C.结果, jumpVerdictFormula(r, E, F), 'text');
    } else {
      text(C.说明, `${crossYearTitle(r)}（上一年为“${previous.sheet}”）`);
      formula(C.左边, sideFormula(r.left, w));
      formula(C.右边, sideFormula(r.right, w));
      formula(C.差额, `${sideFormula(r.left, w)}-${sideFormula(r.right, w)}`);
      formula(C.结果, equationVerdictFormula(r, w), 'text');
    }
    const at = currentCells(r)[0];
    const a = at ? current.layout.addresses[at] : undefined;
    if (a) formula(C.位置, linkFormula(current.sheet, a, a), 'link');
    v.endRow();
  }
}

/** the same rows as TypeScript sees them */
export function crossYearVerdicts(current: Report, previous: Report): RowVerdict[] {
  const y = { current: (id: string) => current.cells[id]?.value ?? null, previous: (id: string) => previous.cells[id]?.value ?? null };
  return crossYearInstances(current.format, previous.format).map((r) => ({
    id: `${r.rule}@${r.at}`,
    severity: r.severity,
    fail: evaluateCrossYear(r, y).verdict === 'fail',
  }));
}
